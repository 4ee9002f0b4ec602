/**
 * Suppressions in the spec (`suppressions: [{ rule, reason }]` on a role or an
 * account). The schema requires the rule id and a written reason; this checks
 * what only the pack knows: that the rule exists, that it may be suppressed,
 * and that the suppression still accepts something.
 *
 *   LINT001 (error)   the suppression names a rule the pack does not have
 *   LINT002 (error)   the rule is an IAM limit or otherwise cannot be suppressed
 *   LINT003 (warning) the suppression matches no finding: remove it
 */
import { formatPath } from '../errors';
import type { Model, Suppression } from '../model/types';
import { LIMIT_RULE_IDS } from './pack';
import type { Finding, Rule } from './types';

type Path = readonly (string | number)[];

/** The suppressions that may accept a finding: the role's first, then the account's. */
export interface SuppressionScope {
  readonly role?: { readonly path: Path; readonly suppressions: readonly Suppression[] };
  readonly account?: { readonly path: Path; readonly suppressions: readonly Suppression[] };
}

export const SUPPRESSION_RULES = [
  { id: 'LINT001', level: 'error', name: 'Suppression of a rule the pack does not have' },
  { id: 'LINT002', level: 'error', name: 'Suppression of a rule that cannot be suppressed (IAM limits, Terraform escaping)' },
  { id: 'LINT003', level: 'warning', name: 'Suppression that matches no finding' },
] as const;

export function checkSuppressions(model: Model, used: ReadonlySet<Suppression>, fileAt: (path: Path) => string, rules: readonly Rule[]): Finding[] {
  const out: Finding[] = [];
  const check = (suppressions: readonly Suppression[], base: Path) => {
    suppressions.forEach((s, i) => {
      const path: Path = [...base, 'suppressions', i];
      const at = { file: fileAt(path), path: `${formatPath(path)}.rule` };
      const rule = rules.find((r) => r.id === s.rule);
      if (LIMIT_RULE_IDS.includes(s.rule) || rule?.suppressible === false) {
        out.push({
          ...at,
          ruleId: 'LINT002',
          level: 'error',
          message: `${s.rule} cannot be suppressed: AWS or Terraform would reject the output anyway`,
          fix: `fix what ${s.rule} reports instead, and remove this suppression`,
        });
      } else if (!rule) {
        out.push({
          ...at,
          ruleId: 'LINT001',
          level: 'error',
          message: `the rule pack has no rule ${s.rule}`,
          fix: `use one of ${rules.filter((r) => r.suppressible !== false).map((r) => r.id).join(', ')}, or remove the suppression`,
        });
      } else if (!used.has(s)) {
        out.push({ ...at, ruleId: 'LINT003', level: 'warning', message: `the suppression of ${s.rule} matches no finding`, fix: 'remove the suppression' });
      }
    });
  };
  model.accounts.forEach((account, ai) => {
    check(account.suppressions, ['accounts', ai]);
    account.roles.forEach((role, ri) => check(role.suppressions, ['accounts', ai, 'roles', ri]));
  });
  return out;
}
