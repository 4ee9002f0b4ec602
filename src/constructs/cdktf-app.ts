/**
 * The reference synthesis: one {@link AccountStack} per account in a cdktf
 * App and `app.synth()`. Selected with `synthesize(spec, { engine: 'cdktf' })`,
 * and for HCL stacks (`cdktf synth --hcl`); a test keeps the default (direct)
 * engine byte-identical with it.
 */
import { App } from 'cdktf';
import type { Model } from '../model/types';
import type { LoadedSpec } from '../input/load';
import { AccountStack } from './cdktf';

/** `loaded` is the spec synth has checked (`checkSpec`, src/pipeline.ts) and `model` its model: each stack finds that check by `loaded` (`checkedSpec`), so nothing is resolved or linted again. */
export function synthesizeApp(loaded: LoadedSpec, model: Model, outdir: string, options: { readonly offline?: boolean }): void {
  const app = new App({ outdir });
  const stacks = model.accounts.map((account) => new AccountStack(app, account.name, { spec: loaded, offline: options.offline }));
  const byName = new Map(stacks.map((s) => [s.accountName, s]));
  for (const stack of stacks) {
    for (const dep of stack.dependsOnAccounts) stack.addDependency(byName.get(dep)!);
  }
  app.synth();
}
