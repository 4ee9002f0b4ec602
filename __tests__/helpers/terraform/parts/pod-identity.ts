/**
 * The part of pod-identity-terraform.test.ts in the shared plan: the cross-account Pod Identity example
 * (examples/eks-cross-account) synthesized, and a root calling its modules with the cluster account's
 * module as provider 5.100.0 reads it: its range lowered, and the two 6.2.0 arguments of its Pod Identity
 * associations (`target_role_arn`, `disable_session_tags`) taken out. The stacks are left as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model } from '../../../../src/model/types';
import { loadSpecFile } from '../../../../src/input/load';
import { synthesize } from '../../../../src/synth';
import { modulesPart } from '../modules-root';
import type { PlanPart } from '../shared-plan';

/** The provider range 5.100.0 satisfies, in place of the example's `>= 6.2.0, < 7.0`. */
export const LOWERED = '>= 5.100, < 7.0';

export function preparePart(work: string): { model: Model; part: PlanPart } {
  const { model } = synthesize(loadSpecFile(join(__dirname, '..', '..', '..', '..', 'examples', 'eks-cross-account', 'spec.yaml')), {
    outdir: join(work, 'cdktf.out'),
    modulesDir: join(work, 'modules'),
  });
  const dir = join(work, 'modules', 'platform');
  const versions = JSON.parse(readFileSync(join(dir, 'versions.tf.json'), 'utf8'));
  versions.terraform.required_providers.aws.version = LOWERED;
  writeFileSync(join(dir, 'versions.tf.json'), JSON.stringify(versions));
  const main = JSON.parse(readFileSync(join(dir, 'main.tf.json'), 'utf8'));
  for (const a of Object.values(main.resource.aws_eks_pod_identity_association) as Record<string, unknown>[]) {
    delete a.target_role_arn;
    delete a.disable_session_tags;
  }
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(main));
  const part = modulesPart(join(work, 'plan'), [
    { model: { ...model, accounts: model.accounts.map((a) => ({ ...a, awsProviderVersion: LOWERED })) }, modulesDir: join(work, 'modules'), prefix: 'x' },
  ]);
  return { model, part };
}
