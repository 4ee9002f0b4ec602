/**
 * Suppressions in the spec (`suppressions: [{ rule, reason }]` on a role or an
 * account). The schema requires the rule id and a written reason; this checks
 * what only the pack knows: that the rule exists, that it may be suppressed,
 * and that the suppression still accepts something.
 *
 *   LINT001 (error)   the suppression names a rule the pack does not have
 *   LINT002 (error)   the rule is an IAM limit or otherwise cannot be suppressed (PROOF001: not on an account)
 *   LINT003 (warning) the suppression matches no finding: remove it
 */
import { formatPath, problems as P, type Problem } from '../errors';
import type { Model, Suppression } from '../model/types';
import { LIMIT_RULE_IDS } from './pack';
import type { Finding, Level, Rule } from './types';

type Path = readonly (string | number)[];

/** The suppressions that may accept a finding: the role's first, then the account's. */
export interface SuppressionScope {
  readonly role?: { readonly path: Path; readonly suppressions: readonly Suppression[] };
  readonly account?: { readonly path: Path; readonly suppressions: readonly Suppression[] };
}

export const SUPPRESSION_RULES = [
  { id: 'LINT001', level: 'error', name: 'Suppression of a rule the pack does not have' },
  { id: 'LINT002', level: 'error', name: 'Suppression of a rule that cannot be suppressed (IAM limits, Terraform escaping), or of PROOF001 on an account' },
  { id: 'LINT003', level: 'warning', name: 'Suppression that matches no finding' },
] as const;

/**
 * The rule synth's access proof reports (src/access/proof-gate.ts), after the
 * pack: a failing check. Its suppressions are the proof's to match (and to
 * report unused), and only a role's: an account cannot accept every failing
 * check of its roles at once.
 */
export const PROOF_RULE = {
  id: 'PROOF001',
  level: 'error',
  name: 'A check of the access proof fails: a declared caller is denied, a near-miss is allowed, a check cannot be decided, or a role chain is not declared',
  explanation:
    'Synth evaluates the trust and identity policies it is about to write against every identity the spec declares and the near-misses around each (docs/access.md). A failing check means the written policies and the spec disagree: a widening bug would let in a caller the spec never named. Synth then exits 1 and writes nothing, listing the failing checks.',
  fix: 'fix the spec (or report the generator bug the check reveals); to accept the failing checks of one role, suppress PROOF001 on that role with a reason',
} as const;

export function checkSuppressions(model: Model, used: ReadonlySet<Suppression>, fileAt: (path: Path) => string, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  const check = (suppressions: readonly Suppression[], base: Path) => {
    suppressions.forEach((s, i) => {
      const path: Path = [...base, 'suppressions', i];
      const [file, at] = [fileAt(path), `${formatPath(path)}.rule`];
      const rule = rules.find((r) => r.id === s.rule);
      const report = (level: Level, p: Problem) => out.push({ ruleId: p.ruleId!, level, file: p.file, path: p.path, message: p.message, fix: p.fix });
      if (s.rule === PROOF_RULE.id) {
        // The proof runs after the pack and reports its own unused suppressions; it takes them per role only.
        if (base.length === 2) report('error', P.suppressionOnlyPerRole(file, at, s.rule));
      } else if (LIMIT_RULE_IDS.includes(s.rule) || rule?.suppressible === false) report('error', P.suppressionNotAllowed(file, at, s.rule));
      else if (!rule)
        report('error', P.suppressionUnknownRule(file, at, s.rule, [...rules.filter((r) => r.suppressible !== false).map((r) => r.id), PROOF_RULE.id]));
      else if (!used.has(s)) report('warning', P.suppressionUnused(file, at, s.rule));
    });
  };
  model.accounts.forEach((account, ai) => {
    check(account.suppressions, ['accounts', ai]);
    account.roles.forEach((role, ri) => check(role.suppressions, ['accounts', ai, 'roles', ri]));
  });
  return out;
}
