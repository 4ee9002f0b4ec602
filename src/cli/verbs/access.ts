/**
 * `cross-account-iam access`: who can and cannot assume each role, checked
 * offline against the synthesized stacks or a plan. With no spec named, it
 * uses the spec the last synth recorded beside its stacks, and says so; it
 * never falls back to the embedded example on its own.
 */
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAccess } from '../../access/run';
import { runAccessDiff } from '../../access/run-diff';
import { cliProblems, UsageError, usageProblems, UserError } from '../../errors';
import { usageText, verbArgs } from '../args';
import { chooseSpec, describeChoice, loadChoice, readSynthRecord, stacksDir, SYNTH_RECORD, type SpecChoice } from '../project';
import { writingTo } from '../env-failure';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['spec', 'stacks-dir', 'plan', 'out', 'hops'] as const;

const sameSpec = (a: SpecChoice, b: SpecChoice) => (a.kind === 'file' && b.kind === 'file' ? realOrSame(a.path) === realOrSame(b.path) : a.kind === b.kind);
const realOrSame = (path: string) => (existsSync(path) ? realpathSync(path) : path);

/** The stacks to check were synthesized from another spec: every role would be "not found", so say what to run instead. */
function otherSpecsStacks(dir: string, chosen: SpecChoice, recorded: SpecChoice): UserError {
  const label = (c: SpecChoice) => (c.kind === 'file' ? c.name : 'the embedded example');
  return new UserError(
    cliProblems.stacksOfOtherSpec(dir, label(recorded), recorded.how, label(chosen), chosen.kind === 'file' ? ` --spec ${chosen.name}` : ''),
  );
}

/** --spec, else $SPEC_FILE, else the record of the last synth; an error when there is none. */
function accessSpec(flag: string | undefined, recorded: SpecChoice | undefined, io: CliIO, dir: string): SpecChoice {
  if (flag || io.env.SPEC_FILE) return chooseSpec(flag, io);
  if (recorded) return recorded;
  throw new UserError(cliProblems.noSpecForStacks(resolve(dir, SYNTH_RECORD)));
}

export const verb: Verb = {
  name: 'access',
  summary: 'prove offline who can and cannot assume each role (stacks, a plan, or a diff of two)',
  usage: usageText({
    synopsis: ['access [--spec FILE] [--stacks-dir DIR | --plan PLAN.json] [--out DIR] [--hops N]', 'access diff BEFORE AFTER [--spec FILE] [--out DIR]'],
    description: `
Evaluates every role's trust policy, read from the synthesized stacks (or from
\`terraform show -json\` of a plan), against every workload of the spec and
its near-misses, prints the roles x identities matrix, and writes
access-matrix.md and .json (default folder: ./access-report).
\`access diff\` compares two sides, each a spec (.yaml), a stacks directory or
a plan JSON file, and lists the identities that gain or lose access.
The spec: --spec, else $SPEC_FILE, else the one the last synth recorded in
<stacks-dir>/${SYNTH_RECORD}; the command says which it uses.`,
    flags: FLAGS,
    exit: '0 every declared workload allowed and every near-miss denied, 1 failures (listed), 2 bad input or usage',
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout });
    if (!args) return 0;
    const [command, ...sides] = args.positionals;
    if (command !== undefined && command !== 'diff') throw new UsageError(usageProblems.unexpectedArgument(command));
    if (command === 'diff' && sides.length !== 2) throw new UsageError(usageProblems.diffNeedsTwoSides());
    if (command === 'diff' && args.values.plan) throw new UsageError(usageProblems.planNotForDiff());
    if (args.values.plan && args.values['stacks-dir']) throw new UsageError(usageProblems.eitherOr('--stacks-dir', '--plan'));
    const dir = stacksDir(args.values['stacks-dir'], io);
    const diffOfSpecs = command === 'diff' && sides.every((s) => /\.ya?ml$/i.test(s));
    const readsStacks = command === undefined && !args.values.plan;
    const named = Boolean(args.values.spec || io.env.SPEC_FILE);
    const recorded = readsStacks || (!named && !diffOfSpecs) ? readSynthRecord(dir, io) : undefined;
    const spec = diffOfSpecs && !named ? undefined : accessSpec(args.values.spec, recorded, io, dir);
    if (spec) {
      io.stderr(`access: ${describeChoice(spec)}\n`);
      loadChoice(spec); // a bad spec stops here, named, before anything is read or written
      if (readsStacks && recorded && !sameSpec(spec, recorded)) throw otherSpecsStacks(dir, spec, recorded);
    }
    const out = resolve(io.cwd, args.values.out ?? 'access-report');
    const common = { cwd: io.cwd, env: io.env, out, stdout: io.stdout, stderr: io.stderr };
    // The embedded example is what the library reads when given no spec (SPEC_FILE is unset then: accessSpec would have taken it).
    const specFile = spec?.kind === 'file' ? spec.path : undefined;
    const { plan, hops } = args.values;
    const run = (): number => {
      if (command === 'diff') {
        runAccessDiff({ ...common, before: sides[0], after: sides[1], spec: specFile ?? resolve(io.cwd, sides[0]) });
        return 0;
      }
      return runAccess({ ...common, spec: specFile, synth: plan ? undefined : dir, plan, hops: hops === undefined ? undefined : Number(hops) }).exitCode;
    };
    return writingTo([out], run);
  },
};
