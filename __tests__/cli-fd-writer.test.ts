/**
 * The CLI's stdout and stderr writer (src/cli/fd-writer.ts): whole texts in
 * order, straight to the descriptor, and the stream takes over for good when
 * the descriptor refuses, without losing or reordering a byte.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fdWriter } from '../src/cli/fd-writer';
import { tempDir } from './helpers/synth';

/** A stand-in for process.stdout that records what it was given. */
function recorder() {
  const chunks: Buffer[] = [];
  return { chunks, stream: () => ({ write: (c: string | Uint8Array) => chunks.push(Buffer.from(c)) }) };
}

describe('fdWriter', () => {
  it('GIVEN a file descriptor WHEN texts are written THEN the file holds them whole, in order, and the stream is never built', () => {
    const file = join(tempDir(), 'out.txt');
    const fd = openSync(file, 'w');
    const r = recorder();
    let built = 0;
    const write = fdWriter(fd, () => (built++, r.stream()));
    write('spec: the embedded default example\n');
    write('é → ✓ 𝄞\n');
    write('x'.repeat(200_000));
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`spec: the embedded default example\né → ✓ 𝄞\n${'x'.repeat(200_000)}`);
    expect(built).toBe(0);
  });

  it('GIVEN a descriptor that refuses writes WHEN texts are written THEN the stream gets every text, in order, from the first', () => {
    const fd = openSync(join(tempDir(), 'closed.txt'), 'w');
    closeSync(fd); // EBADF from here on
    const r = recorder();
    const write = fdWriter(fd, r.stream);
    write('one\n');
    write('two ✓\n');
    expect(Buffer.concat(r.chunks).toString('utf8')).toBe('one\ntwo ✓\n');
  });

  it('GIVEN a non-blocking pipe that fills (EAGAIN) WHEN 2 MiB are written THEN the reader gets every byte in order, the rest through the stream', async () => {
    const out = join(tempDir(), 'piped.txt');
    // The reader starts late, so the 64 KiB pipe is full long before: writeSync meets EAGAIN.
    const child = spawn('sh', ['-c', `sleep 0.3; cat > '${out}'`], { stdio: ['pipe', 'ignore', 'inherit'] });
    const fd = (child.stdin as unknown as { _handle: { fd: number } })._handle.fd;
    expect(fd).toBeGreaterThan(2);
    let viaStream = 0;
    const write = fdWriter(fd, () => ({ write: (c: string | Uint8Array) => (viaStream++, child.stdin.write(c)) }));
    const text = Array.from({ length: 2048 }, (_, i) => `${String(i).padStart(6, '0')} ${'y'.repeat(1016)}\n`).join('');
    write(text);
    write('the end\n');
    child.stdin.end();
    await new Promise((done) => child.once('close', done));
    expect(readFileSync(out, 'utf8')).toBe(`${text}the end\n`);
    expect(viaStream).toBe(2);
  });
});
