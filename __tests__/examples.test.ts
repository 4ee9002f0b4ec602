/** The example specs: the YAML and embedded default stay equal, the plain root stays generated, the presets spec stays valid. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSpec } from '../src/examples/default-spec';
import { PLAIN_ROOT_EXAMPLE, plainRootExample } from '../src/examples/plain-root-example';
import { loadSpecFile, validateSpec } from '../src/input/load';
import { CI_PRESETS } from '../src/input/trust-types/ci-presets';

const PROJECT = join(__dirname, '..');

test('examples/default/spec.yaml is the embedded default spec', () => {
  expect(loadSpecFile(join(PROJECT, 'examples', 'default', 'spec.yaml')).spec).toEqual(validateSpec(defaultSpec).spec);
});

test('examples/plain-terraform/main.tf is what `npm run examples` generates', () => {
  expect(readFileSync(join(PROJECT, PLAIN_ROOT_EXAMPLE), 'utf8')).toBe(plainRootExample());
});

test('the Connections trust names the scenario Deployment, connections-app', () => {
  const trust = validateSpec(defaultSpec).spec.accounts.find((a) => a.name === 'connections')!.roles[0].trust[0];
  expect(trust).toMatchObject({ type: 'kubernetes-service-account', serviceAccount: 'connections-serviceaccount-s3', deployment: 'connections-app' });
});

test('GIVEN examples/presets/spec.yaml THEN it uses every CI preset (from their records) and every other new trust type', () => {
  const spec = loadSpecFile(join(PROJECT, 'examples', 'presets', 'spec.yaml')).spec;
  const types = new Set(spec.accounts.flatMap((a) => a.roles.flatMap((r) => r.trust.map((t) => t.type))));
  const others = ['aws-organization', 'eks-pod-identity', 'github-actions', 'iam-user', 'web-identity'];
  // A new preset's record fails this until the example uses it (CONTRIBUTING.md, "Adding a CI issuer preset").
  expect([...types].sort()).toEqual([...CI_PRESETS.map((p) => p.type), ...others].sort());
});
