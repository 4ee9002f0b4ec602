/** `cross-account-iam audit`: the lint pack and the access evaluator over existing roles, no spec needed. */
import { join, resolve } from 'node:path';
import { auditExitCode, auditExport } from '../../brownfield/audit';
import { auditMarkdown } from '../../brownfield/audit-report';
import { parseBrownfieldArgs } from '../brownfield-args';
import { exportWarnings, parseAccountArgs, readExports } from '../../brownfield/export';
import { writeFileAtomic } from '../../output/write-file';
import { writingTo } from '../env-failure';
import type { Verb } from '../verb';
import { cliProblems, ExportError, UserError } from '../../errors';
import { guardrailAudit, guardrailAuditMarkdown, type GuardrailAudit } from '../../brownfield/guardrail-audit';
import type { AuditReport } from '../../brownfield/audit';
import type { IamExport } from '../../brownfield/export';
import { resolveModel } from '../../model/resolve';
import { loadSpecFile } from '../../input/load';

/** The spec's guardrails against the export; null when the spec has no organization. A bad spec throws its SpecError (exit 2). */
function specGuardrails(exp: IamExport, report: AuditReport, path: string, name: string): GuardrailAudit | null {
  return guardrailAudit(report, exp, resolveModel(loadSpecFile(path, name))) ?? null;
}

const usage = `Usage: cross-account-iam audit --iam-export FILE... [--account NAME=ID ...] [--spec FILE] [--json] [--out DIR]

Audits the roles that already exist, from the output of
\`aws iam get-account-authorization-details --output json\` (one file per account;
list-roles and list/get-open-id-connect-provider output may be added). Per role:
the lint pack's findings (same rule ids and fixes) and who can assume it. Per
organisation: trust from accounts outside the exports, and roles any token of
an issuer can assume.

  --iam-export FILE...  export files (every argument that is not a flag is one more)
  --account NAME=ID     name an account; when given, every export must be of a named account
  --spec FILE           a spec with an organization block: per risky trust, whether its
                        guardrails (resource control policies) would fence it, and what remains
  --json                print the JSON report instead of markdown
  --out DIR             also write DIR/iam-audit.md and DIR/iam-audit.json

Exit codes: 0 no error-level finding, 1 error-level findings, 2 bad input or usage.
`;

export const verb: Verb = {
  name: 'audit',
  summary: 'Audit existing IAM roles from an IAM export: findings and who can assume each role',
  usage,
  run(argv, io) {
    const args = parseBrownfieldArgs(argv, { json: true, spec: true });
    if ('usage' in args) {
      io.stderr(`audit: ${args.usage}\n\n${usage}`);
      return 2;
    }
    if (args.help) {
      io.stdout(usage);
      return 0;
    }
    try {
      const names = args.accounts.length > 0 ? parseAccountArgs(args.accounts) : undefined;
      const exp = readExports(args.exports, { cwd: io.cwd, accountNames: names });
      // Only the account names concern audit: it writes no description or max session.
      for (const w of exportWarnings(exp, names)) if (w.startsWith('--account')) io.stderr(`warning: ${w}\n`);
      const report = auditExport(exp);
      const guardrails = args.spec !== undefined ? specGuardrails(exp, report, resolve(io.cwd, args.spec), args.spec) : undefined;
      if (guardrails === null) throw new UserError(cliProblems.specWithoutOrganization(args.spec!));
      const markdown = guardrails ? `${auditMarkdown(report)}\n${guardrailAuditMarkdown(guardrails).join('\n')}` : auditMarkdown(report);
      const json = `${JSON.stringify(guardrails ? { ...report, guardrails } : report, null, 2)}\n`;
      if (args.out) {
        const dir = resolve(io.cwd, args.out);
        writingTo([dir], () => {
          writeFileAtomic(join(dir, 'iam-audit.json'), json);
          writeFileAtomic(join(dir, 'iam-audit.md'), markdown);
        });
        io.stderr(`wrote ${join(args.out, 'iam-audit.md')} and ${join(args.out, 'iam-audit.json')}\n`);
      }
      io.stdout(args.json ? json : markdown);
      return auditExitCode(report);
    } catch (e) {
      if (e instanceof ExportError) {
        io.stderr(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
