/**
 * The guardrails as Terraform: the management account's stack and module hold
 * one aws_organizations_policy of type RESOURCE_CONTROL_POLICY per policy and
 * an attachment per policy and target, the module a JSON file per policy (the
 * exact text uploaded); no other account gets any, and no value of the spec is
 * ever a Terraform template.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withInputGuardrails } from '../src/access/evaluate/policy-set';
import { AccessSweep } from '../src/access/proof/sweep';
import { readSynthStacks } from '../src/access/sources/synth-reader';
import { bodyJson, describeAccount } from '../src/description/account';
import { Elements } from '../src/description/element';
import { emitGuardrails } from '../src/description/guardrails';
import type { OrganizationModel } from '../src/model/guardrails';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile } from '../src/input/load';
import { synthesize } from '../src/synth';
import { tempDir } from './helpers/synth';

const PRESETS = join(__dirname, '..', 'examples', 'presets', 'spec.yaml');

describe('GIVEN the presets example with an organization', () => {
  const loaded = loadSpecFile(PRESETS);
  const model = resolveModel(loaded);
  const org = model.organization!;
  const management = model.accounts.find((a) => a.name === org.managementAccount)!;

  test('WHEN the management account is described THEN it holds each policy as an RCP, attached to every target', () => {
    const d = describeAccount(management);
    const policies = d.elements.filter((e) => e.type === 'aws_organizations_policy');
    expect(policies.map((p) => p.body.name)).toEqual(org.policies.map((p) => p.name));
    for (const p of policies) {
      expect(p.body.type).toBe('RESOURCE_CONTROL_POLICY');
      expect(JSON.parse(p.body.content as string)).toEqual(org.policies.find((x) => x.name === p.body.name)!.document);
    }
    const attachments = d.elements.filter((e) => e.type === 'aws_organizations_policy_attachment');
    expect(attachments).toHaveLength(org.policies.length * org.targets.length);
    expect(new Set(attachments.map((a) => a.body.target_id))).toEqual(new Set(org.targets));
    expect(Object.keys(d.outputs)).toContain('guardrail_policy_ids');
  });

  test('WHEN any other account is described THEN it has no organization policy', () => {
    for (const a of model.accounts.filter((x) => x !== management)) {
      expect(describeAccount(a).elements.some((e) => e.type.startsWith('aws_organizations_'))).toBe(false);
    }
  });

  test('WHEN synthesized THEN the module has one JSON file per policy, the exact minified content, and the stack the same resources', () => {
    const dir = tempDir();
    synthesize(loaded, { outdir: join(dir, 'out'), modulesDir: join(dir, 'modules'), moduleFormat: 'json', offline: false });
    const files = readdirSync(join(dir, 'modules', management.name, 'guardrails')).sort();
    expect(files).toEqual(org.policies.map((p) => `${p.name}.json`).sort());
    for (const p of org.policies) expect(readFileSync(join(dir, 'modules', management.name, 'guardrails', `${p.name}.json`), 'utf8')).toBe(`${p.content}\n`);
    const stack = JSON.parse(readFileSync(join(dir, 'out', 'stacks', management.name, 'cdk.tf.json'), 'utf8'));
    expect(Object.keys(stack.resource.aws_organizations_policy)).toEqual(org.policies.map((p) => p.tfId));
    const readme = readFileSync(join(dir, 'modules', management.name, 'README.md'), 'utf8');
    expect(readme).toMatch(/## Organization guardrails/);
    expect(readme).toMatch(/test OU first/);

    // The access verb reads the RCPs back from the stack and evaluates them with every trust.
    const read = withInputGuardrails(readSynthStacks(join(dir, 'out')), model);
    expect(read.guardrails?.policies.map((p) => p.document)).toEqual(org.policies.map((p) => p.document));
    const failing = (policies: typeof read) => [...new AccessSweep(model, policies).results()].flatMap((r) => r.cells).filter((c) => !c.ok);
    expect(failing(read)).toEqual([]);
    const stackFile = join(dir, 'out', 'stacks', management.name, 'cdk.tf.json');
    writeFileSync(stackFile, readFileSync(stackFile, 'utf8').replace(/repo:octo-org\/\*/g, 'repo:someone-else/*'));
    const tampered = failing(withInputGuardrails(readSynthStacks(join(dir, 'out')), model));
    expect(tampered.length).toBeGreaterThan(0);
    expect(tampered.every((c) => c.expected === 'allow' && /EnforceTrustedOidcTenants/.test(c.deciding))).toBe(true);
  });
});

describe('GIVEN a policy whose text holds a Terraform template', () => {
  test('WHEN its body is rendered THEN ${ and %{ are escaped, so Terraform reads them literally', () => {
    const content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sts:AssumeRole',
          Resource: '*',
          Condition: { StringNotEquals: { 'sts:ExternalId': '${var.x}%{if true}' } },
        },
      ],
    });
    const org = {
      id: 'o-a1b2c3d4e5',
      targets: ['r-ab12'],
      policies: [{ name: 'p', tfId: 'p', content, document: JSON.parse(content) }],
    } as unknown as OrganizationModel;
    const elements = new Elements();
    emitGuardrails(org, elements);
    const bodies = elements.all.map((e) => bodyJson(e.body) as Record<string, unknown>);
    expect(bodies[0].content).toContain('$${var.x}%%{if true}');
    expect(bodies[0].content).not.toMatch(/(^|[^$])\$\{/);
  });
});
