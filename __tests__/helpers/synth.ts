/** Synthesis helpers: a spec synthesized into a fresh temp dir, and a tree read back. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { validateSpec } from '../../src/input/load';
import type { SpecInput } from '../../src/input/schema';
import { loadSpec, synthesize, type SynthResult } from '../../src/synth';

export function tempDir(prefix = 'xacct-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Synthesized extends SynthResult {
  readonly dir: string;
  /** The synthesized stack JSON of one account. */
  stack(account: string): any;
  /** One file of a module, parsed when it is JSON. */
  module(account: string, file: string): any;
}

/** Synthesizes a spec (default: the embedded example) into a fresh temp dir. */
export function synthTo(spec?: SpecInput, dir = tempDir()): Synthesized {
  const loaded = spec ? validateSpec(spec, 'test.yaml') : loadSpec('');
  const result = synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
  return {
    ...result,
    dir,
    stack: (account) => JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', account, 'cdk.tf.json'), 'utf8')),
    module: (account, file) => {
      const text = readFileSync(join(dir, 'modules', account, file), 'utf8');
      return file.endsWith('.json') ? JSON.parse(text) : text;
    },
  };
}

/** Every file under `dir`, relative path -> content. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
