/**
 * The reference synthesis: one {@link AccountStack} per account in a cdktf
 * App, `app.synth()`, and each stack's JSON read back from disk. Selected with
 * `synthesize(spec, { engine: 'cdktf' })`; a test keeps the default (direct)
 * engine byte-identical with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { Model } from '../model/types';
import type { StackJson } from '../modules/from-stack';
import type { StackSink } from '../render/cdktf-out';
import { AccountStack } from './account-stack';

export function synthesizeApp(model: Model, outdir: string, onStack: StackSink): void {
  const app = new App({ outdir });
  const stacks = model.accounts.map((account) => new AccountStack(app, account));
  const byName = new Map(stacks.map((s) => [s.account.name, s]));
  for (const stack of stacks) {
    for (const dep of stack.account.dependsOn) stack.addDependency(byName.get(dep)!);
  }
  app.synth();
  for (const stack of stacks) {
    onStack(stack.account, JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.account.name, 'cdk.tf.json'), 'utf8')) as StackJson);
  }
}
