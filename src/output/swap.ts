/**
 * Putting a synth's two trees in place, `modules/` and `cdktf.out/`, so that
 * a kill at any moment leaves both wholly old or both wholly new once the next
 * command has started (it recovers first, {@link recoverOutputs}).
 *
 * The protocol, with a journal `cdktf.out/.swap-<pid>-<time>.json`:
 * 1. The journal is written in phase `staging`, naming the staging folders:
 *    `modules/` is written whole to `.modules.tmp-<pid>-<time>` beside it,
 *    the stacks and the manifest to `cdktf.out/.staging-<pid>-<time>/`.
 * 2. Once both are complete, the journal is replaced (write and rename) by
 *    one in phase `commit`, which lists every move still to make. That
 *    rename is the commit point: before it, recovery deletes the staging
 *    folders (wholly old); after it, recovery redoes the moves (wholly new).
 * 3. The moves, each one idempotent: `modules` renamed to `.modules.old-*`,
 *    the staged tree renamed to `modules`, the old one removed; a new
 *    stack's folder renamed in whole, and each file of an existing stack
 *    renamed over its predecessor (the stack folders keep the cdktf
 *    CLI's `.terraform/`, lock file and plans), synthesized files the new
 *    stack no longer has removed, stack folders of accounts the spec dropped
 *    removed, then `manifest.json`, the marker and the synth record.
 * 4. The staging folder and the journal are removed.
 *
 * Under the cdktf or cdktn CLI, stack folders of dropped accounts are left to
 * the CLI: it lists `stacks/` before it starts the app and removes, after
 * the app, each listed folder the new manifest does not name (with an
 * `rmSync` that fails when the folder is already gone).
 *
 * `CROSS_ACCOUNT_IAM_CRASH_AT_STEP=N` (a test hook, see CONTRIBUTING.md)
 * kills the process with SIGKILL just before the N-th change to the trees,
 * counted from the commit's first step, or from the recovery's first move.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { removeFile, removeTree } from './remove';
import { basename, dirname, join } from 'node:path';
import { MANIFEST_FILE, STACKS_FOLDER } from '../render/manifest';
import { markerText, OUTPUT_MARKER } from './ownership';
import { TreeWriter } from './write-tree';
import { writeOrLink } from './background-writer';
import { byCodePoint } from '../order';

/** The files a synth writes in a stack folder: JSON, or HCL and its metadata under `cdktf synth --hcl`. */
const SYNTHESIZED = ['cdk.tf.json', 'cdk.tf', 'metadata.json'];
const JOURNAL = /^\.swap-(\d+)-\d+\.json$/;
const STAGING = /^\.staging-(\d+)-\d+$/;

interface Journal {
  readonly phase: 'staging' | 'commit';
  readonly modules?: { readonly live: string; readonly staged: string; readonly old: string };
  readonly stacks: {
    readonly live: string;
    readonly staging: string;
    /** Per stack, the files to move in (phase commit). */
    readonly files?: Readonly<Record<string, readonly string[]>>;
    /** Stack folders to remove (phase commit). */
    readonly stale?: readonly string[];
    /** Files beside the manifest to move in, the manifest first (phase commit). */
    readonly top?: readonly string[];
  };
}

export interface SwapOptions {
  /** Leave the stack folders of dropped accounts for the cdktf CLI to remove (see the file header). */
  readonly keepStaleStacks?: boolean;
  /** See {@link TreeWriter}. */
  readonly backgroundAfter?: number;
  /** The test hook: SIGKILL just before the N-th change to the trees (`CROSS_ACCOUNT_IAM_CRASH_AT_STEP=N`, read by {@link swapOptionsFrom}). */
  readonly crashAtStep?: number;
}

/** The swap's options the environment sets: the cdktf CLI running us, and the crash-test hook. */
export function swapOptionsFrom(env: NodeJS.ProcessEnv): Pick<SwapOptions, 'keepStaleStacks' | 'crashAtStep'> {
  const crashAtStep = Number(env.CROSS_ACCOUNT_IAM_CRASH_AT_STEP);
  return { keepStaleStacks: cdktfCliRunsUs(env), ...(Number.isInteger(crashAtStep) && crashAtStep >= 1 ? { crashAtStep } : {}) };
}

/** One synth's output: staged by {@link write} and the stacks renderer (into {@link stacksStaging}), then put in place by {@link commit}. */
export class OutputSwap {
  /** Where the stacks and the manifest are staged; laid out as `cdktf.out/` is. */
  readonly stacksStaging: string;
  private readonly journalFile: string;
  private readonly journal: Journal;
  private readonly modules?: TreeWriter;
  private readonly moduleFiles = new Set<string>();
  /** Past the commit point: recovery rolls forward from here, so nothing staged may be dropped. */
  private committed = false;
  /** Folders this swap made to hold its output (the deepest last): an abort removes those left empty. */
  private readonly made: string[] = [];

  constructor(
    stacksDir: string,
    modulesDir: string | undefined,
    private readonly options: SwapOptions = {},
  ) {
    const stamp = `${process.pid}-${Date.now()}`;
    this.makeDir(stacksDir);
    this.stacksStaging = join(stacksDir, `.staging-${stamp}`);
    this.journalFile = join(stacksDir, `.swap-${stamp}.json`);
    let modules: Journal['modules'];
    if (modulesDir !== undefined) {
      const parent = dirname(modulesDir);
      this.makeDir(parent);
      removeDeadLeftovers(parent, new RegExp(`^\\.${escapeRegExp(basename(modulesDir))}\\.(tmp|old)-(\\d+)-\\d+$`), 2);
      modules = { live: modulesDir, staged: join(parent, `.${basename(modulesDir)}.tmp-${stamp}`), old: join(parent, `.${basename(modulesDir)}.old-${stamp}`) };
      // Unchanged files are hard-linked from the live tree: same bytes, same mtime, and the staged tree is still renamed in whole.
      // A first synth has no live tree to look in (and so no lookup per file).
      const unchangedFrom = existsSync(modulesDir) ? modulesDir : undefined;
      this.modules = new TreeWriter(modules.staged, { backgroundAfter: options.backgroundAfter, unchangedFrom });
    }
    this.journal = { phase: 'staging', modules, stacks: { live: stacksDir, staging: this.stacksStaging } };
    writeJournal(this.journalFile, this.journal);
    mkdirSync(this.stacksStaging, { recursive: true });
  }

  /** Where `modules/` is staged, and the live tree it replaces (for files staged by another thread, see {@link staged}). */
  get modulesStaging(): { readonly staged: string; readonly live: string } | undefined {
    const m = this.journal.modules;
    return m && { staged: m.staged, live: m.live };
  }

  /** Files of `modules/` another thread wrote into {@link modulesStaging} (as {@link write} does, unchanged ones hard-linked from the live tree). */
  staged(rels: Iterable<string>): void {
    for (const rel of rels) this.moduleFiles.add(rel);
  }

  /** Stages one file of `modules/`, by relative path. */
  write(rel: string, content: string): void {
    if (!this.modules) throw new Error('OutputSwap: no modules folder to write to');
    this.modules.write(rel, content);
    this.moduleFiles.add(rel);
  }

  /**
   * Puts the staged trees in place: exactly the stacks named (by name), the
   * manifest, and `topFiles` beside it (the CLI's synth record).
   */
  commit(stacks: readonly string[], topFiles: Readonly<Record<string, string>> = {}): void {
    const step = crashHook(this.options.crashAtStep);
    const m = this.journal.modules;
    const s = this.journal.stacks;
    try {
      if (m && this.modules) {
        this.modules.finish();
        mkdirSync(m.staged, { recursive: true });
        writeOrLink(join(m.staged, OUTPUT_MARKER), markerText('modules', [...this.moduleFiles]), join(m.live, OUTPUT_MARKER));
      }
      for (const [name, content] of Object.entries({ ...topFiles, [OUTPUT_MARKER]: markerText('stacks') })) writeFileSync(join(s.staging, name), content);
      const files: Record<string, readonly string[]> = {};
      const live = join(s.live, STACKS_FOLDER);
      for (const name of stacks) {
        files[name] = readdirSync(join(s.staging, STACKS_FOLDER, name)).sort(byCodePoint);
        // A staged file the stack already has, byte for byte, is dropped: the live one stays, mtime and all (redo moves only what is staged).
        for (const file of files[name]) dropIfSame(join(s.staging, STACKS_FOLDER, name, file), join(live, name, file));
      }
      for (const e of readdirSync(s.staging, { withFileTypes: true })) if (e.isFile()) dropIfSame(join(s.staging, e.name), join(s.live, e.name));
      const keep = new Set(stacks);
      const stale =
        this.options.keepStaleStacks || !existsSync(live)
          ? []
          : readdirSync(live, { withFileTypes: true })
              .filter((e) => e.isDirectory() && !keep.has(e.name))
              .map((e) => e.name)
              .sort(byCodePoint);
      const top = readdirSync(s.staging, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort((a, b) => (a === MANIFEST_FILE ? -1 : b === MANIFEST_FILE ? 1 : a < b ? -1 : 1));
      step();
      writeJournal(this.journalFile, { ...this.journal, phase: 'commit', stacks: { ...s, files, stale, top } });
      this.committed = true;
    } catch (e) {
      this.abort();
      throw e;
    }
    redo(readJournal(this.journalFile)!, step);
    step();
    removeFile(this.journalFile);
  }

  /** Drops what was staged; what is in place stays as it was. After the commit point, does nothing: the next command finishes the moves. */
  abort(): void {
    if (this.committed) return;
    try {
      // The writer thread must be done before the staging folder goes, or it would make it again.
      this.modules?.finish();
    } catch {
      // Already failing: the staging folder is removed either way.
    }
    undo(this.journal);
    removeFile(this.journalFile);
    for (const dir of this.made.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty (or already gone): what was there stays.
      }
    }
  }

  /** `mkdir -p dir`, remembering the folders it made. */
  private makeDir(dir: string): void {
    const first = mkdirSync(dir, { recursive: true });
    if (first === undefined) return;
    const chain: string[] = [];
    for (let d = dir; d !== first && d !== dirname(d); d = dirname(d)) chain.push(d);
    this.made.push(first, ...chain.reverse());
  }
}

/**
 * Finishes or rolls back what a killed synth left in `stacksDir` (journals of
 * processes that are gone), and removes staging folders no journal names.
 * Runs at the start of every synth and every command of the CLI.
 */
export function recoverOutputs(stacksDir: string, options: Pick<SwapOptions, 'keepStaleStacks' | 'crashAtStep'> = {}): void {
  if (!statSync(stacksDir, { throwIfNoEntry: false })?.isDirectory()) return;
  const step = crashHook(options.crashAtStep);
  for (const entry of readdirSync(stacksDir).sort(byCodePoint)) {
    const pid = JOURNAL.exec(entry)?.[1] ?? /^\.swap-(\d+)-\d+\.json\.tmp$/.exec(entry)?.[1];
    if (!pid || alive(Number(pid))) continue;
    const file = join(stacksDir, entry);
    const journal = entry.endsWith('.tmp') ? undefined : readJournal(file);
    if (journal?.phase === 'commit') redo(options.keepStaleStacks ? { ...journal, stacks: { ...journal.stacks, stale: [] } } : journal, step);
    else if (journal) undo(journal);
    removeFile(file);
  }
  removeDeadLeftovers(stacksDir, STAGING, 1);
}

/**
 * Whether the cdktf (or cdktn) CLI runs this process as its app: it sets
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS for the app only, and removes
 * stale stack folders itself (see the file header).
 */
export function cdktfCliRunsUs(env: NodeJS.ProcessEnv): boolean {
  return env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/** Rolls a committed journal forward; every move checks first, so a second run after a kill finishes the first. */
function redo(j: Journal, step: () => void): void {
  const m = j.modules;
  if (m) {
    if (existsSync(m.staged)) {
      if (existsSync(m.live)) {
        step();
        renameSync(m.live, m.old);
      }
      step();
      renameSync(m.staged, m.live);
    }
    if (existsSync(m.old)) {
      step();
      rmSync(m.old, { recursive: true, force: true });
    }
  }
  const s = j.stacks;
  const live = join(s.live, STACKS_FOLDER);
  const staged = join(s.staging, STACKS_FOLDER);
  if (!existsSync(live) && existsSync(staged) && holdsExactly(staged, s.files ?? {})) {
    // No stacks in place yet (a first synth): the staged folder moves in whole, one rename for all (and no folder made
    // here, none left to remove). A kill after it finds `live` there, and moves each stack's leftovers (none).
    step();
    renameSync(staged, live);
  } else moveEachStack(s.files ?? {}, staged, live, step);
  for (const name of s.stale ?? []) {
    if (!existsSync(join(live, name))) continue;
    step();
    rmSync(join(live, name), { recursive: true, force: true });
  }
  for (const file of s.top ?? []) {
    if (!existsSync(join(s.staging, file))) continue;
    step();
    renameSync(join(s.staging, file), join(s.live, file));
  }
  if (existsSync(s.staging)) {
    step();
    removeTree(s.staging);
  }
}

/**
 * Moves each stack's staged files from `staged/<stack>` into `live/<stack>` (a new stack's folder in whole), and
 * removes from `live/<stack>` the synthesized files the stack no longer has.
 */
function moveEachStack(stackFiles: Readonly<Record<string, readonly string[]>>, staged: string, live: string, step: () => void): void {
  for (const [name, files] of Object.entries(stackFiles)) {
    const from = join(staged, name);
    const to = join(live, name);
    if (files.length > 0 && !existsSync(to) && existsSync(from)) {
      // A new stack: its staged folder moves in whole (one rename, and no empty folder left to remove).
      step();
      mkdirSync(live, { recursive: true });
      renameSync(from, to);
      continue;
    }
    for (const file of files) {
      if (!existsSync(join(from, file))) continue;
      step();
      mkdirSync(to, { recursive: true });
      renameSync(join(from, file), join(to, file));
    }
    for (const old of SYNTHESIZED) {
      if (files.includes(old) || !existsSync(join(to, old))) continue;
      step();
      removeFile(join(to, old));
    }
  }
}

/**
 * Whether the folder `dir` holds exactly the stacks of `files` that have files: then it can move in whole, as
 * {@link moveEachStack} moves each new stack's folder in whole.
 */
function holdsExactly(dir: string, files: Readonly<Record<string, readonly string[]>>): boolean {
  const names = Object.keys(files).filter((n) => files[n].length > 0);
  const there = readdirSync(dir);
  return there.length === names.length && names.every((n) => there.includes(n));
}

/** Removes the staged file `staged` when `live` holds the same bytes (before the commit point: a kill meanwhile rolls back all the same). */
function dropIfSame(staged: string, live: string): void {
  const st = statSync(live, { throwIfNoEntry: false });
  if (!st?.isFile() || st.size !== statSync(staged).size) return;
  if (readFileSync(live).equals(readFileSync(staged))) removeFile(staged);
}

/** Rolls a journal in phase `staging` back: the staging folders go, nothing in place changes. */
function undo(j: Journal): void {
  if (j.modules) rmSync(j.modules.staged, { recursive: true, force: true });
  rmSync(j.stacks.staging, { recursive: true, force: true });
}

function writeJournal(file: string, journal: Journal): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(journal, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

function readJournal(file: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Journal;
  } catch {
    return undefined;
  }
}

/** Removes the entries of `dir` that match `pattern` and whose process (capture group `pidGroup`) is gone. */
function removeDeadLeftovers(dir: string, pattern: RegExp, pidGroup: number): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir)) {
    const pid = pattern.exec(entry)?.[pidGroup];
    if (pid && !alive(Number(pid))) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}

/** The test hook: SIGKILL just before the `at`-th change to the trees (CROSS_ACCOUNT_IAM_CRASH_AT_STEP=N). */
function crashHook(at: number | undefined): () => void {
  if (at === undefined || !Number.isInteger(at) || at < 1) return () => undefined;
  let n = 0;
  return () => {
    if (++n !== at) return;
    process.kill(process.pid, 'SIGKILL');
    // SIGKILL to oneself is delivered at once; never go on past the step meanwhile.
    for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  };
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
