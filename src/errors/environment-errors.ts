/** The environment variables, run modes and machines a user can get wrong: not the spec. */
import { UserError, type ProblemLike } from './problem';

/** A bad environment variable, run mode or machine (not the spec), from {@link envProblems}: what is wrong and the fix. A UserError: exit 2. */
export class EnvError extends UserError {
  static override readonly names: readonly string[] = ['EnvError'];

  constructor(problem: ProblemLike) {
    super(problem);
    this.name = 'EnvError';
  }
}

/** The environment variables, run modes and machines a user can get wrong, each with its fix. */
export const envProblems = {
  notUnderstood: (variable: string, value: string | undefined, fix: string): ProblemLike => ({ message: `${variable}=${value} is not understood`, fix }),
  offlineWhileApplying: (variable: string, applying: string): ProblemLike => ({
    message: `${variable} is set, but synth runs under \`${applying}\`: offline stacks use dummy credentials and must never be deployed`,
    fix: `unset ${variable} to deploy; use it only with \`cdktf diff <account>\` or \`cdktf synth\``,
  }),
  engineMissing: (why: string, missing: string): ProblemLike => ({
    message: `${why} needs cdktf, but ${missing} is not installed (cdktf, constructs and @cdktf/provider-aws are optional peer dependencies of cross-account-iam)`,
    fix: 'npm install -D cdktf@0.21 constructs@10.7 @cdktf/provider-aws@21, or leave out the HCL stacks and engine: "cdktf" (the default engine needs none of them)',
  }),
  nodeTooOldForCdktn: (version: string): ProblemLike => ({
    message: `init --engine cdktn: CDK Terrain's CLI (cdktn-cli) needs Node 22 or later, and this is Node ${version}; nothing was written`,
    fix: 'install Node 22 or 24 (https://nodejs.org, or `nvm install 22`), then run init again with it; or choose --engine cdktf or --engine terraform',
  }),
  /** Terraform or its provider mirror is missing (the offline diff, the end-to-end tests, the benchmark): each missing piece says how to provide it. */
  terraformUnavailable: (missing: readonly string[]): ProblemLike => ({ message: `Terraform end-to-end checks cannot run:\n- ${missing.join('\n- ')}` }),
  /** An output folder synth refuses to write into (`src/output/ownership.ts`). */
  outputFolderRefused: (tree: string, shown: string, problem: string, fix: string): ProblemLike => ({
    message: `the ${tree} folder ${shown} ${problem}; nothing was written`,
    fix,
  }),
};
