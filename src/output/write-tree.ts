/**
 * Writing trees of files. {@link TreeWriter} writes below a folder, moving the
 * work to a thread once the tree turns out to be large; {@link StagedTree}
 * uses it for atomic output: a whole tree is written to a sibling temporary
 * directory and renamed into place, so readers see the old tree or the new
 * one, never half.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BackgroundWriter } from './background-writer';

export interface TreeWriterOptions {
  /**
   * After this many files, the rest are written by a worker thread while the
   * caller goes on (see background-writer.ts); small trees are written
   * directly, as starting the thread costs more than it saves.
   * @default 256
   */
  readonly backgroundAfter?: number;
}

/** Files below `root`, by relative path; folders are made as needed. Call {@link TreeWriter.finish} before reading them. */
export class TreeWriter {
  private readonly dirs = new Set<string>();
  private readonly backgroundAfter: number;
  private written = 0;
  private background?: BackgroundWriter;

  constructor(
    readonly root: string,
    options: TreeWriterOptions = {},
  ) {
    this.backgroundAfter = options.backgroundAfter ?? 256;
  }

  write(rel: string, content: string): void {
    const target = join(this.root, rel);
    if (this.written++ >= this.backgroundAfter) {
      (this.background ??= new BackgroundWriter()).write(target, content);
      return;
    }
    const parent = dirname(target);
    if (!this.dirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.dirs.add(parent);
    }
    writeFileSync(target, content);
  }

  /** Waits for the thread, if one took over; throws the first error it met. */
  finish(): void {
    this.background?.finish();
  }
}

/**
 * A tree written file by file into a staging directory, then put in place by
 * {@link StagedTree.commit}; nothing needs to stay in memory meanwhile.
 */
export class StagedTree {
  private readonly tmp: string;
  private readonly old: string;
  private readonly files: TreeWriter;

  constructor(
    readonly dir: string,
    options: TreeWriterOptions = {},
  ) {
    const parent = dirname(dir);
    mkdirSync(parent, { recursive: true });
    const stamp = `${process.pid}-${Date.now()}`;
    this.tmp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
    this.old = join(parent, `.${basename(dir)}.old-${stamp}`);
    this.files = new TreeWriter(this.tmp, options);
  }

  write(rel: string, content: string): void {
    this.files.write(rel, content);
  }

  commit(): void {
    try {
      this.files.finish();
    } catch (e) {
      this.abort();
      throw e;
    }
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
    // The writer thread must be done before the staging dir goes, or it would make it again.
    try {
      this.files.finish();
    } catch {
      // Already failing: the staging dir is removed either way.
    }
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
