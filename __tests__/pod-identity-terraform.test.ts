/**
 * What real Terraform, with the AWS provider 5.100.0 of the local mirror, says
 * of the cross-account Pod Identity example. No 6.x provider can be had here
 * (docs/aws-provider-6.md), so: the cluster account's stack asks for 6.2.0,
 * which `init` cannot find in the mirror; with its range lowered to 5.100,
 * `validate` rejects exactly the two 6.2.0 arguments (`target_role_arn`,
 * `disable_session_tags`) and nothing else; and a plain root calling the
 * modules (the cluster account's lowered and without them) plans every
 * resource of both accounts, both trusts of the chain among them. The two arguments themselves were checked against the provider's
 * changelog and source, not run.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plannedTrustPolicies } from './helpers/terraform/default-example';
import { changesByModule } from './helpers/terraform/modules-root';
import { LOWERED, preparePart } from './helpers/terraform/parts/pod-identity';
import { sharedPlan } from './helpers/terraform/shared-plan';
import { findTerraform } from '../src/terraform/find';
import { initShared, run, validate } from './helpers/terraform/run';
import { tempDir } from './helpers/synth';

const work = tempDir('xacct-chain-tf-');
// The example synthesized, and its modules as 5.100.0 reads them (helpers/terraform/parts/pod-identity.ts): the second test plans them.
const { model, part } = preparePart(work);
const stackDir = (account: string) => join(work, 'cdktf.out', 'stacks', account);

type Diagnostic = { severity: string; summary: string; detail: string };

test('the cluster account needs 6.2.0 and, on 5.100.0, lacks exactly the two 6.2.0 arguments', async () => {
  const tf = findTerraform(join(work, 'tf'), process.env);
  // The cluster account's stack as 5.100.0 can read it: the same, with the range lowered.
  const lowered = join(work, 'lowered');
  cpSync(stackDir('platform'), lowered, { recursive: true });
  const stack = JSON.parse(readFileSync(join(lowered, 'cdk.tf.json'), 'utf8'));
  stack.terraform.required_providers.aws.version = LOWERED;
  writeFileSync(join(lowered, 'cdk.tf.json'), JSON.stringify(stack));
  await initShared(tf, lowered, []);

  const { valid, diagnostics } = await validate(tf, lowered);
  expect(valid).toBe(false);
  const unsupported = (diagnostics as Diagnostic[]).map((d) => `${d.severity}: ${d.summary}: ${/"(\w+)"/.exec(d.detail)?.[1]}`).sort();
  expect(unsupported).toEqual([
    'error: Extraneous JSON object property: disable_session_tags',
    ...Array(3).fill('error: Extraneous JSON object property: target_role_arn'),
  ]);

  // Without them the same resources plan, as modules: the next test.

  // As written, the mirror has no provider the cluster account's range admits.
  const init = await run(tf, stackDir('platform'), ['init', '-input=false', '-backend=false']).then(
    () => 'initialized',
    (e: Error) => e.message,
  );
  expect(init).toMatch(/>= 6\.2\.0, < 7\.0/);
}, 240_000);

test('a plain root calling the modules plans the via role, its grant, and the target trust naming it with the pods tags', async () => {
  // The cluster account's module as 5.100.0 reads it: its range lowered, the two 6.2.0 arguments out (preparePart).
  const { plan } = await sharedPlan('pod-identity-terraform', part);
  const trusts = plannedTrustPolicies(plan, { ...model, accounts: model.accounts.map((a) => ({ ...a, name: `x_${a.name.replace(/-/g, '_')}` })) });
  const tags = {
    'aws:RequestTag/eks-cluster-arn': 'arn:aws:eks:eu-west-1:111111111111:cluster/spark',
    'aws:RequestTag/kubernetes-namespace': 'spark',
    'aws:RequestTag/kubernetes-service-account': 'driver',
  };
  expect(trusts.get('x_data_lake/lake-reader')).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sts:TagSession', 'sts:AssumeRole'],
        Principal: { AWS: 'arn:aws:iam::111111111111:role/spark-driver-pod-identity' },
        Condition: { StringEquals: tags },
      },
    ],
  });
  expect(trusts.get('x_platform/spark-driver-pod-identity')).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['sts:TagSession', 'sts:AssumeRole'], Principal: { Service: 'pods.eks.amazonaws.com' }, Condition: { StringEquals: tags } },
    ],
  });
  const platform = changesByModule(plan).get('x_platform')!;
  const grant = platform.get('aws_iam_role_policy.spark-driver-pod-identity_assume_cross_account')!.change.after!;
  expect(JSON.parse(grant.policy as string).Statement).toEqual([
    { Sid: 'AssumeCrossAccountRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/lake-reader' },
    { Sid: 'TagCrossAccountSessions', Effect: 'Allow', Action: 'sts:TagSession', Resource: 'arn:aws:iam::222222222222:role/lake-reader' },
  ]);
  expect(platform.get('aws_eks_pod_identity_association.spark-driver-pod-identity_spark_driver')!.change.after).toMatchObject({
    cluster_name: 'spark',
    namespace: 'spark',
    service_account: 'driver',
  });
}, 300_000);
