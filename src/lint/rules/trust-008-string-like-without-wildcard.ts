import type { Condition, PolicyDocument } from '../../policy/document';
import { conditionAt, readStatements } from '../private/iam-json';
import { hasWildcard } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

/** A StringLike condition the fix may rewrite: no value has a wildcard, and no StringEquals on the same key would merge with it. */
function rewritable(c: { test: string; variable: string; values: readonly string[] }, all: readonly { test: string; variable: string }[]): boolean {
  return (
    c.test === 'StringLike' &&
    c.values.length > 0 &&
    !c.values.some(hasWildcard) &&
    !all.some((o) => o.test === 'StringEquals' && o.variable.toLowerCase() === c.variable.toLowerCase())
  );
}

/** TRUST008: a StringLike value with no wildcard; the generator writes StringEquals instead. */
export const trust008: Rule = {
  id: 'TRUST008',
  level: 'info',
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
          .filter((c) => rewritable(c, all))
          .map((c) => ({
            statement: s.index,
            at: conditionAt(s, { operator: c.test, key: c.variable, values: c.values }),
            message: `StringLike on "${c.variable}" has no wildcard in ${c.values.map((v) => JSON.stringify(v)).join(', ')}: it is an exact match, so StringEquals applies`,
          }));
      }),
    );
  },
  autofixNote: 'auto-fixed: the generated document uses StringEquals',
  autofix(doc: PolicyDocument): PolicyDocument {
    // The same document when nothing is rewritten, so the runner can tell without comparing.
    if (!doc.statements.some((s) => (s.conditions ?? []).some((c, _, all) => rewritable(c, all)))) return doc;
    return {
      ...doc,
      statements: doc.statements.map((s) => {
        const all = s.conditions ?? [];
        if (!all.some((c) => rewritable(c, all))) return s;
        return { ...s, conditions: all.map((c): Condition => (rewritable(c, all) ? { ...c, test: 'StringEquals' } : c)) };
      }),
    };
  },
};
