/**
 * `cdktf.out/`, written the way `modules/` is: every stack and the manifest
 * go to a staging folder first, and only a complete synth puts them in place.
 * Unlike `modules/`, the stack folders are not swapped whole: the cdktf CLI
 * keeps its Terraform working files there (`.terraform/`, the lock file,
 * plans), so {@link StagedOutdir.commit} renames each synthesized file over
 * its predecessor (each one atomic), removes the synthesized files and the
 * stack folders that the spec no longer has (as `cdktf synth` does), and
 * writes the manifest last. An interrupted synth leaves every stack as it was
 * or whole and new, never half-written.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, STACKS_FOLDER } from '../render/manifest';

/** The files a synth writes in a stack folder: JSON, or HCL and its metadata under `cdktf synth --hcl`. */
const SYNTHESIZED = ['cdk.tf.json', 'cdk.tf', 'metadata.json'];

export class StagedOutdir {
  /** Where the synth writes; laid out as `cdktf.out/` is. */
  readonly dir: string;

  constructor(readonly outdir: string) {
    mkdirSync(outdir, { recursive: true });
    // What a killed synth left behind; a running one (another pid) keeps its own.
    for (const entry of readdirSync(outdir)) {
      const pid = /^\.staging-(\d+)-\d+$/.exec(entry)?.[1];
      if (pid && !alive(Number(pid))) rmSync(join(outdir, entry), { recursive: true, force: true });
    }
    this.dir = join(outdir, `.staging-${process.pid}-${Date.now()}`);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Puts the staged stacks (exactly these, by name) and the manifest in place. */
  commit(stacks: readonly string[]): void {
    const live = join(this.outdir, STACKS_FOLDER);
    mkdirSync(live, { recursive: true });
    try {
      for (const name of stacks) {
        const from = join(this.dir, STACKS_FOLDER, name);
        const to = join(live, name);
        mkdirSync(to, { recursive: true });
        const files = readdirSync(from);
        for (const stale of SYNTHESIZED) if (!files.includes(stale)) rmSync(join(to, stale), { force: true });
        for (const file of files) renameSync(join(from, file), join(to, file));
      }
      const keep = new Set(stacks);
      for (const entry of readdirSync(live, { withFileTypes: true })) {
        if (entry.isDirectory() && !keep.has(entry.name)) rmSync(join(live, entry.name), { recursive: true, force: true });
      }
      renameSync(join(this.dir, MANIFEST_FILE), join(this.outdir, MANIFEST_FILE));
    } finally {
      this.abort();
    }
  }

  /** Drops the staging folder; what is in place stays as it was. */
  abort(): void {
    if (existsSync(this.dir)) rmSync(this.dir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
