/**
 * Runs one command as a child process and measures it: wall time, CPU time and
 * peak RSS (of the largest process in the tree, as the kernel reports for
 * waited-for children). Uses GNU time when it is installed; without it, RSS is
 * whatever the child reports itself (the in-process synth does), else unknown.
 * The wall time is this process's clock around the child, in nanoseconds: GNU
 * time's `%e` has 10 ms steps, a quarter of the floor (`node -e 0`) on a fast
 * machine, which made the default example's ratio to it jump by 0.25 between
 * runs. Starting GNU time adds under a millisecond, to the floor and to the
 * example alike. GNU time writes into one scratch folder for the whole process,
 * removed when it exits: a folder made and deleted per run would leave freed
 * inodes that slow the next runs' file creation (see {@link creationMicros}).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  readonly wallS: number;
  readonly cpuS?: number;
  readonly maxRssMiB?: number;
  readonly stdout: string;
}

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

let scratch: string | undefined;
/** GNU time's output file, overwritten by each run (the same inode). */
function timeFile(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return join(scratch, 'time');
}

export function measure(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Sample {
  const timeOut = hasGnuTime ? timeFile() : '';
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeOut, cmd, ...args]] : [cmd, [...args]];
  const started = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${r.stderr || r.stdout}`);
  if (!hasGnuTime) return { wallS, stdout: r.stdout };
  const [, user, sys, rssKiB] = readFileSync(timeOut, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallS, cpuS: user + sys, maxRssMiB: rssKiB / 1024, stdout: r.stdout };
}

/**
 * What creating one empty file, and one folder, costs in a new folder `dir`
 * (kept), in µs: the means of `count` creations of each. On ext4 without a
 * journal (this VM's), the allocator passes over every inode freed in the last
 * 60 s, or 360 s while its inode table block is not yet written back
 * (`recently_deleted`, `RECENTCY_MIN` and `RECENTCY_DIRTY` in Linux's
 * fs/ext4/ialloc.c), so for minutes after many files were deleted a file costs
 * 0.1 to 0.4 ms instead of about 30 µs: bench/README.md, "The file system, a
 * machine fact". A folder (a new inode and a block for its entries, placed by
 * the allocator across block groups) costs 20 to 40 µs on a quiet disk here,
 * and 80 to 250 µs at other times, with no deletion before.
 */
export function creationMicros(dir: string, count = 60): { readonly file: number; readonly folder: number } {
  mkdirSync(dir, { recursive: true });
  let started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) closeSync(openSync(join(dir, `f${i}`), 'wx'));
  const file = Number(process.hrtime.bigint() - started) / 1e3 / count;
  started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) mkdirSync(join(dir, `d${i % 6}`, `d${i}`), { recursive: true });
  const folder = Number(process.hrtime.bigint() - started) / 1e3 / (count + 6);
  return { file, folder };
}

/** Total bytes and number of files under each dir. */
export function treeSize(...dirs: string[]): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return { bytes, files };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
