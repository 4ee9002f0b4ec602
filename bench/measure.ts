/**
 * Runs one command as a child process and measures it: wall time, CPU time and
 * peak RSS (of the largest process in the tree, as the kernel reports for
 * waited-for children). Uses GNU time when it is installed; without it, RSS is
 * whatever the child reports itself (the in-process synth does), else unknown.
 * The wall time is this process's clock around the child, in nanoseconds: GNU
 * time's `%e` has 10 ms steps, a quarter of the floor (`node -e 0`) on a fast
 * machine, which made the default example's ratio to it jump by 0.25 between
 * runs. Starting GNU time adds under a millisecond, to the floor and to the
 * example alike.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

export function measure(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Sample {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const timeFile = join(scratch, 'time');
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, [...args]];
  const started = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  try {
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}:\n${r.stderr || r.stdout}`);
    if (!hasGnuTime) return { wallS, stdout: r.stdout };
    const [, user, sys, rssKiB] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { wallS, cpuS: user + sys, maxRssMiB: rssKiB / 1024, stdout: r.stdout };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
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
