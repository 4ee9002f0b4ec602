/**
 * The errors of the command line: a bad command line (a {@link UsageError}:
 * the verb's usage follows the message, so no fix) and the bad inputs the
 * verbs and the library functions they call find that are not the spec (a
 * project folder, a package.json, an account name, the record of the last
 * synth, a plan or stacks for the access proof), each a {@link ProblemLike}
 * with its fix, thrown as a UserError. Exit code 2.
 */
import { UserError, type Problem, type ProblemLike } from './problem';

/** A bad command line, from {@link usageProblems}: the verb's usage follows the message. Exit code 2. */
export class UsageError extends UserError {
  static override readonly names: readonly string[] = ['UsageError'];

  constructor(problem: ProblemLike) {
    super(problem);
    this.name = 'UsageError';
  }
}

/** A bad command line: what is wrong (the verb's usage, printed after it, is the fix). */
export const usageProblems = {
  unknownCommand: (name: string, commands: readonly string[]): ProblemLike => ({
    message: `cross-account-iam: unknown command "${name}"; the commands are ${commands.join(', ')}`,
  }),
  unexpectedArgument: (arg: string): ProblemLike => ({ message: `unexpected argument ${arg}` }),
  unknownOption: (arg: string): ProblemLike => ({ message: `unknown option ${arg}` }),
  unknownFlag: (name: string, elsewhere: boolean, known: string): ProblemLike => ({
    message: `unknown option --${name}${elsewhere ? ' for this command' : ''} (this command takes ${known})`,
  }),
  flagTakesNoValue: (name: string): ProblemLike => ({ message: `--${name} takes no value` }),
  flagNeedsValue: (name: string, value: string): ProblemLike => ({ message: `--${name} needs a value (${value})` }),
  flagChoice: (name: string, value: string, choices: readonly string[]): ProblemLike => ({ message: `--${name} ${value}: use one of ${choices.join(', ')}` }),
  oneAtATime: (what: string, given: readonly string[]): ProblemLike => ({ message: `one ${what} at a time (got ${given.join(', ')})` }),
  noAccountToPlan: (): ProblemLike => ({ message: 'name the account to plan' }),
  diffNeedsTwoSides: (): ProblemLike => ({ message: 'access diff needs two sides: BEFORE AFTER' }),
  planNotForDiff: (): ProblemLike => ({ message: '--plan is for the check, not for diff: give the plan JSON as a side' }),
  eitherOr: (a: string, b: string): ProblemLike => ({ message: `give either ${a} or ${b}, not both` }),
};

const RESYNTH = 'synthesize again, or name the spec with --spec FILE';
const SHOW_JSON = 'give the output of `terraform show -json <planfile>`';

/**
 * The bad inputs the CLI's verbs (and the library functions they call, and
 * `AccountStack`) find, other than the spec and the command line, each with its
 * fix where the message does not already say it.
 */
export const cliProblems = {
  synthRecordUnreadable: (shown: string, detail: string): ProblemLike => ({ message: `${shown} cannot be read (${detail})`, fix: RESYNTH }),
  synthRecordWithoutSpec: (shown: string): ProblemLike => ({ message: `${shown} names no spec`, fix: RESYNTH }),
  cdktfCliMissing: (root: string): ProblemLike => ({
    message: `diff: the cdktf CLI is not installed in ${root}`,
    fix: 'npm install --save-dev cdktf-cli (`cross-account-iam init` adds it)',
  }),
  noCdktfJson: (cwd: string): ProblemLike => ({
    message: `diff: no cdktf.json in ${cwd}`,
    fix: "run it in the project's root folder (`cross-account-iam init` makes one)",
  }),
  accountNotInSpec: (account: string, known: readonly string[]): ProblemLike => ({
    message: `diff: account "${account}" is not in the spec`,
    fix: `name one of its accounts: ${known.join(', ')}`,
  }),
  mirrorMisses: (account: string, version: string, paths: readonly string[], versions: readonly string[]): ProblemLike => ({
    message: `diff: account "${account}" needs hashicorp/aws ${version}, and the provider mirror of TF_CLI_CONFIG_FILE (${paths.join(', ')}) has ${versions.join(', ') || 'no version of it'}`,
    fix: 'put a version that fits into the mirror, or plan this account where Terraform can reach the registry',
  }),
  packageJsonNotObject: (file: string, kind: string): ProblemLike => ({
    message: `init: ${file}:1: the file is ${kind}, not an object; nothing was written`,
    fix: 'make it an object such as {"name": "iam", "private": true}, or remove it and run init again',
  }),
  packageJsonFieldNotObject: (file: string, line: number, field: string, kind: string, example: string): ProblemLike => ({
    message: `init: ${file}:${line}: "${field}" is ${kind}, not an object of names to ${field === 'scripts' ? 'commands' : 'versions'}; nothing was written`,
    fix: `write it as an object, e.g. "${field}": ${example}, or remove it and run init again`,
  }),
  packageJsonNotJson: (file: string, detail: string): ProblemLike => ({
    message: `init: ${file} is not valid JSON (${detail})`,
    fix: 'correct it, or remove it and run init again',
  }),
  initClashes: (dir: string, clashes: readonly string[]): ProblemLike => ({
    message: `init: ${dir} already has ${clashes.join(', ')}; nothing was written`,
    fix: 'init another folder, move those files away, or pass --force to overwrite them',
  }),
  initNotAFolder: (dir: string): ProblemLike => ({ message: `init: ${dir} is not a folder` }),
  npmInstallFailed: (detail: string, dir: string): ProblemLike => ({
    message: `init: npm install failed (${detail}); the project files are written`,
    fix: `run npm install in ${dir}`,
  }),
  notARegion: (verb: string, region: string): ProblemLike => ({
    message: `${verb}: --region ${region} is not an AWS region name`,
    fix: 'write a region such as eu-west-1',
  }),
  specWithoutOrganization: (spec: string): ProblemLike => ({
    message: `audit: ${spec} has no organization block, so it derives no guardrails`,
    fix: 'add organization: { id, managementAccount, attachTo } (docs/guardrails.md), or leave out --spec',
  }),
  stacksOfOtherSpec: (dir: string, recorded: string, how: string, chosen: string, specFlag: string): ProblemLike => ({
    message: `access: the stacks in ${dir} were synthesized from ${recorded} (${how}), not from ${chosen}`,
    fix: `run \`cross-account-iam synth${specFlag}\` first, or leave out --spec to check these stacks against their own spec`,
  }),
  noSpecForStacks: (record: string): ProblemLike => ({
    message: `access: no spec named, and ${record} does not exist (no synth has written there)`,
    fix: 'name the spec with --spec FILE, or run `cross-account-iam synth` (or `cdktf synth`) first',
  }),
  hopsNotWhole: (hops: unknown): ProblemLike => ({ message: `--hops must be a whole number of at least 1, got ${String(hops)}` }),
  planNotJson: (file: string, detail: string): ProblemLike => ({ message: `${file}: cannot read it as JSON (${detail}); ${SHOW_JSON}` }),
  planWithoutChanges: (file: string): ProblemLike => ({ message: `${file}: has no resource_changes; ${SHOW_JSON}, not the plan file itself` }),
  noStacks: (dir: string): ProblemLike => ({
    message: `${dir}: no synthesized stacks here; run \`cross-account-iam synth\` first, or pass --plan <terraform show -json output>`,
  }),
  /** A plan or stacks the access proof cannot read: `detail` says what (the readers' own messages). */
  unreadableInput: (where: string, detail: string): ProblemLike => ({ message: `${where}: ${detail}` }),
  noSuchPath: (path: string): ProblemLike => ({ message: `${path}: no such file or directory` }),
  /** `new AccountStack(scope, id, { spec, account })` naming no account of the spec (the engines' entry points, not a verb). */
  stackAccountUnknown: (name: string, known: readonly string[]): ProblemLike => ({
    message: `the spec has no account named ${JSON.stringify(name)}: give AccountStack one of ${known.join(', ')}`,
  }),
};

const WHOLE_TOKEN = 'give the whole token, unchanged (no quotes, no "Bearer " in front)';

/**
 * The inputs of `explain` (`runExplain`): the token or its claims, the caller, the role. Each a
 * Problem whose file is where the input came from (a file, `stdin`, a flag) and whose path is the
 * part of it at fault (`iss`, `header`, a flag), or empty.
 */
export const explainProblems = {
  stdinUnavailable: (): Problem => ({ file: 'stdin', path: '', message: 'standard input cannot be read here', fix: 'give the token in a file: --claims FILE' }),
  claimsUnreadable: (file: string, code: string): Problem => ({
    file,
    path: '',
    message: `cannot read it (${code})`,
    fix: 'give the path of a file holding the JWT or the JSON claims, or - to read them from stdin',
  }),
  claimsNotObject: (source: string): Problem => ({
    file: source,
    path: '',
    message: 'is not a JSON object of claims',
    fix: 'give the token (a JWT, header.payload.signature) or its payload as a JSON object, e.g. {"iss": "https://gitlab.com", "sub": "...", "aud": "..."}',
  }),
  notAJwt: (source: string, parts: number): Problem => ({
    file: source,
    path: '',
    message: `is neither a JSON object nor a JWT (a JWT has three parts separated by ".", this has ${parts})`,
    fix: 'give the token as the CI job received it (header.payload.signature), or its payload as a JSON object',
  }),
  badJwtHeader: (source: string): Problem => ({ file: source, path: 'header', message: 'the JWT header is not base64url-encoded JSON', fix: WHOLE_TOKEN }),
  badJwtPayload: (source: string): Problem => ({
    file: source,
    path: 'payload',
    message: 'the JWT payload is not a base64url-encoded JSON object',
    fix: WHOLE_TOKEN,
  }),
  noIssuer: (source: string): Problem => ({
    file: source,
    path: 'iss',
    message: 'the token has no iss claim: explain cannot tell which issuer (and so which roles) it is for',
    fix: 'add "iss" with the issuer URL, e.g. "iss": "https://token.actions.githubusercontent.com"',
  }),
  issuerNotUrl: (source: string, iss: unknown): Problem => ({
    file: source,
    path: 'iss',
    message: `iss must be the issuer URL as text, got ${JSON.stringify(iss)}`,
    fix: 'set "iss" to the issuer URL, e.g. "https://gitlab.com"',
  }),
  callerNotArn: (arn: string): Problem => ({
    file: '--caller',
    path: '',
    message: `${JSON.stringify(arn)} is not an IAM or STS ARN`,
    fix: 'give a role (arn:aws:iam::123456789012:role/NAME) or a role session (arn:aws:sts::123456789012:assumed-role/NAME/SESSION)',
  }),
  roleAmbiguous: (wanted: string, keys: readonly string[]): Problem => ({
    file: '--role',
    path: '',
    message: `${wanted} names ${keys.length} roles: ${keys.join(', ')}`,
    fix: `name one as ACCOUNT/NAME, e.g. --role ${keys[0]}`,
  }),
  roleUnknown: (wanted: string, shown: string): Problem => ({
    file: '--role',
    path: '',
    message: `the spec has no role ${wanted}`,
    fix: `give NAME or ACCOUNT/NAME of a role of the spec: ${shown}`,
  }),
  tokenOrCaller: (tokenGiven: boolean): Problem => ({
    file: 'explain',
    path: tokenGiven ? '--caller' : '--claims',
    message: tokenGiven ? 'both a token and a caller were given' : 'neither a token nor a caller was given',
    fix: 'give --claims FILE (a JWT or JSON claims; - reads stdin) or --caller ARN, not both',
  }),
  externalIdWithToken: (): Problem => ({
    file: 'explain',
    path: '--external-id',
    message: 'an external id is sent by an AWS caller, not with a token',
    fix: 'give --external-id with --caller ARN, or leave it out',
  }),
};
