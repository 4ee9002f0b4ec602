import { conditionAt } from '../private/iam-json';
import { conditionRule } from '../private/trust-loop';
import { isIdentityClaimKey, operatorParts, splitKey } from '../private/claims';
import type { Rule, RuleFinding } from '../types';

/** Claims a token carries once: a set operator on them is a mistake. */
const SINGLE_VALUED = new Set(['sub', 'aud', 'oaud', 'azp']);

/** TRUST009: `ForAllValues:` / `ForAnyValue:` on a single-valued claim (`sub`, `aud`). */
export const trust009: Rule = {
  id: 'TRUST009',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'ForAllValues:/ForAnyValue: on a single-valued claim (sub, aud)',
  explanation:
    'Set operators are for multivalued keys. ForAllValues is true when the key is absent, so a token without the claim passes; ForAnyValue on a single-valued claim reads as a set test that is not there, and with a negated operator it passes every other value.',
  fix: 'use the plain operator (StringEquals, or StringLike for a pattern) on sub and aud',
  check(subject) {
    return conditionRule(
      subject,
      (_s, c) => isIdentityClaimKey(c.key) && SINGLE_VALUED.has(splitKey(c.key).claim),
      (s, c): RuleFinding[] => {
        const op = operatorParts(c.operator);
        if (!op.set) return [];
        const plain = c.operator.slice(op.set.length + 1);
        const why =
          op.set === 'ForAllValues'
            ? 'it is true when the key is absent, so a token without the claim passes'
            : 'set operators are for multivalued keys; on a single-valued claim it only hides what is tested';
        return [
          {
            statement: s.index,
            at: conditionAt(s, c),
            message: `${c.operator} on single-valued "${c.key}": ${why}`,
            fix: `write ${plain} instead of ${c.operator}`,
          },
        ];
      },
    );
  },
};
