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
import { join } from 'node:path';
import { guardrailProof } from '../src/access/proof/guardrail-proof';
import { readPlan, type PlanJson as AccessPlan } from '../src/access/sources/plan-reader';
import { withInputGuardrails } from '../src/access/evaluate/policy-set';
import { loadSpecFile } from '../src/input/load';
import { tempDir } from './helpers/synth';
import { exampleText, preparePart, type Example } from './helpers/terraform/parts/guardrails';
import type { Diagnostic, PlanJson } from './helpers/terraform/run';
import { sharedPlan } from './helpers/terraform/shared-plan';

const PROJECT = join(__dirname, '..');
const work = tempDir('xacct-guardrails-tf-');

let examples: Example[];
let diagnostics: Diagnostic[];
let plan: PlanJson;

beforeAll(async () => {
  expect(exampleText('default')).not.toMatch(/^organization:/m);
  expect(loadSpecFile(join(PROJECT, 'examples', 'presets', 'spec.yaml')).spec.organization).toBeDefined();
  // The management stacks and modules of both examples (helpers/terraform/parts/guardrails.ts), planned with the run's other module roots.
  const prepared = preparePart(work);
  examples = prepared.examples;
  // One plan: it runs terraform validate's checks first, and an error there fails it (CONTRIBUTING: the test budget).
  ({ plan, diagnostics } = await sharedPlan('guardrails-terraform', prepared.part));
}, 300_000);

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
