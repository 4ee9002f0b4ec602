/**
 * Class 1 of issue 26 with the real Terraform and the AWS provider 5.100.0 of
 * the local mirror, offline: why two condition blocks on one operator and key
 * widen trust (the provider merges them into one list, which IAM reads as
 * OR), and that the documents synth writes for a spec repeating a pinned key
 * with the same values plan with exactly that one value.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountIdent } from '../src/names';
import { parseSpecYaml } from '../src/spec/load';
import { synthesize } from '../src/synth';
import { plannedTrustPolicies } from './helpers/terraform/default-example';
import { planRootOf, prepareModulesRoot } from './helpers/terraform/modules-root';
import { tempDir } from './helpers/synth';

const SPEC = `version: 1
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    roles:
      - name: org-reader
        trust:
          - type: aws-organization
            organizationId: o-a1b2c3d4e5
            conditions: [{ test: StringEquals, key: aws:PrincipalOrgID, values: [o-a1b2c3d4e5] }]
      - name: vendor
        trust:
          - type: aws-role
            role: arn:aws:iam::999000000001:role/vendor
            externalId: x-1
            conditions: [{ test: StringEquals, key: sts:ExternalId, values: [x-1] }, { test: StringEquals, key: aws:SourceAccount, values: ["999000000001"] }]
`;

/** A role of the root whose trust is a policy document with two StringEquals blocks on aws:PrincipalOrgID, as the generator used to write. */
const CONTROL = (alias: string) => `
data "aws_iam_policy_document" "two_blocks" {
  provider = aws.${alias}
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-zzzzzzzzzz"]
    }
  }
}

resource "aws_iam_role" "two_blocks" {
  provider           = aws.${alias}
  name               = "two-blocks"
  assume_role_policy = data.aws_iam_policy_document.two_blocks.json
}
`;

test('GIVEN a spec repeating pinned keys with the same values and a hand-written document with two blocks WHEN planned THEN the two blocks are one OR list, and the generated trusts pin exactly one value', async () => {
  const work = tempDir('xacct-exact-tf-');
  const { model } = synthesize(parseSpecYaml(SPEC, 'spec.yaml'), { outdir: join(work, 'cdktf.out'), modulesDir: join(work, 'modules') });
  const root = await prepareModulesRoot(work, [{ model, modulesDir: join(work, 'modules'), prefix: 'exact' }]);
  writeFileSync(join(root.rootDir, 'control.tf'), CONTROL(accountIdent('platform')));
  const plan = await planRootOf(root);

  // Why the invariant: the provider merges the two blocks into one list, an OR.
  const control = plan.resource_changes!.find((rc) => rc.address === 'aws_iam_role.two_blocks')!;
  expect(JSON.parse(control.change.after!.assume_role_policy as string).Statement[0].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', 'o-zzzzzzzzzz'] } });

  // The generated trusts: one value per operator and key, the one the spec pins.
  const planned = plannedTrustPolicies(plan, model) as Map<string, { Statement: { Condition?: Record<string, Record<string, unknown>> }[] }>;
  const conditionsOf = (role: string) => [...planned.entries()].find(([k]) => k.endsWith(`/${role}`))![1].Statement.map((s) => s.Condition);
  expect(conditionsOf('org-reader')).toEqual([{ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }]);
  expect(conditionsOf('vendor')).toEqual([{ StringEquals: { 'sts:ExternalId': 'x-1', 'aws:SourceAccount': '999000000001' } }]);
}, 300_000);
