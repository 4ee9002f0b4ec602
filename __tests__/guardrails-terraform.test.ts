/**
 * The done-when of the guardrails, with the real Terraform (1.11, AWS provider
 * 5.100.0 from the offline mirror): the default and presets examples, each
 * given an organization on a temporary copy, write guardrails that
 * `terraform validate` accepts, as the management account's stack (offline
 * dry-run settings) and as its module in JSON and HCL; one init and one plan
 * for all of them, and the planned RCP content is the policy text byte for
 * byte (nothing of it was evaluated as a template), and `access --plan` reads
 * them back and evaluates them.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { guardrailProof } from '../src/access/proof/guardrail-proof';
import { readPlan, type PlanJson as AccessPlan } from '../src/access/sources/plan-reader';
import { withInputGuardrails } from '../src/access/evaluate/policy-set';
import type { Model } from '../src/model/types';
import { parseSpecYaml, loadSpecFile } from '../src/input/load';
import { synthesize } from '../src/synth';
import { findTerraform } from '../src/terraform/find';
import { offlineProviderOverride } from '../src/terraform/offline';
import { tempDir } from './helpers/synth';
import { initShared, planWithDiagnostics, type Diagnostic, type PlanJson } from './helpers/terraform/run';

const PROJECT = join(__dirname, '..');
const work = tempDir('xacct-guardrails-tf-');
const ORGANIZATION = `
  - name: management
    id: "101010101010"
    region: us-east-1

organization:
  id: o-a1b2c3d4e5
  managementAccount: management
  attachTo: [r-ab12, ou-ab12-cdef3456]
`;

interface Example {
  readonly name: string;
  readonly model: Model;
  readonly dirs: readonly [string, string][];
}

function synthExample(name: string, text: string): Example {
  const loaded = parseSpecYaml(text, `${name}.yaml`);
  const out = (format: 'json' | 'hcl') =>
    synthesize(loaded, {
      outdir: join(work, name, `out-${format}`),
      modulesDir: join(work, name, `modules-${format}`),
      moduleFormat: format,
      offline: true,
      accessMatrix: false,
    });
  const json = out('json');
  out('hcl');
  const management = json.model.organization!.managementAccount;
  return {
    name,
    model: json.model,
    dirs: [
      [`${name}_stack`, join(work, name, 'out-json', 'stacks', management)],
      [`${name}_module_json`, join(work, name, 'modules-json', management)],
      [`${name}_module_hcl`, join(work, name, 'modules-hcl', management)],
    ],
  };
}

let examples: Example[];
let root: string;
let diagnostics: Diagnostic[];
let plan: PlanJson;

beforeAll(async () => {
  const defaultText = readFileSync(join(PROJECT, 'examples', 'default', 'spec.yaml'), 'utf8');
  expect(defaultText).not.toMatch(/^organization:/m);
  const presetsText = readFileSync(join(PROJECT, 'examples', 'presets', 'spec.yaml'), 'utf8');
  expect(loadSpecFile(join(PROJECT, 'examples', 'presets', 'spec.yaml')).spec.organization).toBeDefined();
  examples = [synthExample('default', `${defaultText.trimEnd()}\n${ORGANIZATION}`), synthExample('presets', presetsText)];
  const tf = findTerraform(work, process.env);
  root = join(work, 'root');
  mkdirSync(root, { recursive: true });
  const modules = examples
    .flatMap((e) => e.dirs)
    .map(([id, dir]) =>
      [`module "${id}" {`, `  source = "${relative(root, dir)}"`, ...(id.endsWith('_stack') ? [] : ['  providers = { aws = aws }']), '}', ''].join('\n'),
    );
  writeFileSync(join(root, 'main.tf'), ['provider "aws" {', '  region = "us-east-1"', '}', '', ...modules].join('\n'));
  writeFileSync(join(root, 'offline_override.tf'), offlineProviderOverride([undefined]));
  await initShared(tf, root, []);
  // One plan: it runs terraform validate's checks first, and an error there fails it (CONTRIBUTING: the test budget).
  ({ plan, diagnostics } = await planWithDiagnostics(tf, root));
}, 240_000);

test('GIVEN both examples with an organization WHEN terraform plans their management stacks and modules (after the checks of terraform validate) THEN it accepts them, without an error', () => {
  expect(plan.resource_changes?.length).toBeGreaterThan(0);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
});

test('WHEN the root is planned THEN each RCP is created with exactly the policy text, type RESOURCE_CONTROL_POLICY, and attached to every target', () => {
  for (const e of examples) {
    const org = e.model.organization!;
    expect(org.policies.length).toBeGreaterThan(0);
    for (const [id] of e.dirs) {
      const changes = (plan.resource_changes ?? []).filter((rc) => rc.module_address === `module.${id}`);
      const policies = changes.filter((rc) => rc.type === 'aws_organizations_policy');
      expect(policies.map((p) => p.change.after!.name).sort()).toEqual(org.policies.map((p) => p.name).sort());
      for (const p of policies) {
        expect(p.change.after!.type).toBe('RESOURCE_CONTROL_POLICY');
        expect(p.change.after!.content).toBe(org.policies.find((x) => x.name === p.change.after!.name)!.content);
      }
      const targets = changes.filter((rc) => rc.type === 'aws_organizations_policy_attachment').map((rc) => rc.change.after!.target_id);
      expect(targets.sort()).toEqual(org.policies.flatMap(() => org.targets).sort());
    }
  }
});

test("WHEN access reads the plan THEN it finds the planned RCPs, and the guardrail checks pass with them as with the model's", () => {
  const presets = examples.find((e) => e.name === 'presets')!.model;
  // The presets' own modules: the default example's guardrails (other issuers) would fence the presets' tokens.
  const own = { ...plan, resource_changes: (plan.resource_changes ?? []).filter((rc) => rc.module_address?.startsWith('module.presets_')) };
  const read = withInputGuardrails(readPlan(own as unknown as AccessPlan, presets), presets);
  const planned = new Set(read.guardrails!.policies.map((p) => p.document));
  for (const p of presets.organization!.policies) expect(planned.has(p.content)).toBe(true);
  const proof = guardrailProof(presets, read.guardrails);
  expect(proof.checks.length).toBeGreaterThan(0);
  expect(proof.checks.filter((c) => !c.ok)).toEqual([]);
});
