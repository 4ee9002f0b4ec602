/**
 * Atomic output: a whole tree is written to a sibling temporary directory and
 * renamed into place, so readers see the old tree or the new one, never half.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Relative path -> file content. */
export type FileTree = ReadonlyMap<string, string>;

/**
 * A tree written file by file into a staging directory, then put in place by
 * {@link StagedTree.commit}; nothing needs to stay in memory meanwhile.
 */
export class StagedTree {
  private readonly tmp: string;
  private readonly old: string;
  private readonly dirs = new Set<string>();

  constructor(readonly dir: string) {
    const parent = dirname(dir);
    mkdirSync(parent, { recursive: true });
    const stamp = `${process.pid}-${Date.now()}`;
    this.tmp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
    this.old = join(parent, `.${basename(dir)}.old-${stamp}`);
  }

  write(rel: string, content: string): void {
    const target = join(this.tmp, rel);
    const parent = dirname(target);
    if (!this.dirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.dirs.add(parent);
    }
    writeFileSync(target, content);
  }

  commit(): void {
    mkdirSync(this.tmp, { recursive: true });
    try {
      if (existsSync(this.dir)) renameSync(this.dir, this.old);
      renameSync(this.tmp, this.dir);
    } catch (e) {
      this.abort();
      if (existsSync(this.old) && !existsSync(this.dir)) renameSync(this.old, this.dir);
      throw e;
    }
    rmSync(this.old, { recursive: true, force: true });
  }

  abort(): void {
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

export function writeTreeAtomic(dir: string, files: FileTree): void {
  const tree = new StagedTree(dir);
  try {
    for (const rel of [...files.keys()].sort()) tree.write(rel, files.get(rel)!);
  } catch (e) {
    tree.abort();
    throw e;
  }
  tree.commit();
}
