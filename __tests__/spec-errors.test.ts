/**
 * Bad input: every problem names the file, the field path and the fix, all
 * problems come at once, and nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError, type Problem } from '../src/errors';
import { defaultSpec } from '../src/examples/default-spec';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile, parseSpecYaml, validateSpec } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';
import { synthesize } from '../src/synth';
import { eksRoleYaml, expectOneProblem } from './helpers/spec';
import { tempDir } from './helpers/synth';

function thrownProblems(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SpecError);
    return [...(e as SpecError).problems];
  }
  throw new Error('expected a SpecError, but nothing was thrown');
}

const yamlProblems = (text: string) => thrownProblems(() => resolveModel(parseSpecYaml(text, 'spec.yaml')));

const MINIMAL = eksRoleYaml('{ type: kubernetes-service-account, issuer: cluster, namespace: jobs, serviceAccount: runner }');

describe('a valid minimal spec', () => {
  test('resolves', () => {
    const model = resolveModel(parseSpecYaml(MINIMAL, 'spec.yaml'));
    expect(model.accounts[0].roles[0].arn).toBe('arn:aws:iam::111111111111:role/job');
  });
});

describe('bad input names file, line, field and fix', () => {
  test.each<[string, string, string, RegExp, RegExp]>([
    ['an account id that is not 12 digits', MINIMAL.replace('"111111111111"', '"12345"'), 'accounts[0].id', /exactly 12 digits/, /quoted string/],
    [
      'an unquoted account id that lost its leading zero',
      MINIMAL.replace('"111111111111"', '011111111111'),
      'accounts[0].id',
      /exactly 12 digits/,
      /leading zeros/,
    ],
    [
      'an unknown field',
      MINIMAL.replace('region: eu-west-1', 'region: eu-west-1\n    regoin: x'),
      'accounts[0]',
      /unknown field "regoin"/,
      /remove the field or correct its spelling/,
    ],
    [
      'an unknown trust type',
      MINIMAL.replace('type: kubernetes-service-account', 'type: k8s'),
      'accounts[0].roles[0].trust[0].type',
      /unknown trust type/,
      /kubernetes-service-account/,
    ],
    [
      'an environment wildcard not asked for',
      MINIMAL.replace(
        '{ type: kubernetes-service-account, issuer: cluster, namespace: jobs, serviceAccount: runner }',
        '{ type: data-platform-project, issuer: cluster, project: p, environment: "*" }',
      ),
      'accounts[0].roles[0].trust[0].environment',
      /without wildcards/,
      /allEnvironments: true/,
    ],
    [
      'a role name over 64 characters',
      MINIMAL.replace('name: job', `name: ${'r'.repeat(65)}`),
      'accounts[0].roles[0].name',
      /has 65 characters; IAM allows at most 64/,
      /shorten/,
    ],
    [
      'a session over 12 hours',
      MINIMAL.replace('name: job', 'name: job\n        maxSessionDuration: 43201'),
      'accounts[0].roles[0].maxSessionDuration',
      /above 43200 seconds/,
      /3600/,
    ],
  ])('%s', (_, text, path, message, fix) => {
    expectOneProblem(yamlProblems(text), path, message, fix);
  });

  test('YAML that does not parse', () => {
    const [p] = yamlProblems('accounts:\n  - name: a\n   id: [unclosed\n');
    expect(p.file).toBe('spec.yaml');
    expect(p.path).toMatch(/^line \d+, column \d+$/);
    expect(p.message).toMatch(/not valid YAML/);
  });

  test('duplicate keys are an error, not a silent overwrite', () => {
    const [p] = yamlProblems(MINIMAL.replace('region: eu-west-1', 'region: eu-west-1\n    region: eu-west-2'));
    expect(p.message).toMatch(/the key "region" appears twice in the same map \(the second time at line \d+\)/);
    expect(p.fix).toBe('keep one "region" in that map: remove or rename the other');
  });

  test('a reference to an unknown issuer', () => {
    const [p] = yamlProblems(MINIMAL.replace('issuer: cluster,', 'issuer: clustr,'));
    // Reference errors carry the line, like field errors (issue 11).
    expect(p).toMatchObject({ file: 'spec.yaml:13', path: 'accounts[0].roles[0].trust[0].issuer', message: 'issuer "clustr" is not declared' });
    expect(p.fix).toMatch(/declared issuers \(cluster\)/);
  });

  test("an issuer with no provider in the role's account", () => {
    const [p] = yamlProblems(MINIMAL.replace('oidcProviders: { cluster: existing }', ''));
    expect(p.path).toBe('accounts[0].roles[0].trust[0].issuer');
    expect(p.message).toBe('issuer "cluster" has no OIDC provider in account "platform"');
    expect(p.fix).toMatch(/`cluster: create`.*accounts\[0\]\.oidcProviders/);
  });

  test('a reference to an unknown account', () => {
    const text = MINIMAL.replace(
      '{ type: kubernetes-service-account, issuer: cluster, namespace: jobs, serviceAccount: runner }',
      '{ type: aws-role, role: airflow, account: shared }',
    );
    const [p] = yamlProblems(text);
    expect(p).toMatchObject({ path: 'accounts[0].roles[0].trust[0].account', message: 'account "shared" is not declared' });
  });

  test('a role name used twice in one account, differing only in case', () => {
    const text = MINIMAL.replace('    roles:\n', '    roles:\n      - name: JOB\n        trust: [{ type: aws-service, service: s3.amazonaws.com }]\n');
    const [p] = yamlProblems(text);
    expect(p.path).toBe('accounts[0].roles[1].name');
    expect(p.message).toMatch(/role name "job" is used twice in account "platform"/);
    expect(p.fix).toMatch(/rename/);
  });

  test('a trusted role name that is not declared', () => {
    const text = MINIMAL.replace(
      '{ type: kubernetes-service-account, issuer: cluster, namespace: jobs, serviceAccount: runner }',
      '{ type: aws-role, role: missing }',
    );
    const [p] = yamlProblems(text);
    expect(p).toMatchObject({ path: 'accounts[0].roles[0].trust[0].role', message: 'role "missing" is not declared in account "platform"' });
    expect(p.fix).toMatch(/full ARN/);
  });

  test('every problem is reported at once', () => {
    const text = MINIMAL.replace('"111111111111"', '"1"').replace('name: job', 'name: "bad name"');
    expect(yamlProblems(text).map((p) => p.path)).toEqual(['accounts[0].id', 'accounts[0].roles[0].name']);
  });

  test('the TypeScript API reports the same problems, against <inline>', () => {
    const bad = { ...defaultSpec, accounts: [{ ...defaultSpec.accounts[0], id: '1234' }] } as SpecInput;
    const [p] = thrownProblems(() => validateSpec(bad));
    expect(p).toMatchObject({ file: '<inline>', path: 'accounts[0].id' });
  });

  test('a missing spec file', () => {
    const [p] = thrownProblems(() => loadSpecFile('/nonexistent/spec.yaml'));
    expect(p).toMatchObject({ file: '/nonexistent/spec.yaml', message: 'cannot read the spec: ENOENT' });
  });
});

describe('nothing is written on bad input', () => {
  test('no cdktf.out and no modules/ appear', () => {
    const dir = tempDir();
    const loaded = parseSpecYaml(MINIMAL.replace('issuer: cluster,', 'issuer: nope,'), 'spec.yaml');
    expect(() => synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') })).toThrow(SpecError);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
    expect(existsSync(join(dir, 'modules'))).toBe(false);
  });

  test('an existing modules/ is left exactly as it was', () => {
    const dir = tempDir();
    const good = parseSpecYaml(MINIMAL, 'spec.yaml');
    synthesize(good, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
    const before = readFileSync(join(dir, 'modules', 'platform', 'main.tf.json'), 'utf8');
    writeFileSync(join(dir, 'spec.yaml'), MINIMAL.replace('name: job', 'name: job\n        maxSessionDuration: 1'));
    expect(() => synthesize(loadSpecFile(join(dir, 'spec.yaml')), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') })).toThrow(
      /maxSessionDuration/,
    );
    expect(readFileSync(join(dir, 'modules', 'platform', 'main.tf.json'), 'utf8')).toBe(before);
  });
});

describe('the default example', () => {
  test('the YAML file and the embedded TypeScript spec are the same spec', () => {
    const yamlSpec = parseSpecYaml(readFileSync(join(__dirname, '..', 'examples', 'default', 'spec.yaml'), 'utf8'), 'spec.yaml').spec;
    expect(yamlSpec).toEqual(validateSpec(defaultSpec).spec);
  });
});
