/**
 * Work done once per run for every suite that needs it (the shared Terraform plan, the CLI bundle):
 * `once(dir, build)` runs `build` in the first caller, across jest's workers, and the others wait for it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Runs `build` once per folder `dir`: the first caller takes the lock (a folder holding its pid) and builds;
 * the others wait for `done`, or rethrow the builder's error. A lock whose process is gone is taken over.
 */
export async function once(dir: string, build: () => Promise<void>, what = 'the shared Terraform plan'): Promise<void> {
  const lock = `${dir}.lock`;
  const done = join(dir, 'done');
  const failed = join(dir, 'failed');
  mkdirSync(dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(done)) return;
    if (existsSync(failed)) throw new Error(`${what} failed (in the suite that built it):\n${readFileSync(failed, 'utf8')}`);
    try {
      mkdirSync(lock);
    } catch {
      const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(owner) && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    writeFileSync(join(lock, 'pid'), String(process.pid));
    try {
      mkdirSync(dir, { recursive: true });
      await build();
      writeFileSync(done, '');
    } catch (e) {
      writeFileSync(failed, (e as Error).stack ?? String(e));
      throw e;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
