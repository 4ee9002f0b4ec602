/**
 * Adoption changes nothing: import the brownfield fixtures, synthesize, and
 * work out what `terraform plan` would do to each IAM object against the
 * exported estate (`helpers/adoption-plan.ts`; Terraform cannot import
 * offline). The plan must be imports only: no create, update or overwrite of
 * an IAM object, nothing written to a role the import did not take over.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importExport } from '../src/brownfield/import';
import { importYaml } from '../src/brownfield/spec-yaml';
import { parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { plannedActions } from './helpers/adoption-plan';
import { estate } from './helpers/estate';
import { tempDir } from './helpers/synth';
import { importedBrownfield } from './helpers/brownfield-fixtures';

const outdir = join(tempDir('xacct-adopt-plan-'), 'cdktf.out');
const { files: FILES, names: NAMES, exp, result } = importedBrownfield(outdir);
const plan = plannedActions(outdir, exp, new Map([...NAMES].map(([id, name]) => [name, id])));
const imported = new Set(result.imported.map((r) => `${r.account}/${r.role}`));

describe('GIVEN the brownfield fixtures imported and synthesized', () => {
  test('WHEN the plan is worked out per IAM object THEN every action is an import: zero creates, updates or overwrites', () => {
    expect(plan.length).toBeGreaterThan(result.imported.length);
    expect(plan.filter((a) => a.action !== 'import')).toEqual([]);
  });

  test('THEN no resource names a role that import did not take over (release-bot, legacy-batch, the AWS-managed roles)', () => {
    const roleOf = (o: string) => o.split(/[:/]/)[0];
    const touched = plan.filter((a) => !a.address.startsWith('aws_iam_openid_connect_provider.')).map((a) => `${a.account}/${roleOf(a.object)}`);
    expect(touched.filter((r) => !imported.has(r))).toEqual([]);
    for (const role of ['release-bot', 'legacy-batch', 'AWSServiceRoleForECS']) expect(touched).not.toContain(`platform/${role}`);
  });

  test('THEN every inline policy and attachment of an adopted role is in the plan as it is, so none is lost', () => {
    for (const r of result.imported) {
      const source = exp.accounts.flatMap((a) => a.roles).find((x) => x.arn === r.arn)!;
      const objects = new Set(plan.filter((a) => a.account === r.account).map((a) => a.object));
      for (const p of source.inlinePolicies) expect([r.arn, objects.has(`${r.role}:${p.name}`)]).toEqual([r.arn, true]);
      for (const m of source.managedPolicies) expect([r.arn, objects.has(`${r.role}/${m.arn}`)]).toEqual([r.arn, true]);
    }
  });

  test('THEN a grant on a caller outside the spec is in the module README and the import notes as a statement to add by hand, and nowhere in the stacks', () => {
    const stack = readFileSync(join(outdir, 'stacks', 'platform', 'cdk.tf.json'), 'utf8');
    expect(stack).not.toMatch(/release-bot|legacy-batch/);
    const yaml = importYaml(result, FILES);
    expect(yaml).toContain('# - role release-bot of platform (111111111111) needs sts:AssumeRole on arn:aws:iam::222222222222:role/deploy-target');
    expect(yaml).toContain('# - role legacy-batch of platform (111111111111) needs sts:AssumeRole on arn:aws:iam::222222222222:role/batch-target');
  });
});

describe('GIVEN the 200-role estate imported and synthesized', () => {
  test('WHEN the plan is worked out per IAM object THEN every action is an import: zero creates, updates or overwrites', () => {
    const { export: estateExport } = estate();
    const adopted = importExport(estateExport, { region: 'eu-west-1' });
    const dir = join(tempDir('xacct-adopt-estate-'), 'cdktf.out');
    synthesize(parseSpecYaml(importYaml(adopted, ['estate']), 'estate.yaml'), { outdir: dir, modulesDir: false, engine: 'direct', accessMatrix: false });
    const actions = plannedActions(dir, estateExport, new Map(estateExport.accounts.map((a) => [a.name!, a.accountId])));
    expect(actions.length).toBeGreaterThan(adopted.imported.length);
    expect(actions.filter((a) => a.action !== 'import')).toEqual([]);
  });
});
