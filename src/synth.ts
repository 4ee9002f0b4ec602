/**
 * The synth entry point: spec -> model -> one cdktf stack per account ->
 * `cdktf.out/` plus `modules/<account>/`. Used by main.ts (under the cdktf CLI
 * or on its own), by the tests and by the benchmark.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { accessMarkdown } from './access/access-md';
import { AccountStack } from './constructs/account-stack';
import { SpecError } from './errors';
import { defaultSpec, DEFAULT_SPEC_NAME } from './examples/default-spec';
import { findingProblem, formatFinding, isBlocking, lintModel, type Finding } from './lint';
import { resolveModel } from './model/resolve';
import type { Model } from './model/types';
import { moduleFiles, type StackJson } from './modules/from-stack';
import { modulesIndex } from './modules/index-readme';
import { writeTreeAtomic } from './output/write-tree';
import { loadSpecFile, validateSpec, type LoadedSpec } from './spec/load';

export interface SynthOptions {
  /** Where cdktf writes the stacks. Default: `$CDKTF_OUTDIR`, else `cdktf.out`. */
  readonly outdir?: string;
  /** Where the plain Terraform modules go; `false` to skip them. Default: `modules`. */
  readonly modulesDir?: string | false;
  /** Where warnings and infos of the lint pack go, one finding per call. Default: stderr. */
  readonly log?: (text: string) => void;
}

export interface SynthResult {
  readonly model: Model;
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly modulesDir?: string;
  /** Every lint finding: warnings, infos (auto-fixes) and suppressed ones; never an unsuppressed error. */
  readonly findings: readonly Finding[];
}

/** The spec named by `SPEC_FILE`, or the embedded default example. */
export function loadSpec(file = process.env.SPEC_FILE): LoadedSpec {
  return file ? loadSpecFile(file) : validateSpec(defaultSpec, DEFAULT_SPEC_NAME);
}

/**
 * Resolves and lints the spec. Throws a SpecError listing every lint error (and
 * logs the other findings) before anything is created or written.
 */
export function lintSpec(loaded: LoadedSpec, log: (text: string) => void = (t) => process.stderr.write(t)): { model: Model; findings: readonly Finding[] } {
  const report = lintModel(resolveModel(loaded), { locate: loaded.locate });
  for (const f of report.findings) if (!isBlocking(f)) log(`${formatFinding(f)}\n`);
  const errors = report.findings.filter(isBlocking);
  if (errors.length > 0) throw new SpecError(errors.map(findingProblem));
  return report;
}

/** Builds the stacks in a cdktf App, synthesizes them and writes the modules. Throws SpecError before writing anything. */
export function synthesize(loaded: LoadedSpec, options: SynthOptions = {}): SynthResult {
  const { model, findings } = lintSpec(loaded, options.log);
  const outdir = resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const stacks = model.accounts.map((account) => new AccountStack(app, account));
  for (const stack of stacks) {
    for (const dep of stack.account.dependsOn) stack.addDependency(stacks.find((s) => s.account.name === dep)!);
  }
  app.synth();

  const modulesDir = options.modulesDir === false ? undefined : resolve(options.modulesDir ?? process.env.MODULES_DIR ?? 'modules');
  if (modulesDir) {
    const files = new Map<string, string>();
    for (const stack of stacks) {
      const json = JSON.parse(readFileSync(join(app.outdir, 'stacks', stack.account.name, 'cdk.tf.json'), 'utf8')) as StackJson;
      for (const [name, content] of moduleFiles(json, stack.account)) files.set(`${stack.account.name}/${name}`, content);
    }
    files.set('README.md', modulesIndex(model));
    files.set('ACCESS.md', accessMarkdown(model));
    writeTreeAtomic(modulesDir, files);
  }
  return { model, outdir: app.outdir, stacks: stacks.map((s) => s.account.name), modulesDir, findings };
}
