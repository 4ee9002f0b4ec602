import type { Condition, Statement } from '../policy/document';
import type { OidcProviderModel } from '../model/types';
import { WILDCARD } from '../input/primitives/patterns';

/**
 * `sts:AssumeRoleWithWebIdentity` for one OIDC provider, with `aud` pinned by StringEquals (the provider's,
 * unless a preset names its own); `false` leaves `aud` unchecked, only for trust imported as it was (TRUST002).
 */
export function webIdentityStatement(provider: OidcProviderModel, subject: Condition, audience: string | false = provider.audience): Statement {
  return {
    effect: 'Allow',
    actions: ['sts:AssumeRoleWithWebIdentity'],
    principals: [{ type: 'Federated', identifiers: [provider.arn] }],
    conditions: audience === false ? [subject] : [subject, { test: 'StringEquals', variable: `${provider.host}:aud`, values: [audience] }],
  };
}

/**
 * Statements for a list of subjects of one provider: exact subjects under
 * StringEquals, patterns (with `*` or `?`) under StringLike in a statement of
 * their own, so an exact subject is never matched as a pattern. `claims` (a
 * preset's conditions on other claims: GitHub's ids and workflow refs, GitLab's
 * project id, Buildkite's pipeline id) are ANDed to every statement: they only narrow it.
 */
export function subjectStatements(
  provider: OidcProviderModel,
  subjects: readonly string[],
  audience: string | false = provider.audience,
  claims: readonly Condition[] = [],
): Statement[] {
  const exact = [...new Set(subjects.filter((s) => !WILDCARD.test(s)))];
  const patterns = [...new Set(subjects.filter((s) => WILDCARD.test(s)))];
  const sub = `${provider.host}:sub`;
  const out: Statement[] = [];
  if (exact.length > 0) out.push(webIdentityStatement(provider, { test: 'StringEquals', variable: sub, values: exact }, audience));
  if (patterns.length > 0) out.push(webIdentityStatement(provider, { test: 'StringLike', variable: sub, values: patterns }, audience));
  return claims.length === 0 ? out : out.map((s) => ({ ...s, conditions: [...s.conditions!, ...claims] }));
}
