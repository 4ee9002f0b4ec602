/**
 * The errors of the command line: a bad command line (a {@link UsageError}:
 * the verb's usage follows the message) and the bad inputs the verbs find that
 * are not the spec (a project folder, a package.json, an account name, the
 * record of the last synth), each a UserError with its fix. Exit code 2.
 */
import { UserError } from './problem';

/** A bad command line: the verb's usage follows the message. Exit code 2. */
export class UsageError extends UserError {
  static override readonly names: readonly string[] = ['UsageError'];

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The bad inputs the CLI's verbs find, other than the spec and the command line, each with its fix. */
export const cliProblems = {
  synthRecordUnreadable: (shown: string, detail: string) =>
    new UserError(`${shown} cannot be read (${detail})`, 'synthesize again, or name the spec with --spec FILE'),
  synthRecordWithoutSpec: (shown: string) => new UserError(`${shown} names no spec`, 'synthesize again, or name the spec with --spec FILE'),
  cdktfCliMissing: (root: string) =>
    new UserError(`diff: the cdktf CLI is not installed in ${root}`, 'npm install --save-dev cdktf-cli (`cross-account-iam init` adds it)'),
  noCdktfJson: (cwd: string) => new UserError(`diff: no cdktf.json in ${cwd}`, "run it in the project's root folder (`cross-account-iam init` makes one)"),
  accountNotInSpec: (account: string, known: readonly string[]) =>
    new UserError(`diff: account "${account}" is not in the spec`, `name one of its accounts: ${known.join(', ')}`),
  mirrorMisses: (account: string, version: string, paths: readonly string[], versions: readonly string[]) =>
    new UserError(
      `diff: account "${account}" needs hashicorp/aws ${version}, and the provider mirror of TF_CLI_CONFIG_FILE (${paths.join(', ')}) has ${versions.join(', ') || 'no version of it'}`,
      'put a version that fits into the mirror, or plan this account where Terraform can reach the registry',
    ),
  packageJsonNotObject: (file: string, kind: string) =>
    new UserError(
      `init: ${file}:1: the file is ${kind}, not an object; nothing was written`,
      'make it an object such as {"name": "iam", "private": true}, or remove it and run init again',
    ),
  packageJsonFieldNotObject: (file: string, line: number, field: string, kind: string, example: string) =>
    new UserError(
      `init: ${file}:${line}: "${field}" is ${kind}, not an object of names to ${field === 'scripts' ? 'commands' : 'versions'}; nothing was written`,
      `write it as an object, e.g. "${field}": ${example}, or remove it and run init again`,
    ),
  packageJsonNotJson: (file: string, detail: string) =>
    new UserError(`init: ${file} is not valid JSON (${detail})`, 'correct it, or remove it and run init again'),
  initClashes: (dir: string, clashes: readonly string[]) =>
    new UserError(
      `init: ${dir} already has ${clashes.join(', ')}; nothing was written`,
      'init another folder, move those files away, or pass --force to overwrite them',
    ),
};
