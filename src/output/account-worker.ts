/**
 * The accounts' files (account-files.ts) written on a worker thread, while
 * synth's own thread proves access and writes the reports: the two halves of
 * a large synth on the two cores of a small CI runner.
 *
 * The worker gets the linted model once (cloned with the worker's data) and
 * writes into the staging folders of the output swap (swap.ts), so nothing
 * is in place before the commit, and a failed proof or a failed write leaves
 * the old trees as they were. Each file's bytes come from the model alone,
 * whichever thread writes it and in whatever order the threads run.
 *
 * Synchronous for its caller, like background-writer.ts: {@link AccountWorker.finish}
 * blocks until the worker is done and rethrows its error; {@link AccountWorker.cancel}
 * stops it after the account at hand. Started only by {@link startAccountWorker},
 * which returns undefined where no worker can run (a single core, a bundle
 * without the worker's file): synth then writes the files itself.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { EnvError, envProblems } from '../errors';
import type { Model } from '../model/types';
import type { ModuleFormat } from '../modules/module-files';
import { writeAccountFiles, type ArtifactInfo } from './account-files';
import { TreeWriter } from './write-tree';

/** How long the worker may take over one account (or over the files after the last) before synth gives up on it. */
const STALL_MS = 120_000;
/** The bundle of the worker's side, beside the bundle that loads this file (scripts/build.cjs). */
const WORKER_BUNDLE = 'account-worker.js';
// state[DONE]: 1 once the worker has posted its answer; state[PROGRESS]: accounts done; state[CANCEL]: 1 to stop; state[PAUSE] stays 0.
const DONE = 0;
const PROGRESS = 1;
const CANCEL = 2;
const PAUSE = 3;

export interface AccountWorkerJob {
  readonly model: Model;
  readonly offline: boolean;
  readonly format: ModuleFormat;
  /** The staged stacks folder (OutputSwap.stacksStaging). */
  readonly stacksDir: string;
  /** The staged modules folder and the live one whose unchanged files are hard-linked (OutputSwap.modulesStaging); none for stacks only. */
  readonly modules?: { readonly staged: string; readonly live: string };
}

export interface AccountWorkerResult {
  readonly artifacts: ArtifactInfo[];
  /** Every file written below the modules folder, by relative path (for the swap's marker). */
  readonly moduleFiles: string[];
}

interface WorkerData extends AccountWorkerJob {
  readonly port: MessagePort;
  readonly state: SharedArrayBuffer;
}

/** An error as it crosses threads: the fields the CLI reads of a failed write (env-failure.ts). */
interface ThreadError {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly errno?: number;
}

type Answer = { readonly ok: AccountWorkerResult } | { readonly error: ThreadError } | { readonly cancelled: true };

/** Thrown inside the worker to stop after the account at hand (control flow, not a user error: compared by identity). */
const CANCELLED = new Error('cancelled');

export class AccountWorker {
  private readonly state = new Int32Array(new SharedArrayBuffer(16));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private done = false;

  constructor(job: AccountWorkerJob, entry: { readonly file: string; readonly execArgv?: string[] }) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: WorkerData = { ...job, port: port2, state: this.state.buffer as SharedArrayBuffer };
    this.worker = new Worker(entry.file, { workerData, transferList: [port2], execArgv: entry.execArgv, stdout: false, stderr: false });
    this.worker.unref();
  }

  /** Waits for the worker; the artifacts and module files it wrote, or its error (a failed write keeps its code, syscall and path). */
  finish(): AccountWorkerResult {
    const answer = this.wait();
    if ('ok' in answer) return answer.ok;
    if ('error' in answer) throw Object.assign(new Error(answer.error.message), answer.error);
    throw new Error('the account writer thread was cancelled');
  }

  /** Stops the worker after the account at hand and waits until it has stopped writing (the staging folders can then go). */
  cancel(): void {
    if (this.done) return;
    Atomics.store(this.state, CANCEL, 1);
    try {
      this.wait();
    } catch {
      // It stopped one way or another; the caller is already failing.
    }
  }

  private wait(): Answer {
    if (this.done) throw new Error('AccountWorker: already finished');
    this.done = true;
    try {
      for (;;) {
        const progress = Atomics.load(this.state, PROGRESS);
        if (Atomics.wait(this.state, DONE, 0, STALL_MS) !== 'timed-out') break;
        if (Atomics.load(this.state, PROGRESS) === progress) throw new EnvError(envProblems.workerStalled(STALL_MS / 1000));
      }
      // The answer is posted before the flag is raised; allow a moment for it to arrive all the same.
      for (let i = 0; i < 1000; i++) {
        const received = receiveMessageOnPort(this.port);
        if (received) return received.message as Answer;
        Atomics.wait(this.state, PAUSE, 0, 1);
      }
      throw new Error('the account writer thread ended without an answer');
    } finally {
      this.port.close();
      void this.worker.terminate();
    }
  }
}

/**
 * A worker writing the accounts' files, started at once; undefined where none
 * can run: one core, or no worker file beside this bundle (a bundle that
 * leaves it out writes on one thread, with the same bytes).
 */
export function startAccountWorker(job: AccountWorkerJob): AccountWorker | undefined {
  if (availableParallelism() < 2) return undefined;
  const entry = workerEntry();
  if (!entry) return undefined;
  try {
    return new AccountWorker(job, entry);
  } catch {
    // A model that cannot be cloned (it never holds functions, but a library caller's spec might): one thread.
    return undefined;
  }
}

/** From the sources (tests, tsx), the entry's TypeScript through tsx; from a bundle, the worker's bundle beside it. */
function workerEntry(): { file: string; execArgv?: string[] } | undefined {
  if (__filename.endsWith('.ts')) {
    // Named at run time, so that no bundle tries to include tsx (a development dependency).
    const tsx = ['tsx', 'cjs'].join('/');
    return { file: join(__dirname, 'account-worker-entry.ts'), execArgv: ['--require', require.resolve(tsx)] };
  }
  const file = join(__dirname, WORKER_BUNDLE);
  return existsSync(file) ? { file } : undefined;
}

/** The worker's side (account-worker-entry.ts): writes the files and answers once, whatever happens. */
export function runAccountWorker(data: WorkerData): void {
  const state = new Int32Array(data.state);
  const moduleFiles: string[] = [];
  let tree: TreeWriter | undefined;
  let answer: Answer;
  try {
    // Written here, not by a third thread: this one has time to spare while the main thread proves access, and one heap less is held.
    tree = data.modules ? new TreeWriter(data.modules.staged, { unchangedFrom: data.modules.live, backgroundAfter: Infinity }) : undefined;
    const write = (rel: string, content: string) => {
      tree!.write(rel, content);
      moduleFiles.push(rel);
    };
    const afterAccount = () => {
      Atomics.add(state, PROGRESS, 1);
      if (Atomics.load(state, CANCEL) === 1) throw CANCELLED;
    };
    const artifacts = writeAccountFiles(
      data.model,
      { offline: data.offline, format: data.format, modules: tree !== undefined, stacksDir: data.stacksDir, afterAccount },
      write,
    );
    tree?.finish();
    answer = { ok: { artifacts, moduleFiles } };
  } catch (e) {
    try {
      // Its own writer thread must be done before the staging folders may go.
      tree?.finish();
    } catch {
      // The first error is the one to report.
    }
    answer = e === CANCELLED ? { cancelled: true } : { error: threadError(e) };
  }
  data.port.postMessage(answer);
  Atomics.store(state, DONE, 1);
  Atomics.notify(state, DONE);
}

function threadError(e: unknown): ThreadError {
  if (!(e instanceof Error)) return { message: String(e) };
  const { code, syscall, path, errno } = e as NodeJS.ErrnoException;
  return { message: e.message, code, syscall, path, errno };
}
