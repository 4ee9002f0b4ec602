import { conditionAt, isAllow } from '../private/iam-json';
import { conditionRule } from '../private/trust-loop';
import { isIdentityClaimKey, operatorParts } from '../private/claims';
import type { Rule, RuleFinding } from '../types';

/** TRUST010: a negated or `…IfExists` operator on an identity claim in an Allow statement. */
export const trust010: Rule = {
  id: 'TRUST010',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Negated or …IfExists operator on an identity claim in an Allow',
  explanation:
    'In an Allow, StringNotEquals (or any negated operator) admits every token whose claim differs, and …IfExists admits every token without the claim: both allow far more than they name.',
  fix: 'allow with a positive operator (StringEquals, StringLike) on the claim; put exclusions in a separate Deny statement',
  check(subject) {
    return conditionRule(
      subject,
      (s, c) => isAllow(s) && isIdentityClaimKey(c.key),
      (s, c): RuleFinding[] => {
        const op = operatorParts(c.operator);
        if (op.negated) {
          return [
            {
              statement: s.index,
              at: conditionAt(s, c),
              message: `negated operator ${c.operator} on identity claim "${c.key}" in an Allow: every token whose claim differs, or that has no such claim, passes`,
            },
          ];
        }
        if (op.ifExists) {
          return [
            { statement: s.index, at: conditionAt(s, c), message: `${c.operator} on identity claim "${c.key}" in an Allow: a token without the claim passes` },
          ];
        }
        return [];
      },
    );
  },
};
