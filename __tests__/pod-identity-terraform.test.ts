/**
 * What real Terraform, with the AWS provider 5.100.0 of the local mirror, says
 * of the cross-account Pod Identity example. No 6.x provider can be had here
 * (docs/aws-provider-6.md), so: the target account's stack validates as it is;
 * the cluster account's stack asks for 6.2.0, which `init` cannot find in the
 * mirror; with its range lowered to 5.100, `validate` rejects exactly the two
 * 6.2.0 arguments (`target_role_arn`, `disable_session_tags`) and nothing
 * else, and without them it validates. The two arguments themselves were
 * checked against the provider's changelog and source, not run.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpecFile } from '../src/spec/load';
import { synthesize } from '../src/synth';
import { findTerraform } from '../src/terraform/find';
import { initShared, run, validate } from './helpers/terraform/run';
import { tempDir } from './helpers/synth';

const work = tempDir('xacct-chain-tf-');
synthesize(loadSpecFile(join(__dirname, '..', 'examples', 'eks-cross-account', 'spec.yaml')), { outdir: join(work, 'cdktf.out'), modulesDir: join(work, 'modules') });
const stackDir = (account: string) => join(work, 'cdktf.out', 'stacks', account);

type Diagnostic = { severity: string; summary: string; detail: string };

test('the target account validates; the cluster account needs 6.2.0 and, on 5.100.0, lacks exactly the two 6.2.0 arguments', async () => {
  const tf = findTerraform(join(work, 'tf'));
  // The cluster account's stack as 5.100.0 can read it: the same, with the range lowered.
  const lowered = join(work, 'lowered');
  cpSync(stackDir('platform'), lowered, { recursive: true });
  const stack = JSON.parse(readFileSync(join(lowered, 'cdk.tf.json'), 'utf8'));
  stack.terraform.required_providers.aws.version = '>= 5.100, < 7.0';
  writeFileSync(join(lowered, 'cdk.tf.json'), JSON.stringify(stack));
  await initShared(tf, stackDir('data-lake'), [lowered]);
  expect(await validate(tf, stackDir('data-lake'))).toEqual({ valid: true, diagnostics: [] });

  const { valid, diagnostics } = await validate(tf, lowered);
  expect(valid).toBe(false);
  const unsupported = (diagnostics as Diagnostic[]).map((d) => `${d.severity}: ${d.summary}: ${/"(\w+)"/.exec(d.detail)?.[1]}`).sort();
  expect(unsupported).toEqual(['error: Extraneous JSON object property: disable_session_tags', 'error: Extraneous JSON object property: target_role_arn', 'error: Extraneous JSON object property: target_role_arn']);

  for (const association of Object.values(stack.resource.aws_eks_pod_identity_association) as Record<string, unknown>[]) {
    delete association.target_role_arn;
    delete association.disable_session_tags;
  }
  writeFileSync(join(lowered, 'cdk.tf.json'), JSON.stringify(stack));
  expect(await validate(tf, lowered)).toEqual({ valid: true, diagnostics: [] });

  // As written, the mirror has no provider the cluster account's range admits.
  const init = await run(tf, stackDir('platform'), ['init', '-input=false', '-backend=false']).then(
    () => 'initialized',
    (e: Error) => e.message,
  );
  expect(init).toMatch(/>= 6\.2\.0, < 7\.0/);
}, 240_000);
