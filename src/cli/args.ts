/**
 * The flags of the `cross-account-iam` CLI, one table for every verb, so that a
 * flag means the same thing and reads the same in every `--help`. A verb names
 * the flags it takes; the parser refuses the others (exit 2).
 */

import { UsageError, usageProblems } from '../errors';

export interface FlagSpec {
  /** The value's placeholder in `--help` (`FILE`, `DIR`); absent for a switch. */
  readonly value?: string;
  /** The allowed values, checked by the parser. */
  readonly choices?: readonly string[];
  /** The flag may be given several times, or with several values (`--iam-export a.json b.json`). */
  readonly repeatable?: boolean;
  /** One line for `--help`. */
  readonly help: string;
}

/** Every flag of the CLI. Verbs pick from this table; add a new flag here. */
export const FLAGS = {
  spec: { value: 'FILE', help: 'the spec (YAML). Default: $SPEC_FILE, else ./spec.yaml, else the embedded default example (said so in the output)' },
  'modules-dir': { value: 'DIR', help: 'where the plain Terraform modules and workload settings go. Default: $MODULES_DIR (when not empty), else ./modules' },
  'stacks-dir': { value: 'DIR', help: 'where the cdktf stacks go (cdktf.out). Default: $CDKTF_OUTDIR (when not empty), else ./cdktf.out' },
  format: {
    value: 'json|hcl',
    choices: ['json', 'hcl'],
    help: "module files as .tf.json or .tf. Default: $MODULES_FORMAT, else the spec's options.moduleFormat",
  },
  plan: { value: 'FILE', help: 'read the policies from `terraform show -json` of a plan instead of the stacks' },
  out: { value: 'DIR', help: 'where reports go' },
  hops: { value: 'N', help: 'the longest role chain `access` reports, in hops. Default: 3' },
  'no-install': { help: 'do not run `npm install` after scaffolding' },
  force: { help: 'overwrite files that already exist' },
  engine: {
    value: 'cdktf|cdktn|terraform',
    choices: ['cdktf', 'cdktn', 'terraform'],
    help: "what deploys the project: the cdktf CLI, CDK Terrain's cdktn CLI (Node 22 or later), or Terraform alone. Default: cdktf",
  },
  'iam-export': { value: 'FILE', repeatable: true, help: 'the JSON of `aws iam get-account-authorization-details`, one file per account' },
  account: { value: 'NAME=ID', repeatable: true, help: 'name an exported account' },
  json: { help: 'print the report as JSON (its shape: docs/cli.md) instead of text' },
  claims: {
    value: 'FILE',
    help: 'the token to explain: a JWT or a JSON object of claims with at least iss; - reads stdin. Decoded only: the signature is not checked and nothing is sent anywhere',
  },
  caller: {
    value: 'ARN',
    help: 'the AWS caller to explain instead of a token: a role, or a role session (arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION is its role)',
  },
  'external-id': { value: 'ID', help: 'the sts:ExternalId the --caller sends. Default: none' },
  role: { value: 'NAME|ACCOUNT/NAME', help: 'the one role to explain. Default: every role whose trust names the issuer or caller' },
  region: {
    value: 'REGION',
    help: 'the region written for every imported account. Default: the first region of its partition (us-east-1, cn-north-1, us-gov-west-1)',
  },
  verbose: { help: 'in the summary, also list every account with its roles, every workload artifact and every warning' },
  help: { help: 'print this help' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

export interface ParsedArgs {
  /** Values of the value flags given (the last one wins, unless repeatable). */
  readonly values: Partial<Record<FlagName, string>>;
  /** All values of repeatable flags, in order. */
  readonly lists: Partial<Record<FlagName, readonly string[]>>;
  /** Switches given. */
  readonly switches: ReadonlySet<FlagName>;
  readonly positionals: readonly string[];
}

/**
 * A verb's arguments, or `undefined` once `--help` was asked for and the usage
 * printed (the verb then exits 0). `positionals: 'none'` refuses any word after
 * the flags.
 */
export function verbArgs(
  argv: readonly string[],
  accepted: readonly FlagName[],
  help: { readonly usage: string; readonly stdout: (text: string) => void },
  positionals: 'none' | 'any' = 'any',
): ParsedArgs | undefined {
  const args = parseArgs(argv, accepted);
  if (args.switches.has('help')) {
    help.stdout(help.usage);
    return undefined;
  }
  if (positionals === 'none' && args.positionals.length > 0) throw new UsageError(usageProblems.unexpectedArgument(args.positionals[0]));
  return args;
}

/**
 * Parses `argv` for a verb that takes `accepted` flags. `--flag value` and
 * `--flag=value` both work; `--` ends the flags. `--help` is always accepted.
 */
export function parseArgs(argv: readonly string[], accepted: readonly FlagName[]): ParsedArgs {
  const values: Partial<Record<FlagName, string>> = {};
  const lists: Partial<Record<FlagName, string[]>> = {};
  const switches = new Set<FlagName>();
  const positionals: string[] = [];
  const allowed = new Set<string>([...accepted, 'help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      switches.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg.length > 1) throw new UsageError(usageProblems.unknownOption(arg));
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) as FlagName;
    if (!allowed.has(name)) {
      const known = [...allowed].map((f) => `--${f}`).join(', ');
      throw new UsageError(usageProblems.unknownFlag(name, Boolean(FLAGS[name]), known));
    }
    const spec: FlagSpec = FLAGS[name];
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(usageProblems.flagTakesNoValue(name));
      switches.add(name);
      continue;
    }
    const given: string[] = [];
    if (eq >= 0) given.push(arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) given.push(argv[++i]);
    if (spec.repeatable) while (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('-')) given.push(argv[++i]);
    if (given.length === 0 || given.some((v) => v === '')) throw new UsageError(usageProblems.flagNeedsValue(name, spec.value));
    for (const v of given) {
      if (spec.choices && !spec.choices.includes(v)) throw new UsageError(usageProblems.flagChoice(name, v, spec.choices));
    }
    values[name] = given[given.length - 1];
    if (spec.repeatable) (lists[name] ??= []).push(...given);
  }
  return { values, lists, switches, positionals };
}

/** The `--help` text of a verb: synopsis, what it does, its flags from the shared table, exit codes. */
export function usageText(parts: {
  readonly synopsis: readonly string[];
  readonly description: string;
  readonly flags: readonly FlagName[];
  readonly exit?: string;
}): string {
  const flags = [...parts.flags, 'help' as const];
  const left = flags.map((f) => {
    const spec: FlagSpec = FLAGS[f];
    return `--${f}${spec.value ? ` ${spec.value}${spec.repeatable ? '...' : ''}` : ''}`;
  });
  const width = Math.max(...left.map((l) => l.length));
  return [
    ...parts.synopsis.map((s, i) => `${i === 0 ? 'usage: ' : '       '}cross-account-iam ${s}`),
    '',
    parts.description.trim(),
    '',
    'options:',
    ...flags.map((f, i) => `  ${left[i].padEnd(width)}  ${FLAGS[f].help}`),
    '',
    `exit codes: ${parts.exit ?? '0 success, 1 findings, 2 bad input or usage'}`,
    '',
  ].join('\n');
}
