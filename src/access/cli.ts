/**
 * `npm run access`: who can and cannot assume each role, checked offline.
 *
 *   npm run access [-- --synth <cdktf outdir>] [--plan <show.json>] [--spec <spec.yaml>] [--out <dir>] [--hops <n>]
 *       Evaluates every role's trust policy (from synthesized stacks, default
 *       $CDKTF_OUTDIR or cdktf.out, or from `terraform show -json` of a plan)
 *       against every workload of the spec and their near-misses that its
 *       principals can admit (see run.ts), and the role chains of up to
 *       --hops (3) hops. Prints the grid (small specs), the counts and every
 *       failure, and writes access-matrix.md and .json.
 *       Exit 1 when a declared workload is denied, a near-miss is allowed,
 *       anything cannot be decided or a chain is not declared; exit 2 on bad input.
 *   npm run access -- diff <before> <after> [--spec <spec.yaml>] [--out <dir>]
 *       Each side is a spec (.yaml), a synth outdir or a plan JSON file. Lists,
 *       per role, the identities that gain or lose access (each side swept
 *       through the principal index over the identities of both specs);
 *       writes access-diff.md and .json.
 * The spec comes from --spec, else SPEC_FILE, else the embedded default example.
 */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../brownfield/write-file';
import { formatProblem, isSpecError } from '../errors';
import { diffAccess, renderDiffMarkdown } from './diff';
import { InputError, loadModel, readSide } from './inputs';
import { runAccess } from './run';

const USAGE = `usage: npm run access -- [--synth <dir> | --plan <show.json>] [--spec <spec.yaml>] [--out <dir>] [--hops <n>]
       npm run access -- diff <before> <after> [--spec <spec.yaml>] [--out <dir>]`;

interface Args {
  readonly command: 'matrix' | 'diff';
  readonly positional: string[];
  readonly options: Record<string, string>;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') throw new InputError(USAGE);
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (!['synth', 'plan', 'spec', 'out', 'hops'].includes(name)) throw new InputError(`unknown option --${name}\n${USAGE}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new InputError(`--${name} needs a value\n${USAGE}`);
      options[name] = value;
    } else positional.push(a);
  }
  const command = positional[0] === 'diff' ? 'diff' : 'matrix';
  if (command === 'diff') positional.shift();
  if (command === 'matrix' && positional.length > 0) throw new InputError(`unexpected argument ${positional[0]}\n${USAGE}`);
  if (command === 'diff' && positional.length !== 2) throw new InputError(`diff needs two inputs: <before> <after>\n${USAGE}`);
  if (options.synth && options.plan) throw new InputError('give either --synth or --plan, not both');
  return { command, positional, options };
}

/** Each file whole or not at all (a temporary file renamed into place). */
function write(dir: string, name: string, markdown: string, json: unknown): string[] {
  const md = join(dir, `${name}.md`);
  const js = join(dir, `${name}.json`);
  writeFileAtomic(md, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  writeFileAtomic(js, `${JSON.stringify(json, null, 2)}\n`);
  return [md, js];
}

/** Runs the command; returns the exit code. Output goes to the given writers. */
export function run(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  try {
    const args = parseArgs(argv);
    const outDir = resolve(args.options.out ?? 'access-report');
    const shared = (() => {
      let model: ReturnType<typeof loadModel> | undefined;
      return () => (model ??= loadModel(args.options.spec));
    })();

    if (args.command === 'diff') {
      const before = readSide(args.positional[0], shared);
      const after = readSide(args.positional[1], shared);
      const diff = diffAccess(before, after);
      const markdown = renderDiffMarkdown(diff);
      out(markdown);
      for (const f of write(outDir, 'access-diff', markdown, diff)) err(`wrote ${f}\n`);
      return 0;
    }

    const { spec, synth, plan, hops } = args.options;
    return runAccess({ spec, synth, plan, out: outDir, hops: hops === undefined ? undefined : Number(hops), stdout: out, stderr: err }).exitCode;
  } catch (e) {
    if (isSpecError(e)) {
      err(`${e.problems.map(formatProblem).join('\n')}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
