import { EXACT_MATCH_RULE, exactMatch } from '../../model/exact-match';
import { conditionAt, readStatements } from '../private/iam-json';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

/** TRUST008: a StringLike value with no wildcard; the resolver writes StringEquals instead (src/model/exact-match.ts). */
export const trust008: Rule = {
  id: EXACT_MATCH_RULE,
  level: 'info',
  kinds: ['trust-policy', 'identity-policy'],
  name: 'StringLike value with no wildcard (auto-fixed to StringEquals)',
  explanation:
    'Without * or ?, StringLike is an exact match in disguise; StringEquals says so, and a wildcard added later by mistake cannot silently widen it.',
  fix: 'write StringEquals (the generator does this for the documents it writes)',
  check(subject) {
    if (subject.kind !== 'trust-policy' && subject.kind !== 'identity-policy') return NOT_APPLICABLE;
    const statements = readStatements(subject.policy);
    if (!statements.some((s) => s.conditions.some((c) => c.operator === 'StringLike'))) return NOT_APPLICABLE;
    return findings(
      statements.flatMap((s) => {
        const all = s.conditions.map((c) => ({ test: c.operator, variable: c.key, values: c.values }));
        return all
          .filter((c) => exactMatch(c, all))
          .map((c) => ({
            statement: s.index,
            at: conditionAt(s, { operator: c.test, key: c.variable, values: c.values }),
            message: `StringLike on "${c.variable}" has no wildcard in ${c.values.map((v) => JSON.stringify(v)).join(', ')}: it is an exact match, so StringEquals applies`,
          }));
      }),
    );
  },
  autofixNote: 'auto-fixed: the generated document uses StringEquals',
};
