/**
 * The synth entry point: spec -> model -> one stack per account in
 * `cdktf.out/` plus `modules/<account>/`. Used by main.ts (under the cdktf CLI
 * or on its own), by the tests and by the benchmark.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSpec, DEFAULT_SPEC_NAME } from './examples/default-spec';
import { resolveModel } from './model/resolve';
import type { Model } from './model/types';
import { moduleFiles } from './modules/from-stack';
import { modulesIndex } from './modules/index-readme';
import { StagedTree } from './output/write-tree';
import { writeCdktfOut, type StackSink } from './render/cdktf-out';
import { loadSpecFile, validateSpec, type LoadedSpec } from './spec/load';

export interface SynthOptions {
  /** Where the stacks go. Default: `$CDKTF_OUTDIR`, else `cdktf.out`. */
  readonly outdir?: string;
  /** Where the plain Terraform modules go; `false` to skip them. Default: `modules`. */
  readonly modulesDir?: string | false;
  /**
   * How the stacks are made. `direct` (the default) renders each account's
   * Terraform JSON straight from the model, one account at a time. `cdktf`
   * builds every {@link AccountStack} in a cdktf App and runs `app.synth()`:
   * the same bytes (a test holds them equal), but about 30 ms and several
   * hundred KiB per account, and cdktf and the provider bindings to load.
   * @default 'direct'
   */
  readonly engine?: 'direct' | 'cdktf';
}

export interface SynthResult {
  readonly model: Model;
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly modulesDir?: string;
}

/** The spec named by `SPEC_FILE`, or the embedded default example. */
export function loadSpec(file = process.env.SPEC_FILE): LoadedSpec {
  return file ? loadSpecFile(file) : validateSpec(defaultSpec, DEFAULT_SPEC_NAME);
}

/** Writes the stacks and the modules. Throws SpecError before writing anything. */
export function synthesize(loaded: LoadedSpec, options: SynthOptions = {}): SynthResult {
  const model = resolveModel(loaded);
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const modulesDir = options.modulesDir === false ? undefined : resolve(options.modulesDir ?? process.env.MODULES_DIR ?? 'modules');
  mkdirSync(outdir, { recursive: true });

  const modules = modulesDir ? new StagedTree(modulesDir) : undefined;
  const onStack: StackSink = (account, stack) => {
    if (!modules) return;
    for (const [name, content] of moduleFiles(stack, account)) modules.write(`${account.name}/${name}`, content);
  };
  try {
    if (options.engine === 'cdktf') {
      // Loaded only when asked for: cdktf and the provider bindings take most of a second to load.
      (require('./constructs/cdktf-app') as typeof import('./constructs/cdktf-app')).synthesizeApp(model, outdir, onStack);
    } else {
      writeCdktfOut(model, outdir, onStack);
    }
    if (modules) {
      modules.write('README.md', modulesIndex(model));
      modules.commit();
    }
  } catch (e) {
    modules?.abort();
    throw e;
  }
  return { model, outdir, stacks: model.accounts.map((a) => a.name), modulesDir };
}
