import { isAllow, readStatements } from '../private/iam-json';
import { oidcPrincipals } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

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
    // Statements that trust an OIDC principal make the rule apply; those of them without a Condition fail.
    let applicable = false;
    const out: RuleFinding[] = [];
    for (const s of readStatements(subject.policy)) {
      if (!isAllow(s) || oidcPrincipals(s).length === 0) continue;
      applicable = true;
      if (s.conditions.length > 0) continue;
      out.push({
        statement: s.index,
        at: `Statement[${s.index}]`,
        message: `Federated principal ${oidcPrincipals(s)
          .map((p) => JSON.stringify(p.id))
          .join(', ')} has no Condition: every token its issuer signs can assume the role`,
      });
    }
    return applicable ? findings(out) : NOT_APPLICABLE;
  },
};
