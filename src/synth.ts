/**
 * The synth entry point: spec -> model -> one stack per account in
 * `cdktf.out/` plus `modules/<account>/`. Used by main.ts (under the cdktf CLI
 * or on its own), by the tests and by the benchmark.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { proveAccess, type AccessProof } from './access/report/access-md';
import { proofFindings } from './access/proof-gate';
import { AccessProofError, EnvError, envProblems } from './errors';
import { formatFinding, isBlocking, PROOF_RULE, suppressionNote, type Finding } from './lint';
import type { Model } from './model/types';
import type { ModuleFormat } from './modules/module-files';
import { writeAccountFiles, type ArtifactInfo } from './output/account-files';
import { claimOutputFolders, type OutputFolder } from './output/ownership';
import { startProofThread, type ProofThread, type ProvenAccess } from './access/proof-thread';
import { OutputSwap, recoverOutputs, swapOptionsFrom } from './output/swap';
import type { LoadedSpec } from './input/load';
import { summarize, type AccessMd, type SynthSummary, type Warning } from './summary';
import { assertNotApplying, cliConfigHasMirror, offlineRequested } from './terraform/offline-mode';
import { checkSpec, loadSpec } from './pipeline';
import { lateCode } from './input/late-code';

export interface SynthOptions {
  /**
   * The environment the defaults below read (`CDKTF_OUTDIR`, `MODULES_DIR`, `MODULES_FORMAT`,
   * `OFFLINE_DRY_RUN`, `ACCESS_MATRIX`, `SYNTH_WORKER`, `SYNTH_HCL_OUTPUT`, `TF_CLI_CONFIG_FILE`, and what the cdktf
   * CLI sets for its app). The library reads no environment of its own: the CLI, and main.ts
   * through it, pass `process.env` here.
   * @default {} (no variable set)
   */
  readonly env?: NodeJS.ProcessEnv;
  /** Where cdktf writes the stacks. Default: `$CDKTF_OUTDIR` when not empty, else `cdktf.out`. */
  readonly outdir?: string;
  /** Where the plain Terraform modules go; `false` to skip them. Default: `$MODULES_DIR` when not empty, else `modules`. */
  readonly modulesDir?: string | false;
  /** Where warnings and infos of the lint pack go, one finding per call, as they are found. Default: nowhere; they are in the summary. */
  readonly log?: (text: string) => void;
  /** `.tf.json` or `.tf` modules. Default: `$MODULES_FORMAT`, else `hcl` under `cdktf synth --hcl`, else the spec's `options.moduleFormat`. */
  readonly moduleFormat?: ModuleFormat;
  /** Offline dry-run stacks (see `terraform/offline-mode.ts`). Default: `$OFFLINE_DRY_RUN`. */
  readonly offline?: boolean;
  /**
   * How the stacks are made. `direct` (the default) renders each account's
   * Terraform JSON straight from the model, one account at a time. `cdktf`
   * builds every `AccountStack` in a cdktf App and runs `app.synth()`:
   * the same bytes (a test holds them equal), but about 30 ms and several
   * hundred KiB per account, and cdktf and the provider bindings to load.
   * HCL stacks (`cdktf synth --hcl`) are always made by `cdktf`. It needs
   * cdktf, constructs and `@cdktf/provider-aws` in the app (optional peers of
   * this package); without them synth throws an `EnvError` that says so.
   * @default 'direct'
   */
  readonly engine?: 'direct' | 'cdktf';
  /**
   * Write the access reports: `modules/ACCESS.md` (the organization view) and
   * `modules/<account>/ACCESS.md`. The check is indexed by principal, so it
   * grows with the spec (see bench/README.md); `auto` is kept as a synonym
   * of `true`, `false` leaves the reports out.
   * @default `$ACCESS_MATRIX` (on | off | auto), else 'auto'
   */
  readonly accessMatrix?: boolean | 'auto';
  /** The current folder: neither it nor a folder above it is ever an output folder. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** The spec file on disk: no folder that holds it is ever an output folder. Default: the loaded spec's file, when it exists. */
  readonly specFile?: string;
  /** Files put beside `manifest.json` with the stacks, in the same swap (the CLI's synth record). Default: none. */
  readonly stacksFiles?: Readonly<Record<string, string>>;
  /**
   * Called between two units of work: after each role of the access proof on this thread, and after each
   * file is handed to the writer; with `'released'` once the proof's sweep is let go, before the reports are
   * made. The CLI keeps its heap near what it holds there (src/cli/heap.ts).
   * Default: nothing.
   */
  readonly onProgress?: (event?: 'released') => void;
}

export interface SynthResult {
  readonly model: Model;
  readonly outdir: string;
  readonly stacks: readonly string[];
  readonly modulesDir?: string;
  /** Every lint finding: warnings, infos (what the resolver chose, marked auto-fixed) and suppressed ones; never an unsuppressed error. */
  readonly findings: readonly Finding[];
  readonly summary: SynthSummary;
}

/** The module format: explicit option, `MODULES_FORMAT`, `cdktf synth --hcl` (SYNTH_HCL_OUTPUT=true), then the spec. */
export function moduleFormat(option: ModuleFormat | undefined, spec: ModuleFormat, env: NodeJS.ProcessEnv = {}): ModuleFormat {
  if (option) return option;
  const fromEnv = env.MODULES_FORMAT?.trim().toLowerCase();
  if (fromEnv === 'json' || fromEnv === 'hcl') return fromEnv;
  if (fromEnv)
    throw new EnvError(envProblems.notUnderstood('MODULES_FORMAT', env.MODULES_FORMAT, 'set MODULES_FORMAT=json or MODULES_FORMAT=hcl, or unset it'));
  if (hclStacksRequested(env)) return 'hcl';
  return spec;
}

/** The pipeline's load step (src/pipeline.ts), exported here as before. */
export { loadSpec };

/** A line of the summary for each output folder that is a symlink: written through, the link kept. */
function symlinkWarnings(folders: readonly (OutputFolder | undefined)[]): Warning[] {
  return folders
    .filter((f): f is OutputFolder => f?.symlink === true)
    .map((f) => ({
      ruleId: 'OUTPUT_SYMLINK',
      path: '',
      message: `the ${f.tree} folder ${f.given} is a symlink: the output was written to ${f.path}, and the link kept`,
      fix: 'nothing to do, if that is where the output belongs',
    }));
}

/** HCL stacks: `cdktf synth --hcl` sets this for the app. */
export function hclStacksRequested(env: NodeJS.ProcessEnv): boolean {
  return env.SYNTH_HCL_OUTPUT === 'true' || env.SYNTH_HCL_OUTPUT === '1';
}

/**
 * Writes the stacks and the modules. Throws SpecError before writing anything;
 * AccessProofError (a SpecError) when a check of the access proof fails and
 * no suppression of its role accepts it.
 */
export function synthesize(loaded: LoadedSpec, options: SynthOptions = {}): SynthResult {
  const env = options.env ?? {};
  const wantedModules = options.modulesDir === false ? undefined : resolve(options.modulesDir || env.MODULES_DIR || 'modules');
  const accessMd = wantedModules ? accessMdDecision(options.accessMatrix, env) : 'off';
  // With SYNTH_WORKER=on, access is proved on a second thread (access/proof-thread.ts), started before the lint so the two overlap.
  const thread = proofThreadWanted(env) ? startProofThread({ file: loaded.file, spec: loaded.spec, reports: accessMd === 'written' }) : undefined;
  try {
    return synthesizeChecked(loaded, options, { env, wantedModules, accessMd, thread });
  } finally {
    thread?.cancel();
  }
}

/** What {@link synthesize} decided before the lint: the environment, the modules folder asked for, the reports, the proof thread. */
interface SynthSetup {
  readonly env: NodeJS.ProcessEnv;
  readonly wantedModules: string | undefined;
  readonly accessMd: AccessMd;
  readonly thread: ProofThread | undefined;
}

function synthesizeChecked(loaded: LoadedSpec, options: SynthOptions, { env, wantedModules, accessMd, thread }: SynthSetup): SynthResult {
  const log = options.log ?? (() => undefined);
  const { model, findings: lintFindings } = checkSpec(loaded, log);
  const format = moduleFormat(options.moduleFormat, model.options.moduleFormat, env);
  const offline = options.offline ?? offlineRequested(env);
  if (offline) assertNotApplying();
  const outdir = resolve(options.outdir || env.CDKTF_OUTDIR || 'cdktf.out');
  const cdktfEngine = hclStacksRequested(env) || options.engine === 'cdktf';
  // The access proof gates the synth whether or not its reports are written: a failing check writes nothing.
  // On this thread it is proved before any folder is touched; on the proof thread, it is checked before the commit.
  const gate = (proof: ProvenAccess): Finding[] => {
    const found = proofFindings(model, proof, loaded.locate);
    const failing = found.filter(isBlocking);
    if (failing.length > 0) throw new AccessProofError(failing);
    for (const f of found) log(`${formatFinding(f)}\n`);
    return found;
  };
  let proof: ProvenAccess | undefined;
  let proofGate: Finding[] = [];
  let writeDocs: AccessProof['writeDocs'] | undefined;
  if (!thread) {
    const proved = proveAccess(model, { keepSections: accessMd === 'written', onRole: options.onProgress });
    proof = proved;
    writeDocs = (write) => proved.writeDocs(write);
    proofGate = gate(proved);
  }
  // What a killed synth left is finished or rolled back first; then both folders must be ours (or empty, or missing).
  const swapOptions = swapOptionsFrom(env);
  recoverOutputs(outdir, swapOptions);
  const specFile = options.specFile ?? (existsSync(resolve(loaded.file)) ? resolve(loaded.file) : undefined);
  const folders = claimOutputFolders(outdir, wantedModules, { cwd: options.cwd ?? process.cwd(), specFile });
  const swap = new OutputSwap(folders.stacks.path, folders.modules?.path, swapOptions);
  const modulesDir = folders.modules?.given;
  let artifacts: readonly ArtifactInfo[];
  try {
    const progress = options.onProgress ?? (() => undefined);
    const write = (path: string, content: string) => {
      swap.write(path, content);
      progress();
    };
    // The access reports first: writing them releases the proof's sweep and sections, which would otherwise be held through the stacks.
    // The proof's sweep (proved on this thread) is let go by now: what it held is collected before the reports are made.
    if (!thread) progress('released');
    if (modulesDir && accessMd === 'written') writeDocs?.(write);
    // The proof thread's reports are written as they come, between two accounts.
    const files = { offline, format, modules: modulesDir !== undefined, afterAccount: thread && (() => thread.drain(write)) };
    if (cdktfEngine) {
      // Loaded only when asked for: cdktf and the provider bindings are the app's (optional peers), and take most of a second to load.
      cdktfApp(hclStacksRequested(env) ? 'HCL stacks (cdktf synth --hcl)' : "engine: 'cdktf'").synthesizeApp(loaded, model, swap.stacksStaging, { offline });
      artifacts = writeAccountFiles(model, files, write);
    } else {
      artifacts = writeAccountFiles(model, { ...files, stacksDir: swap.stacksStaging }, write);
    }
    if (thread) {
      proof = thread.finish(write);
      proofGate = gate(proof);
    }
  } catch (e) {
    thread?.cancel();
    swap.abort();
    throw e;
  }
  const findings = [...lintFindings, ...proofGate];
  // Both trees are put in place together: a kill from here on leaves both old or both new (see output/swap.ts).
  swap.commit(
    model.accounts.map((a) => a.name),
    options.stacksFiles,
  );
  const warnings: Warning[] = [
    ...findings.map(findingWarning),
    ...(offline ? offlineWarnings(env) : []),
    ...symlinkWarnings([folders.stacks, folders.modules]),
  ];
  const summary = summarize(model, {
    offline,
    moduleFormat: format,
    modules: modulesDir ? model.accounts.map((a) => a.name) : [],
    artifacts,
    accessMd,
    accessProof: { checks: proof!.summary.cells, failing: proofGate.filter((f) => f.ruleId === PROOF_RULE.id).length },
    warnings,
  });
  return { model, outdir, stacks: model.accounts.map((a) => a.name), modulesDir, findings, summary };
}

/**
 * Whether access is proved on a second thread: `SYNTH_WORKER=on`. `off` and
 * `auto` (the default) prove it on this thread: since the CLI keeps its heap
 * near what it holds (src/cli/heap.ts), one thread makes 1000 accounts well
 * inside their time goal, and the thread's copy of the spec and model costs
 * about 200 MiB there, 1.3 GiB at 5000 accounts (bench/README.md).
 */
function proofThreadWanted(env: NodeJS.ProcessEnv): boolean {
  const mode = env.SYNTH_WORKER?.trim().toLowerCase() || 'auto';
  if (mode === 'on' || mode === 'off' || mode === 'auto') return mode === 'on';
  throw new EnvError(envProblems.notUnderstood('SYNTH_WORKER', env.SYNTH_WORKER, 'set SYNTH_WORKER=on, off or auto (the default), or unset it'));
}

/** src/constructs/cdktf-app, which loads cdktf; its absence is the environment's, said with the fix. */
function cdktfApp(why: string): typeof import('./constructs/cdktf-app') {
  try {
    // Loading the bindings too: a missing @cdktf/provider-aws is found here, before anything is built.
    require.resolve('@cdktf/provider-aws/package.json');
    lateCode();
    return require('./constructs/cdktf-app');
  } catch (e) {
    const missing = /Cannot find module '((?:@[^/']+\/)?[^/']+)/.exec((e as Error).message)?.[1];
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && missing) throw new EnvError(envProblems.engineMissing(why, missing));
    throw e;
  }
}

/** Whether the access reports are written: the option, else `ACCESS_MATRIX`, else yes. */
export function accessMdDecision(option: boolean | 'auto' | undefined, env: NodeJS.ProcessEnv = {}): AccessMd {
  let mode = option;
  if (mode === undefined) {
    const fromEnv = env.ACCESS_MATRIX?.trim().toLowerCase();
    if (fromEnv === 'on' || fromEnv === 'off' || fromEnv === 'auto') mode = fromEnv === 'auto' ? 'auto' : fromEnv === 'on';
    else if (fromEnv)
      throw new EnvError(envProblems.notUnderstood('ACCESS_MATRIX', env.ACCESS_MATRIX, 'set ACCESS_MATRIX=on, off or auto (the default), or unset it'));
  }
  return mode === false ? 'off' : 'written';
}

/** A lint finding (warning, info or suppressed) as a line of the synth summary. */
function findingWarning(f: Finding): Warning {
  const note = f.suppressed ? suppressionNote(f.suppressed) : f.level === 'info' ? ' (info)' : '';
  return { ruleId: f.ruleId, path: f.path, message: `${f.message}${note}`, fix: f.fix };
}

function offlineWarnings(env: NodeJS.ProcessEnv): Warning[] {
  const out: Warning[] = [
    {
      ruleId: 'OFFLINE_DRY_RUN',
      path: '',
      message: 'stacks were synthesized for an offline dry run: dummy credentials, skip flags, no allowed_account_ids',
      fix: 'unset OFFLINE_DRY_RUN and synthesize again before any deploy',
    },
  ];
  if (!cliConfigHasMirror(env)) {
    out.push({
      ruleId: 'OFFLINE_NO_MIRROR',
      path: '',
      message: 'TF_CLI_CONFIG_FILE names no CLI config with a filesystem_mirror, so terraform init will try the registry',
      fix: 'export TF_CLI_CONFIG_FILE="$PWD/terraform.rc" (or run `cross-account-iam diff <account>`)',
    });
  }
  return out;
}
