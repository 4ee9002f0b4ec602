import { isAllow, readStatements } from '../private/iam-json';
import { issuerKind, oidcPrincipals } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

/** TRUST020: `sts:TagSession` for an OIDC issuer: its tokens' session tags become the session's principal tags. */
export const trust020: Rule = {
  id: 'TRUST020',
  level: 'info',
  kinds: ['trust-policy'],
  name: 'OIDC issuer may tag the session',
  explanation:
    'With sts:TagSession beside sts:AssumeRoleWithWebIdentity, the tags a token carries (its https://aws.amazon.com/tags claim) become the principal tags of the session. Policies that decide on aws:PrincipalTag then trust whoever controls those claims at the issuer. GitHub Actions tokens carry no session tags.',
  fix: 'keep sts:TagSession only for issuers that send session tags and whose tags you trust as much as the role (sessionTags: true in the spec)',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    let applicable = false;
    for (const s of readStatements(subject.policy)) {
      if (!isAllow(s)) continue;
      const oidc = oidcPrincipals(s);
      if (oidc.length === 0) continue;
      applicable = true;
      if (!(s.action ?? []).some((a) => a.toLowerCase() === 'sts:tagsession')) continue;
      for (const p of oidc) {
        const github = issuerKind(p.host!) === 'github';
        out.push({
          statement: s.index,
          at: `Statement[${s.index}].Action`,
          level: github ? 'warning' : undefined,
          message: github
            ? `sts:TagSession for GitHub issuer "${p.host}", whose tokens carry no session tags: the grant is unused`
            : `issuer "${p.host}" may tag the session: its tokens' session tags become principal tags`,
          fix: github ? 'remove sessionTags from the GitHub trust' : undefined,
        });
      }
    }
    return applicable ? findings(out) : NOT_APPLICABLE;
  },
};
