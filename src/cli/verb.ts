/** One verb of the `cross-account-iam` CLI. */
export interface CliIO {
  /** The directory the command runs in; every relative path is resolved against it. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (`--claims -`). @default none: a verb that needs it says so */
  readonly stdin?: () => string;
}

export interface Verb {
  /** The word after `cross-account-iam`. */
  readonly name: string;
  /** One line for `cross-account-iam --help`. */
  readonly summary: string;
  /** The whole text of `cross-account-iam <name> --help`. */
  readonly usage: string;
  /** Runs the verb; resolves to the exit code: 0 success, 1 findings, 2 bad input or usage. */
  run(argv: readonly string[], io: CliIO): number | Promise<number>;
}
