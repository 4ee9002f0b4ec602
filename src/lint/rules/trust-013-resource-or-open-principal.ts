import { readStatements, type StatementView } from '../private/iam-json';
import { operatorParts } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * Organisation-wide trust, the one accepted form of `AWS: "*"`: the principal
 * is exactly `{"AWS": "*"}` (or `"*"`, the same trust for an AWS caller) and a plain `StringEquals` (no `IfExists`, no set
 * operator) pins `aws:PrincipalOrgID` to organization ids without wildcards.
 */
function pinnedToOrganization(s: StatementView): boolean {
  if (s.principal === undefined) return false;
  // "Principal": "*" is {"AWS": "*"} and anonymous callers, who carry no aws:PrincipalOrgID: the same trust once pinned.
  const types = s.principal === '*' ? [['AWS', ['*']] as const] : Object.entries(s.principal);
  if (types.length !== 1 || types[0][0] !== 'AWS' || types[0][1].length !== 1 || types[0][1][0] !== '*') return false;
  return s.conditions.some((c) => {
    const op = operatorParts(c.operator);
    return (
      op.base === 'StringEquals' &&
      !op.set &&
      !op.ifExists &&
      c.key.toLowerCase() === 'aws:principalorgid' &&
      c.values.length > 0 &&
      c.values.every((v) => ORGANIZATION_ID.test(v))
    );
  });
}

/** TRUST013: `Resource`, `NotPrincipal` or `Principal: "*"` in a trust policy; `AWS: "*"` unless pinned to an organization. */
export const trust013: Rule = {
  id: 'TRUST013',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Resource, NotPrincipal or Principal "*" in a trust policy',
  explanation:
    'A trust policy is attached to the role itself: IAM rejects Resource in it, NotPrincipal trusts everyone not listed, and "*" as principal lets any AWS account try to assume the role. The one exception is {"AWS": "*"} (or "*") with StringEquals aws:PrincipalOrgID: every principal of one organization.',
  fix: 'remove Resource/NotResource, and name each trusted principal explicitly under Principal (or use the aws-organization trust: {"AWS": "*"} with StringEquals aws:PrincipalOrgID)',
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
      else if (s.principal === '*' && !pinnedToOrganization(s)) add('Principal "*" lets every AWS principal try to assume the role');
      else if (s.principal && s.principal !== '*' && !pinnedToOrganization(s)) {
        for (const [type, ids] of Object.entries(s.principal))
          if (ids.includes('*')) add(`Principal ${type}: "*" lets every principal of that kind try to assume the role`);
      }
    }
    return findings(out);
  },
};
