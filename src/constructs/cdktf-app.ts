/**
 * The reference synthesis: one {@link AccountStack} per account in a cdktf
 * App and `app.synth()`. Selected with `synthesize(spec, { engine: 'cdktf' })`,
 * and for HCL stacks (`cdktf synth --hcl`); a test keeps the default (direct)
 * engine byte-identical with it.
 */
import { App } from 'cdktf';
import type { Model } from '../model/types';
import type { StackJson } from '../modules/from-stack';
import { stableCopy } from '../modules/stable-json';
import type { StackSink } from '../render/cdktf-out';
import { AccountStack, type AccountStackOptions } from './account-stack';

export function synthesizeApp(model: Model, outdir: string, options: AccountStackOptions, onStack: StackSink): void {
  const app = new App({ outdir });
  const stacks = model.accounts.map((account) => new AccountStack(app, account, options));
  const byName = new Map(stacks.map((s) => [s.account.name, s]));
  for (const stack of stacks) {
    for (const dep of stack.account.dependsOn) stack.addDependency(byName.get(dep)!);
  }
  app.synth();
  // From the stack itself rather than cdk.tf.json: under `cdktf synth --hcl` the stacks are written as HCL.
  for (const stack of stacks) onStack(stack.account, stableCopy(stack.toTerraform()) as StackJson);
}
