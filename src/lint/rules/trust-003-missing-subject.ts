import { conditionsOn, isIssuerClaimKey, operatorParts, splitKey, oidcPrincipals } from '../private/claims';
import type { ConditionEntry } from '../private/iam-json';
import { eachConditionedOidcPrincipal } from '../private/trust-loop';
import type { Rule } from '../types';

const SUBJECT_EXAMPLE: Record<string, string> = {
  eks: 'system:serviceaccount:<namespace>:<service-account>',
  github: 'repo:<org>/<repo>:environment:<environment>',
  generic: '<the subject of the one workload>',
};

/** A condition that fails when its key is absent: positive, without IfExists or ForAllValues. */
function failsWhenAbsent(c: ConditionEntry): boolean {
  const op = operatorParts(c.operator);
  return !op.negated && !op.ifExists && op.set !== 'ForAllValues' && !/^Null$/i.test(op.base);
}

/**
 * TRUST003: a missing `:sub` for EKS, GitHub and other IAM OIDC providers; for
 * `accounts.google.com`, a missing `:aud` (error) or `:sub` (warning).
 */
export const trust003: Rule = {
  id: 'TRUST003',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Missing :sub for EKS and GitHub issuers; accounts.google.com needs :aud and should pin :sub',
  explanation:
    "The subject names the one workload (service account, repository) that may assume the role. Without it, every workload the issuer serves can. For accounts.google.com, :aud carries the service account's unique id and is required; pinning :sub as well guards against tokens without an azp claim.",
  fix: 'add StringEquals "<issuer>:sub" = the one subject that may assume the role',
  check(subject) {
    return eachConditionedOidcPrincipal(subject, (s, p, v) => {
      const at = `Statement[${s.index}].Condition`;
      if (p.issuer === 'google') {
        v.applicable = true;
        if (conditionsOn(s, p.host, 'aud').length === 0) {
          v.out.push({
            statement: s.index,
            at,
            message: `no condition on "${p.host}:aud": any Google-signed token can assume the role`,
            fix: `add StringEquals "${p.host}:aud" = "<service account unique id>"`,
          });
        } else if (conditionsOn(s, p.host, 'sub').length === 0) {
          v.out.push({
            statement: s.index,
            at,
            level: 'warning',
            message: `no condition on "${p.host}:sub": recommended next to :aud, which falls back to the token's aud claim when it has no azp`,
            fix: `add StringEquals "${p.host}:sub" = the service account's unique id (google-service-account: requireSubject: true)`,
          });
        }
        return;
      }
      // Cognito pins the identity pool with :aud; social providers have no subject key.
      if (!p.provider) return;
      v.applicable = true;
      if (conditionsOn(s, p.host, 'sub').length > 0) return;
      // A `sub` key of another issuer is never in this issuer's tokens: under a positive operator, nobody gets in (TRUST011 names the key).
      const hosts = new Set(oidcPrincipals(s).map((o) => o.host!.toLowerCase()));
      const foreign = s.conditions.find(
        (c) => isIssuerClaimKey(c.key) && splitKey(c.key).claim === 'sub' && !hosts.has(splitKey(c.key).prefix.toLowerCase()) && failsWhenAbsent(c),
      );
      if (foreign) {
        v.out.push({
          statement: s.index,
          at,
          message: `no condition on "${p.host}:sub": the subject is tested on "${foreign.key}", a key of another issuer that "${p.host}" tokens never carry, so no one can assume the role through this statement`,
          fix: `write the subject condition on "${p.host}:sub"`,
        });
        return;
      }
      v.out.push({
        statement: s.index,
        at,
        message: `no condition on "${p.host}:sub": every workload the issuer serves can assume the role`,
        fix: `add StringEquals "${p.host}:sub" = "${SUBJECT_EXAMPLE[p.issuer] ?? SUBJECT_EXAMPLE.generic}"`,
      });
    });
  },
};
