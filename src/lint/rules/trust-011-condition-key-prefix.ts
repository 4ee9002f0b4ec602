import { conditionAt } from '../private/iam-json';
import { isIssuerClaimKey, oidcPrincipals, splitKey } from '../private/claims';
import { eachTrustStatement } from '../private/trust-loop';
import type { Rule } from '../types';

/** TRUST011: a claim key whose prefix is not the host/path of a Federated principal of the statement. */
export const trust011: Rule = {
  id: 'TRUST011',
  level: 'error',
  kinds: ['trust-policy'],
  name: "Condition key prefix differs from the provider's host/path",
  explanation:
    'IAM names a token\'s claims "<provider host/path>:<claim>". A key with any other prefix is never present in the request: the condition never matches, or, with a negated or …IfExists operator, always does.',
  fix: 'write the key as "<provider host/path>:<claim>", the provider URL without https://',
  check(subject) {
    return eachTrustStatement(subject, (s, v) => {
      const hosts = oidcPrincipals(s).map((p) => p.host!);
      const known = new Set(hosts.map((h) => h.toLowerCase()));
      for (const c of s.conditions) {
        if (!isIssuerClaimKey(c.key)) continue;
        v.applicable = true;
        const { prefix, claim } = splitKey(c.key);
        if (known.has(prefix.toLowerCase())) continue;
        v.out.push(
          hosts.length === 0
            ? {
                statement: s.index,
                at: conditionAt(s, c),
                message: `condition key "${c.key}" names issuer "${prefix}", but the statement trusts no Federated principal of that issuer: the key is never present`,
                fix: `trust the issuer's provider as the Federated principal, or remove the condition`,
              }
            : {
                statement: s.index,
                at: conditionAt(s, c),
                message: `condition key prefix "${prefix}" differs from the provider's host/path ${hosts.map((h) => `"${h}"`).join(', ')}: the key is never present`,
                fix: `write "${hosts[0]}:${claim}"`,
              },
        );
      }
    });
  },
};
