/**
 * The real `terraform plan` of the imported brownfield fixtures against a
 * state built from their export (`helpers/terraform/adopted-state.ts`):
 * applying the adopted estate changes nothing. Offline: the provider's skip
 * flags, `-refresh=false`, the filesystem mirror. The 200-role estate gets the
 * same check per IAM object, without Terraform (brownfield-plan.test.ts): a
 * plan per account of it took most of a minute of the suite's budget.
 */
import { preparePart } from './helpers/terraform/parts/brownfield';
import { sharedPlan } from './helpers/terraform/shared-plan';
import { tempDir } from './helpers/synth';

test('GIVEN the fixtures imported and synthesized WHEN terraform plans them against a state built from the export THEN every IAM resource is a no-op', async () => {
  // The fixtures imported and synthesized, and the root of both estates (helpers/terraform/parts/brownfield.ts), planned with the run's other roots.
  const { result, part, plans: byEstate } = preparePart(tempDir('xacct-tf-adopt-'));
  const { adopted: plans, edited: platform } = byEstate((await sharedPlan('brownfield-terraform-plan', part)).plan);
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
