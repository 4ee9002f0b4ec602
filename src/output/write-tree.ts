/**
 * Writing a tree of files: {@link TreeWriter} writes below a folder, moving
 * the work to a thread once the tree turns out to be large. The output swap
 * (swap.ts) stages `modules/` with it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
