/**
 * The access proof on a second thread: while synth's own thread lints the
 * model and writes every account's stack, module and workload settings, a
 * worker resolves the same spec, proves access and renders the access reports.
 * The two halves of a large synth on the two cores of a small CI runner.
 *
 * The worker never touches the file system. It posts the proof (the data the
 * gate reads: summary, exceptions, chains, guardrails) and then the reports, in
 * batches; synth's thread writes them into its staging folders between two
 * accounts ({@link ProofThread.drain}) and after the last ({@link ProofThread.finish}).
 * So stopping the worker is safe at any moment ({@link ProofThread.cancel}),
 * and a failed proof or write leaves the old trees as they were (swap.ts).
 *
 * The worker gets the validated spec as JSON text (which round-trips: the
 * spec is plain data) and resolves it itself, so the model it proves is the
 * model synth's thread describes: the resolver is a function of the spec.
 * Started only by {@link startProofThread}, which returns undefined where no
 * worker can run (a single core, a bundle without the worker's file): synth
 * then proves on its own thread, with the same bytes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import { workerThreads } from '../output/threads';
import { proveAccess, type AccessProof } from './report/access-md';
import { EnvError, envProblems } from '../errors';
import type { Spec } from '../input/schema';
import { resolveModel } from '../model/resolve';

/** How long synth waits without a sign of progress from the worker (a role proved, a batch of reports) before giving up on it. */
const STALL_MS = 120_000;
/** The bundle of the worker's side, beside the bundle that loads this file (scripts/build.cjs). */
const WORKER_BUNDLE = 'proof-thread.js';
/** Reports are posted in batches of about this many characters. */
const BATCH_CHARS = 1 << 20;
// state[DONE]: 1 once the worker has posted its last message; state[PROGRESS]: roles proved plus batches posted; state[PAUSE] stays 0.
const DONE = 0;
const PROGRESS = 1;
const PAUSE = 2;

/** The proof as the gate and the summary read it: {@link AccessProof} without its reports. */
export type ProvenAccess = Omit<AccessProof, 'writeDocs'>;

export interface ProofThreadJob {
  /** The spec's file, as the model names it. */
  readonly file: string;
  /** The validated spec (LoadedSpec.spec). */
  readonly spec: Spec;
  /** Render the access reports (modules/ACCESS.md, each account's ACCESS.md, access.html). */
  readonly reports: boolean;
}

interface WorkerData {
  readonly file: string;
  readonly reports: boolean;
  readonly port: MessagePort;
  readonly state: SharedArrayBuffer;
}

/** An error as it crosses threads. */
interface ThreadError {
  readonly message: string;
  readonly stack?: string;
}

type Message =
  | { readonly proof: ProvenAccess }
  | { readonly files: readonly (readonly [path: string, content: string])[] }
  | { readonly error: ThreadError }
  | { readonly done: true };

type Write = (path: string, content: string) => void;

export class ProofThread {
  private readonly state = new Int32Array(new SharedArrayBuffer(12));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private proof?: ProvenAccess;
  /** The progress count last seen to change, and when. */
  private since?: { progress: number; at: number };
  /** The worker's last message (`done`) has arrived. */
  private ended = false;
  private stopped = false;

  constructor(job: ProofThreadJob, entry: { readonly file: string; readonly execArgv?: string[] }) {
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const workerData: WorkerData = { file: job.file, reports: job.reports, port: port2, state: this.state.buffer as SharedArrayBuffer };
    // The spec as a message, not as workerData, which the worker would hold to its end.
    port1.postMessage(JSON.stringify(job.spec));
    this.worker = new Worker(entry.file, { workerData, transferList: [port2], execArgv: entry.execArgv, stdout: false, stderr: false });
    this.worker.unref();
  }

  /** Hands `write` every report the worker has posted so far; does not wait. */
  drain(write: Write): void {
    const { receiveMessageOnPort } = workerThreads();
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) this.take(m.message as Message, write);
  }

  /** Waits for the worker, handing `write` the reports it posts; the proof, or the worker's error. */
  finish(write: Write): ProvenAccess {
    if (this.stopped) throw new Error('ProofThread: already finished or cancelled');
    try {
      for (;;) {
        const progress = Atomics.load(this.state, PROGRESS);
        const waited = Atomics.wait(this.state, DONE, 0, 50);
        this.drain(write);
        if (waited !== 'timed-out') break;
        if (Atomics.load(this.state, PROGRESS) === progress && this.stalled(progress)) throw new EnvError(envProblems.workerStalled(STALL_MS / 1000));
      }
      // The last message is posted before the flag is raised; allow a moment for it to arrive all the same.
      for (let i = 0; i < 1000 && !this.ended; i++) {
        this.drain(write);
        if (!this.ended) Atomics.wait(this.state, PAUSE, 0, 1);
      }
      if (!this.ended) throw new Error('the access proof thread ended without its last message');
      if (!this.proof) throw new Error('the access proof thread ended without a proof');
      return this.proof;
    } finally {
      this.stop();
    }
  }

  /** Stops the worker, at any point: it writes nothing itself. */
  cancel(): void {
    this.stop();
  }

  /** No progress for STALL_MS. */
  private stalled(progress: number): boolean {
    const now = Date.now();
    if (this.since?.progress !== progress) this.since = { progress, at: now };
    return now - this.since.at >= STALL_MS;
  }

  private take(message: Message, write: Write): void {
    if ('proof' in message) this.proof = message.proof;
    else if ('files' in message) for (const [path, content] of message.files) write(path, content);
    else if ('error' in message) throw Object.assign(new Error(message.error.message), { stack: message.error.stack });
    else this.ended = true;
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * A worker proving access, started at once; undefined where none can run:
 * one core, or no worker file beside this bundle (a bundle that leaves it
 * out proves on one thread, with the same bytes).
 */
export function startProofThread(job: ProofThreadJob): ProofThread | undefined {
  // node:os only here: a synth that asks for no proof thread does not load it.
  if ((require('node:os') as typeof import('node:os')).availableParallelism() < 2) return undefined;
  const entry = workerEntry();
  return entry && new ProofThread(job, entry);
}

/** From the sources (tests, tsx), the entry's TypeScript through tsx; from a bundle, the worker's bundle beside it. */
function workerEntry(): { file: string; execArgv?: string[] } | undefined {
  if (__filename.endsWith('.ts')) {
    // Named at run time, so that no bundle tries to include tsx (a development dependency).
    const tsx = ['tsx', 'cjs'].join('/');
    return { file: join(__dirname, 'proof-thread-entry.ts'), execArgv: ['--require', require.resolve(tsx)] };
  }
  const file = join(__dirname, WORKER_BUNDLE);
  return existsSync(file) ? { file } : undefined;
}

/** The worker's side (proof-thread-entry.ts): proves, posts the proof and the reports, and ends with `done` whatever happens. */
export function runProofThread(data: WorkerData): void {
  const state = new Int32Array(data.state);
  const post = (message: Message) => data.port.postMessage(message);
  try {
    const model = resolveModel({ file: data.file, spec: JSON.parse(workerThreads().receiveMessageOnPort(data.port)!.message as string) as Spec });
    const { writeDocs, ...proof } = proveAccess(model, { keepSections: data.reports, onRole: () => Atomics.add(state, PROGRESS, 1) });
    post({ proof });
    if (data.reports) {
      let batch: [string, string][] = [];
      let chars = 0;
      const flush = () => {
        post({ files: batch });
        Atomics.add(state, PROGRESS, 1);
        batch = [];
        chars = 0;
      };
      writeDocs((path, content) => {
        batch.push([path, content]);
        chars += content.length;
        if (chars >= BATCH_CHARS) flush();
      });
      if (batch.length > 0) flush();
    }
  } catch (e) {
    post({ error: e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) } });
  }
  post({ done: true });
  Atomics.store(state, DONE, 1);
  Atomics.notify(state, DONE);
}
