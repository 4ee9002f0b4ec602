import { acceptedClaims, issuerOf } from '../../input/issuers';
import { conditionAt, isAllow } from '../private/iam-json';
import { isIssuerClaimKey, oidcPrincipals, splitKey } from '../private/claims';
import { eachTrustStatement } from '../private/trust-loop';
import type { Rule } from '../types';

/** The issuers whose accepted claims are known (the issuer table, docs/issuers.md): GitHub in every form, the CI vendors; for others the rule says nothing. */
function issuerName(host: string): string | undefined {
  const issuer = issuerOf(host);
  return issuer.claims === undefined ? undefined : issuer.name;
}

/**
 * TRUST023: a condition on a claim of a CI or GitHub issuer that STS does not
 * put in the request context (AWS's Service Authorization Reference lists the
 * claims per issuer: docs/issuers.md). Such a key is never present: under a
 * positive operator nobody can assume the role; under a negated or …IfExists
 * one (TRUST010) every token of the issuer passes the condition.
 */
export const trust023: Rule = {
  id: 'TRUST023',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Condition on a claim STS does not accept for the issuer',
  explanation:
    'STS evaluates only the claims it documents for an issuer (sub, aud, amr, azp, email, oaud, and for GitHub, GitLab.com, Buildkite and CircleCI a listed few). A condition on any other claim never sees a value: the role cannot be assumed, or with a negated or …IfExists operator the condition lets every token through.',
  fix: 'test a claim STS accepts for this issuer, or pin the value through sub',
  check(subject) {
    return eachTrustStatement(subject, (s, v) => {
      if (!isAllow(s)) return;
      const hosts = new Map(oidcPrincipals(s).map((p) => [p.host!.toLowerCase(), p.host!]));
      for (const c of s.conditions) {
        if (!isIssuerClaimKey(c.key)) continue;
        const { prefix, claim } = splitKey(c.key);
        const host = hosts.get(prefix.toLowerCase());
        const name = host === undefined ? undefined : issuerName(host.toLowerCase());
        if (host === undefined || name === undefined) continue;
        v.applicable = true;
        if (claim === 'sub' || claim === 'aud' || acceptedClaims(host).includes(claim)) continue;
        v.out.push({
          statement: s.index,
          at: conditionAt(s, c),
          message: `condition on "${c.key}": STS does not accept claim "${c.key.slice(prefix.length + 1)}" of ${name} tokens as a condition key, so the key is never present`,
          fix: `test one of the claims STS accepts for ${name}: sub, aud, ${acceptedClaims(host).join(', ')}`,
        });
      }
    });
  },
};
