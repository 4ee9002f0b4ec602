/**
 * Writes files on a worker thread while the caller goes on computing. On the
 * VMs this project runs on, creating a file or a folder costs 0.1 to 1 ms of
 * kernel time; for an organization-sized spec (18,000 of them) that is seconds
 * that would otherwise add to the synth's own CPU time.
 *
 * Synchronous for its caller: {@link BackgroundWriter.finish} blocks until
 * every file is written and throws the first error. At most
 * {@link MAX_PENDING} batches are in flight, so memory stays bounded however
 * far the writer falls behind.
 */
import { linkSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { MessagePort, Worker } from 'node:worker_threads';
import { workerThreads } from './threads';

const BATCH_FILES = 64;
const BATCH_CHARS = 1 << 20;
const MAX_PENDING = 16;
const ENCODER = new TextEncoder();
/** How long to wait for the worker to make progress before giving up on it. */
const STALL_MS = 120_000;

/**
 * `path` gets `content`; when `from` (the same file in the tree being
 * replaced) already holds exactly those bytes, it is hard-linked instead of
 * written: same bytes, same inode, same mtime. The tree it is linked into is
 * still a staging tree, renamed into place whole (swap.ts). The main thread
 * does the same in {@link writeOrLink}.
 */
const WRITE_OR_LINK = `
      let linked = false;
      if (from) {
        try {
          const st = statSync(from, { throwIfNoEntry: false });
          if (st && st.isFile() && st.size === content.byteLength && st.nlink === 1 && holds(from, content)) {
            linkSync(from, path);
            linked = true;
          }
        } catch {
          // No hard links here (or the old file went away): write it.
        }
      }
      if (!linked) writeFileSync(path, content);`;

// state[0]: batches posted and not yet written; state[1]: 1 once the worker has answered `finish`.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { closeSync, linkSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');
// The old file is read into one buffer, reused: a tree replaced with the same reports is tens of MB read,
// which as a new buffer per file would wait for this thread's collector outside its heap.
const SCRATCH_MAX = 1 << 20;
const scratch = Buffer.allocUnsafe(SCRATCH_MAX);
function holds(from, content) {
  const size = content.byteLength;
  if (size > SCRATCH_MAX) return readFileSync(from).equals(content);
  const fd = openSync(from, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = readSync(fd, scratch, at, size - at, at);
      if (n === 0) return false;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return scratch.subarray(0, size).equals(content);
}
const { port, state } = workerData;
const s = new Int32Array(state);
const made = new Set();
let error;
port.on('message', (batch) => {
  if (batch === null) {
    port.postMessage(error === undefined ? { ok: true } : { error });
    Atomics.store(s, 1, 1);
    Atomics.notify(s, 1);
    port.close();
    return;
  }
  for (const [path, content, from] of batch) {
    if (error !== undefined) break;
    try {
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      ${WRITE_OR_LINK}
    } catch (e) {
      error = { message: String(e && e.message), code: e && e.code, path };
    }
  }
  Atomics.sub(s, 0, 1);
  Atomics.notify(s, 0);
});
`;

interface WriteError {
  readonly message: string;
  readonly code?: string;
  readonly path: string;
}

export class BackgroundWriter {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private batch: [string, Uint8Array, string | undefined][] = [];
  private transfer: ArrayBuffer[] = [];
  private chars = 0;
  private finished = false;

  constructor() {
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, state: this.state.buffer }, transferList: [port2] });
    this.worker.unref();
  }

  /** Queues one file (absolute path); its folder is created as needed. With `from`, see {@link writeOrLink}. */
  write(path: string, content: string, from?: string): void {
    if (this.finished) throw new Error('BackgroundWriter: write after finish');
    // As bytes moved to the writer, not text copied into its heap: the thread holds nothing once a batch is written.
    const bytes = ENCODER.encode(content);
    this.batch.push([path, bytes, from]);
    this.transfer.push(bytes.buffer as ArrayBuffer);
    this.chars += content.length;
    if (this.batch.length >= BATCH_FILES || this.chars >= BATCH_CHARS) this.flush();
  }

  /** Waits until every queued file is written; throws the first error the worker met. */
  finish(): void {
    if (this.finished) return;
    this.flush();
    this.finished = true;
    this.port.postMessage(null);
    this.waitWhile(1, 0, 'finish writing');
    const answer = this.receiveAnswer();
    this.port.close();
    void this.worker.terminate();
    if (!answer) throw new Error('the file writer thread ended without saying whether every file was written');
    if (answer.error) {
      const e = new Error(`cannot write ${answer.error.path}: ${answer.error.message}`) as Error & { code?: string; path?: string };
      e.code = answer.error.code;
      e.path = answer.error.path;
      throw e;
    }
  }

  /** The worker posts its answer before it raises the flag; allow a moment for the message to arrive all the same. */
  private receiveAnswer(): { ok?: true; error?: WriteError } | undefined {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 1000; i++) {
      const received = workerThreads().receiveMessageOnPort(this.port);
      if (received) return received.message as { ok?: true; error?: WriteError };
      Atomics.wait(pause, 0, 0, 1);
    }
    return undefined;
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    // Back-pressure: wait while MAX_PENDING batches are in flight.
    for (let n = Atomics.load(this.state, 0); n >= MAX_PENDING; n = Atomics.load(this.state, 0)) this.waitWhile(0, n, 'take more files');
    Atomics.add(this.state, 0, 1);
    this.port.postMessage(this.batch, this.transfer);
    this.batch = [];
    this.transfer = [];
    this.chars = 0;
  }

  /** Blocks while state[index] still equals value; fails if the worker stalls. */
  private waitWhile(index: number, value: number, what: string): void {
    if (Atomics.wait(this.state, index, value, STALL_MS) === 'timed-out') {
      void this.worker.terminate();
      throw new Error(`the file writer thread did not ${what} within ${STALL_MS / 1000} s`);
    }
  }
}

/** Writes `content` to `path`, or hard-links `from` there when it holds exactly those bytes: the main thread's WRITE_OR_LINK. */
export function writeOrLink(path: string, content: string, from?: string): void {
  if (from) {
    try {
      const st = statSync(from, { throwIfNoEntry: false });
      if (st && st.isFile() && st.size === Buffer.byteLength(content) && st.nlink === 1 && readFileSync(from).equals(Buffer.from(content))) {
        linkSync(from, path);
        return;
      }
    } catch {
      // No hard links here (or the old file went away): write it.
    }
  }
  writeFileSync(path, content);
}
