import { isAllow, readStatements } from '../private/iam-json';
import { oidcPrincipals } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule } from '../types';

/** TRUST001: an OIDC Federated principal trusted with no Condition at all. */
export const trust001: Rule = {
  id: 'TRUST001',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'OIDC Federated principal with no Condition',
  explanation: 'Without a Condition, every token the issuer signs, for any workload and any audience, can assume the role.',
  fix: 'pin the audience (:aud) and the subject (:sub) of the token with StringEquals',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const federated = readStatements(subject.policy).filter((s) => isAllow(s) && oidcPrincipals(s).length > 0);
    if (federated.length === 0) return NOT_APPLICABLE;
    return findings(
      federated
        .filter((s) => s.conditions.length === 0)
        .map((s) => ({
          statement: s.index,
          at: `Statement[${s.index}]`,
          message: `Federated principal ${oidcPrincipals(s)
            .map((p) => JSON.stringify(p.id))
            .join(', ')} has no Condition: every token its issuer signs can assume the role`,
        })),
    );
  },
};
