/** The environment variables, run modes and machines a user can get wrong: not the spec. */
import { UserError } from './problem';

/** A bad environment variable, run mode or machine (not the spec): what is wrong and the fix, as data. A UserError: exit 2. */
export class EnvError extends UserError {
  readonly problem: string;
  readonly fix: string;

  static override readonly names: readonly string[] = ['EnvError'];

  constructor(problem: string, fix: string) {
    super(problem, fix);
    this.name = 'EnvError';
    this.problem = problem;
    this.fix = fix;
  }
}

/** The environment variables and run modes a user can get wrong, each with its fix. */
export const envProblems = {
  notUnderstood: (variable: string, value: string | undefined, fix: string): [string, string] => [`${variable}=${value} is not understood`, fix],
  offlineWhileApplying: (variable: string, applying: string): [string, string] => [
    `${variable} is set, but synth runs under \`${applying}\`: offline stacks use dummy credentials and must never be deployed`,
    `unset ${variable} to deploy; use it only with \`cdktf diff <account>\` or \`cdktf synth\``,
  ],
  engineMissing: (why: string, missing: string): [string, string] => [
    `${why} needs cdktf, but ${missing} is not installed (cdktf, constructs and @cdktf/provider-aws are optional peer dependencies of cross-account-iam)`,
    'npm install -D cdktf@0.21 constructs@10.7 @cdktf/provider-aws@21, or leave out the HCL stacks and engine: "cdktf" (the default engine needs none of them)',
  ],
  workerStalled: (seconds: number): [string, string] => [
    `the thread writing the accounts' files wrote no account within ${seconds} s (it may have run out of memory); nothing was written`,
    'synthesize on one thread with SYNTH_WORKER=off, or give Node more memory (NODE_OPTIONS=--max-old-space-size=8192)',
  ],
};
