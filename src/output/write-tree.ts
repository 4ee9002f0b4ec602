/**
 * Writing a tree of files: {@link TreeWriter} writes below a folder, moving
 * the work to a thread once the tree turns out to be large. The output swap
 * (swap.ts) stages `modules/` with it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BackgroundWriter, writeOrLink } from './background-writer';

export interface TreeWriterOptions {
  /**
   * After this many files, the rest are written by a worker thread while the
   * caller goes on (see background-writer.ts); small trees are written
   * directly, as starting the thread costs more than it saves.
   * @default 256
   */
  readonly backgroundAfter?: number;
  /**
   * The tree this one will replace: a file whose bytes it already holds is
   * hard-linked from it instead of written, so an unchanged file keeps its
   * mtime (and costs no write).
   */
  readonly unchangedFrom?: string;
}

/** Files below `root`, by relative path; folders are made as needed. Call {@link TreeWriter.finish} before reading them. */
export class TreeWriter {
  private readonly dirs = new Set<string>();
  private readonly backgroundAfter: number;
  private readonly unchangedFrom?: string;
  private written = 0;
  private background?: BackgroundWriter;

  constructor(
    readonly root: string,
    options: TreeWriterOptions = {},
  ) {
    this.backgroundAfter = options.backgroundAfter ?? 256;
    this.unchangedFrom = options.unchangedFrom;
  }

  write(rel: string, content: string): void {
    const target = join(this.root, rel);
    const from = this.unchangedFrom === undefined ? undefined : join(this.unchangedFrom, rel);
    if (this.written++ >= this.backgroundAfter) {
      (this.background ??= new BackgroundWriter()).write(target, content, from);
      return;
    }
    const parent = dirname(target);
    if (!this.dirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.dirs.add(parent);
    }
    writeOrLink(target, content, from);
  }

  /** Waits for the thread, if one took over; throws the first error it met. */
  finish(): void {
    this.background?.finish();
  }
}
