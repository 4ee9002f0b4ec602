import { conditionAt } from '../private/iam-json';
import { conditionRule } from '../private/trust-loop';
import { isStringEquals, operatorParts, wildcardsIn } from '../private/claims';
import type { Rule } from '../types';

/** TRUST007: `*` or `?` inside a StringEquals value, where it is a literal character and never matches. */
export const trust007: Rule = {
  id: 'TRUST007',
  level: 'error',
  kinds: ['trust-policy', 'identity-policy'],
  name: '* or ? inside a StringEquals value',
  explanation:
    'StringEquals compares literally: a value with * or ? only matches a claim that contains those very characters, so the condition never matches (and a Deny with it never applies).',
  fix: 'use StringLike for a pattern, or write the exact value',
  check(subject) {
    return conditionRule(
      subject,
      (_s, c) => isStringEquals(operatorParts(c.operator)),
      (s, c) =>
        c.values.flatMap((v) => {
          const wild = wildcardsIn(v);
          if (wild.length === 0) return [];
          return [
            {
              statement: s.index,
              at: conditionAt(s, c),
              message: `${c.operator} value "${v}" on "${c.key}" contains ${wild.map((w) => `"${w}"`).join(' and ')}: ${c.operator} compares literally, so the condition never matches`,
            },
          ];
        }),
      ['trust-policy', 'identity-policy'],
    );
  },
};
