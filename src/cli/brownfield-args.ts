/**
 * The flags `audit` and `import` share: `--iam-export FILE...` (every
 * argument that is not a flag is one more export file), `--account NAME=ID`
 * (repeatable) and `--out`, from the CLI's one flag table. Usage errors come back
 * as text, for exit code 2.
 */
import { UsageError } from '../errors';
import { parseArgs, type FlagName, type ParsedArgs } from './args';

export interface BrownfieldArgs {
  readonly exports: readonly string[];
  readonly accounts: readonly string[];
  readonly out?: string;
  readonly json: boolean;
  readonly region?: string;
  /** `audit --spec`: the spec whose organization guardrails are checked against the export. */
  readonly spec?: string;
  readonly help: boolean;
}

/** Reads the flags through the CLI's shared flag table (src/cli/args.ts), so they parse and read as in every other verb. */
export function parseBrownfieldArgs(
  argv: readonly string[],
  allowed: { readonly json?: boolean; readonly region?: boolean; readonly spec?: boolean },
): BrownfieldArgs | { readonly usage: string } {
  const accepted: FlagName[] = [
    'iam-export',
    'account',
    'out',
    ...(allowed.json ? (['json'] as const) : []),
    ...(allowed.region ? (['region'] as const) : []),
    ...(allowed.spec ? (['spec'] as const) : []),
  ];
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, accepted);
  } catch (e) {
    if (e instanceof UsageError) return { usage: e.message };
    throw e;
  }
  const help = parsed.switches.has('help');
  const exports = [...(parsed.lists['iam-export'] ?? []), ...parsed.positionals];
  if (!help && exports.length === 0) return { usage: 'no export given: pass --iam-export FILE (the output of `aws iam get-account-authorization-details`)' };
  return {
    exports,
    accounts: parsed.lists.account ?? [],
    out: parsed.values.out,
    json: parsed.switches.has('json'),
    region: parsed.values.region,
    ...(parsed.values.spec !== undefined ? { spec: parsed.values.spec } : {}),
    help,
  };
}
