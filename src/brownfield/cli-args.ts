/**
 * The flags `audit` and `import` share: `--iam-export FILE...` (every
 * argument that is not a flag is one more export file), `--account NAME=ID`
 * (repeatable) and `--out`. Usage errors come back as text, for exit code 2.
 */
import { parseArgs } from 'node:util';

export interface BrownfieldArgs {
  readonly exports: readonly string[];
  readonly accounts: readonly string[];
  readonly out?: string;
  readonly json: boolean;
  readonly region?: string;
  readonly help: boolean;
}

export function parseBrownfieldArgs(argv: readonly string[], allowed: { readonly json?: boolean; readonly region?: boolean }): BrownfieldArgs | { readonly usage: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'iam-export': { type: 'string', multiple: true },
        account: { type: 'string', multiple: true },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...(allowed.json ? { json: { type: 'boolean' as const } } : {}),
        ...(allowed.region ? { region: { type: 'string' as const } } : {}),
      },
    });
  } catch (e) {
    return { usage: (e as Error).message };
  }
  const v = parsed.values as Record<string, unknown>;
  const exports = [...((v['iam-export'] as string[] | undefined) ?? []), ...parsed.positionals];
  if (!v.help && exports.length === 0) return { usage: 'no export given: pass --iam-export FILE (the output of `aws iam get-account-authorization-details`)' };
  return {
    exports,
    accounts: (v.account as string[] | undefined) ?? [],
    out: v.out as string | undefined,
    json: v.json === true,
    region: v.region as string | undefined,
    help: v.help === true,
  };
}
