/**
 * Removing what a synth wrote and no longer needs: its journal, and what a
 * commit leaves of a staging tree. Node 22's `rmSync` loads and compiles its
 * recursive remover on the first call, even for one file; these do the usual
 * case with plain `unlink` and `rmdir`, and hand anything else to `rmSync`.
 */
import { readdirSync, rmdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** `rm -f file`: nothing when it is not there. */
export function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Removes `dir` when it holds only folders, bottom up; throws at the first entry that is not a folder. */
function removeEmptyFolders(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) throw new Error(`${join(dir, entry.name)} is not a folder`);
    removeEmptyFolders(join(dir, entry.name));
  }
  rmdirSync(dir);
}

/** `rm -rf dir`: a tree of empty folders (what a commit leaves of a staging tree) with `rmdir`, anything else with `rmSync`. */
export function removeTree(dir: string): void {
  try {
    removeEmptyFolders(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
