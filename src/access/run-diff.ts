/**
 * `access diff` as a function: the identities that gain or lose access
 * between two sides, each a spec (.yaml), a synth outdir or a plan JSON file
 * (see readSide). Prints the markdown and writes `access-diff.md` and
 * `access-diff.json`, each whole or not at all.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from '../output/write-file';
import type { Model } from '../model/types';
import { diffAccess, renderDiffMarkdown, type AccessDiff } from './proof/diff';
import { loadModel, readSide } from './sources/inputs';

export interface AccessDiffOptions {
  readonly before: string;
  readonly after: string;
  /** The spec a side that is not a spec is read with. @default the embedded default example (the CLI passes `--spec`, else `$SPEC_FILE`) */
  readonly spec?: string;
  /** Where `access-diff.md` and `access-diff.json` go. @default `access-report` */
  readonly out?: string;
  /** Relative paths are resolved against it. @default `process.cwd()` */
  readonly cwd?: string;
  /** Not read: the spec is `spec` (the CLI reads `$SPEC_FILE`); kept so that callers passing it compile. */
  readonly env?: NodeJS.ProcessEnv;
  /** The markdown. @default nowhere */
  readonly stdout?: (text: string) => void;
  /** The files written. @default nowhere */
  readonly stderr?: (text: string) => void;
}

/** Runs the diff; returns it and the files written. Throws a UserError or a SpecError on bad input, before anything is written. */
export function runAccessDiff(options: AccessDiffOptions): { readonly diff: AccessDiff; readonly files: readonly string[] } {
  const cwd = options.cwd ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  let model: Model | undefined;
  const specFile = options.spec;
  const shared = () => (model ??= loadModel(specFile ? at(specFile) : ''));
  const before = readSide(at(options.before), shared);
  const after = readSide(at(options.after), shared);
  const diff = diffAccess(before, after);
  const markdown = renderDiffMarkdown(diff);
  options.stdout?.(markdown);
  const outDir = at(options.out ?? 'access-report');
  const md = join(outDir, 'access-diff.md');
  const json = join(outDir, 'access-diff.json');
  writeFileAtomic(md, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  writeFileAtomic(json, `${JSON.stringify(diff, null, 2)}\n`);
  for (const f of [md, json]) options.stderr?.(`wrote ${f}\n`);
  return { diff, files: [md, json] };
}
