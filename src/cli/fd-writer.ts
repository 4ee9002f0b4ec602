/**
 * The CLI's stdout and stderr, written straight to their file descriptors.
 * `process.stdout` builds Node's stream classes for the descriptor (a pipe
 * loads `net` and `stream`): about 1.5 ms of a 50 ms synth of the default
 * example (bench/README.md, round 5), for a few lines of text.
 *
 * Each text is written whole, in order. A descriptor that refuses a write
 * (a non-blocking pipe that is full, `EAGAIN`; a closed reader, `EPIPE`; any
 * other error) hands the rest of that text, and every text after it, to the
 * stream, which queues and retries as before: nothing is lost or reordered.
 * On Windows the stream is used from the start: a console takes text through
 * it (WriteConsoleW), not through a file write.
 */
import { writeSync } from 'node:fs';

/** A writer of `fd` that falls back to `stream()` for good once the descriptor refuses a write. */
export function fdWriter(fd: number, stream: () => { write(chunk: string | Uint8Array): unknown }): (text: string) => void {
  let viaStream = process.platform === 'win32';
  return (text) => {
    if (viaStream) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch {
      viaStream = true;
      stream().write(bytes.subarray(written));
    }
  };
}
