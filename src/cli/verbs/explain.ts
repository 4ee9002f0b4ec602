/**
 * `cross-account-iam explain`: why may (or may not) this token or caller
 * assume the spec's roles? Reads the spec and the token (a file, or stdin
 * with `-`), calls `runExplain`, prints text or `--json`. Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { explainProblems, UserError } from '../../errors';
import { runExplain } from '../../access/explain/explain';
import { explainText } from '../../access/explain/explain-text';
import { usageText, verbArgs } from '../args';
import { chooseSpec, describeChoice, loadChoice } from '../project';
import type { CliIO, Verb } from '../verb';

const FLAGS = ['claims', 'caller', 'external-id', 'role', 'spec', 'json'] as const;

/** The text of `--claims FILE`, or of stdin for `-`. */
function readClaims(file: string, io: CliIO): { text: string; source: string } {
  if (file === '-') {
    if (!io.stdin) throw new UserError(explainProblems.stdinUnavailable());
    return { text: io.stdin(), source: 'stdin' };
  }
  try {
    return { text: readFileSync(resolve(io.cwd, file), 'utf8'), source: file };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError(explainProblems.claimsUnreadable(file, code));
  }
}

export const verb: Verb = {
  name: 'explain',
  summary: 'say why a token (JWT or claims) or an AWS caller may or may not assume each role, and the spec change that admits it',
  usage: usageText({
    synopsis: [
      'explain --claims FILE|- [--role NAME|ACCOUNT/NAME] [--spec FILE] [--json]',
      'explain --caller ARN [--external-id ID] [--role NAME|ACCOUNT/NAME] [--spec FILE] [--json]',
    ],
    description: `
Evaluates the token or caller against the trust policies the spec writes, with
the access proof's own evaluator (\`access\` gives the same verdicts). Per role:
ALLOWED or DENIED; for a denial the closest trust statement, each condition
that failed (key, operator, expected values, the token's value or "absent")
and the smallest spec change that admits it (file:line, checked by the
evaluator); an allowed token that no trust entry declares is flagged as a
near-miss getting in. Without --role, every role whose trust names the issuer
(or the caller) is checked.
A JWT is only decoded: its signature is NOT checked, nothing is sent anywhere
and nothing is written. The spec: --spec, else $SPEC_FILE, else ./spec.yaml,
else the embedded default example (said so on stderr).`,
    flags: FLAGS,
    exit: '0 allowed (into --role, or into at least one role), 1 denied, 2 bad input (token, ARN, role, spec) or usage',
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, FLAGS, { usage: verb.usage, stdout: io.stdout }, 'none');
    if (!args) return 0;
    const { claims, caller, role } = args.values;
    const choice = chooseSpec(args.values.spec, io);
    io.stderr(`explain: ${describeChoice(choice)}\n`);
    const token = claims === undefined ? undefined : readClaims(claims, io);
    const { exitCode, report } = runExplain({
      spec: loadChoice(choice),
      token: token?.text,
      tokenSource: token?.source,
      caller,
      externalId: args.values['external-id'],
      role,
    });
    io.stdout(args.switches.has('json') ? `${JSON.stringify(report, null, 2)}\n` : explainText(report));
    return exitCode;
  },
};
