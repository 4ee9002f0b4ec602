import { readStatements } from '../private/iam-json';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** TRUST013: `Resource`, `NotPrincipal` or `Principal: "*"` in a trust policy; `AWS: "*"`. */
export const trust013: Rule = {
  id: 'TRUST013',
  level: 'error',
  name: 'Resource, NotPrincipal or Principal "*" in a trust policy',
  explanation:
    'A trust policy is attached to the role itself: IAM rejects Resource in it, NotPrincipal trusts everyone not listed, and "*" as principal lets any AWS account try to assume the role.',
  fix: 'remove Resource/NotResource, and name each trusted principal explicitly under Principal',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const statements = readStatements(subject.policy);
    if (statements.length === 0) return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    for (const s of statements) {
      const at = `Statement[${s.index}]`;
      const add = (message: string) => out.push({ statement: s.index, at, message });
      if (s.resource !== undefined) add('a trust policy statement has "Resource": IAM rejects it, since the role itself is the resource');
      if (s.notResource !== undefined) add('a trust policy statement has "NotResource": IAM rejects it, since the role itself is the resource');
      if (s.notPrincipal !== undefined) add('"NotPrincipal" trusts every principal except the listed ones');
      if (s.effect !== 'Allow') continue;
      if (s.principal === undefined && s.notPrincipal === undefined) add('an Allow statement of a trust policy has no Principal');
      else if (s.principal === '*') add('Principal "*" lets every AWS principal try to assume the role');
      else if (s.principal) {
        for (const [type, ids] of Object.entries(s.principal)) if (ids.includes('*')) add(`Principal ${type}: "*" lets every principal of that kind try to assume the role`);
      }
    }
    return findings(out);
  },
};
