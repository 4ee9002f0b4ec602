import { isAllow, readStatements } from '../private/iam-json';
import { federatedPrincipals } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** Session actions any principal may be granted next to its assume action. */
const SESSION_ACTIONS = new Set(['sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

/** The assume action each kind of principal needs. */
function needs(type: string, id: string, s: Parameters<typeof federatedPrincipals>[0]): string | undefined {
  if (type === 'Federated') {
    const p = federatedPrincipals(s).find((f) => f.id === id);
    return p?.kind === 'saml' ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
  }
  if (type === 'AWS' || type === 'Service' || type === 'CanonicalUser') return 'sts:AssumeRole';
  return undefined;
}

/** TRUST012: an action that does not fit the principal (Federated OIDC needs sts:AssumeRoleWithWebIdentity). */
export const trust012: Rule = {
  id: 'TRUST012',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Action does not fit the principal',
  explanation:
    'Each kind of principal assumes a role with one action: OIDC with sts:AssumeRoleWithWebIdentity, SAML with sts:AssumeRoleWithSAML, AWS and service principals with sts:AssumeRole. Any other action, or a wildcard, either never works or grants a way in that was not meant.',
  fix: 'give each principal its own statement with exactly its assume action (plus sts:TagSession, sts:SetSourceIdentity or sts:SetContext if needed)',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const statements = readStatements(subject.policy).filter((s) => isAllow(s) && s.principal !== undefined && s.principal !== '*');
    if (statements.length === 0) return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    for (const s of statements) {
      const at = `Statement[${s.index}].Action`;
      if (s.notAction !== undefined)
        out.push({ statement: s.index, at: `Statement[${s.index}].NotAction`, message: 'NotAction in a trust policy allows every action but the listed ones' });
      for (const [type, ids] of Object.entries(s.principal as Record<string, readonly string[]>)) {
        for (const id of ids) {
          const required = needs(type, id, s);
          if (!required) continue;
          const misfits = (s.action ?? []).filter((a) => a.toLowerCase() !== required.toLowerCase() && !SESSION_ACTIONS.has(a.toLowerCase()));
          for (const a of misfits) {
            out.push({ statement: s.index, at, message: `action "${a}" does not fit ${type} principal "${id}", which needs exactly ${required}` });
          }
          if (s.notAction === undefined && !(s.action ?? []).some((a) => a.toLowerCase() === required.toLowerCase())) {
            out.push({ statement: s.index, at, message: `${type} principal "${id}" is not given ${required}, so it cannot assume the role` });
          }
        }
      }
    }
    return findings(out);
  },
};
