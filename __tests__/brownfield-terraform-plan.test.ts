/**
 * The real `terraform plan` of the imported brownfield fixtures against a
 * state built from their export (`helpers/terraform/adopted-state.ts`):
 * applying the adopted estate changes nothing. Offline: the provider's skip
 * flags, `-refresh=false`, the filesystem mirror. The 200-role estate gets the
 * same check per IAM object, without Terraform (brownfield-plan.test.ts): a
 * plan per account of it took most of a minute of the suite's budget.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAccountArgs, readExports } from '../src/brownfield/export';
import { importExport } from '../src/brownfield/import';
import { importYaml } from '../src/brownfield/spec-yaml';
import { parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { planAgainstExports } from './helpers/terraform/adopted-state';
import { tempDir } from './helpers/synth';

const DIR = join(__dirname, '..', 'examples', 'brownfield');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(DIR, f));
const NAMES = parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']);

test('GIVEN the fixtures imported and synthesized WHEN terraform plans them against a state built from the export THEN every IAM resource is a no-op', async () => {
  const exp = readExports(FILES, { accountNames: NAMES });
  const result = importExport(exp, { region: 'eu-west-1' });
  const work = tempDir('xacct-tf-adopt-');
  const outdir = join(work, 'cdktf.out');
  synthesize(parseSpecYaml(importYaml(result, FILES), 'imported.yaml'), { outdir, modulesDir: false, engine: 'direct', accessMatrix: false });
  // The harness sees a change: with another trust policy and max session in the state of one role, that role is an update.
  const edited = {
    ...exp,
    accounts: exp.accounts.map((a) => ({
      ...a,
      roles: a.roles.map((r) =>
        r.name === 'sample-prod' ? { ...r, maxSessionDuration: 3600, trust: JSON.parse(JSON.stringify(r.trust).replace(':prod:', ':qa:')) } : r,
      ),
    })),
  };
  // One root and one plan for both estates: each is a module per account, with its own state (the harness's header).
  const { adopted: plans, edited: platform } = await planAgainstExports(outdir, join(work, 'plan'), {
    adopted: { exp, accounts: new Map([...NAMES].map(([id, name]) => [name, id])) },
    edited: { exp: edited, accounts: new Map([['platform', '111111111111']]) },
  });
  const changes = [...plans].flatMap(([account, plan]) =>
    (plan.resource_changes ?? []).filter((c) => !c.address.startsWith('data.')).map((c) => ({ account, address: c.address, actions: c.change.actions })),
  );
  expect(changes.length).toBeGreaterThan(result.imported.length);
  expect(changes.filter((c) => c.actions.join() !== 'no-op')).toEqual([]);
  // Among them the trusts imported as they are: no sub (no Condition at all; no aud), IP-pinned, customer Pod Identity.
  const legacy = changes.filter((c) => c.account === 'legacy').map((c) => c.address);
  for (const name of [
    'trust001-no-condition',
    'trust003-no-subject',
    'trust002-github-no-audience',
    'condition-source-ip',
    'condition-vpc-source-ip',
    'audit-pod-identity-cluster-name',
    'pod-identity-source-account',
    'pod-identity-any-association',
  ]) {
    expect(legacy).toContain(`aws_iam_role.${name}`);
  }
  expect(legacy.filter((a) => a.startsWith('aws_eks_pod_identity_association.'))).toEqual([]);

  const updated = (platform.get('platform')!.resource_changes ?? []).filter((c) => c.change.actions.join() !== 'no-op' && !c.address.startsWith('data.'));
  expect(updated.map((c) => [c.address, c.change.actions])).toEqual([['aws_iam_role.sample-prod', ['update']]]);
}, 600_000);
