import { isAllow, readStatements } from '../private/iam-json';
import { conditionsOn, issuerKind, oidcPrincipals } from '../private/claims';
import { VENDORS, vendorOfHost } from '../../trust/ci-vendors';
import { findings, NOT_APPLICABLE, type RuleFinding, type Rule } from '../types';

/** TRUST002: an issuer with an audience (EKS, GitHub, any IAM OIDC provider; Cognito) whose `:aud` is not pinned. */
export const trust002: Rule = {
  id: 'TRUST002',
  level: 'error',
  name: 'Missing :aud condition where the issuer has one',
  explanation:
    'The audience says which relying party a token was minted for. Without an :aud condition, tokens the issuer mints for any other client (another tool, another cloud) are accepted too.',
  fix: 'add StringEquals "<issuer>:aud" = the audience (sts.amazonaws.com for EKS and GitHub, the identity pool id for Cognito)',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    let applicable = false;
    for (const s of readStatements(subject.policy)) {
      // A statement with no condition at all is TRUST001's.
      if (!isAllow(s) || s.conditions.length === 0) continue;
      for (const p of oidcPrincipals(s)) {
        const kind = issuerKind(p.host!);
        // Google's audience is TRUST003's; Facebook and Login with Amazon use app_id.
        if (kind === 'google' || kind === 'social') continue;
        applicable = true;
        if (conditionsOn(s, p.host!, 'aud').length > 0) continue;
        const known = subject.context?.providers?.find((k) => k.arn === p.id)?.audience;
        const vendor = vendorOfHost(p.host!);
        const expected = known ?? (vendor ? VENDORS[vendor].audience : kind === 'cognito' ? '<identity pool id>' : kind === 'generic' ? '<client id>' : 'sts.amazonaws.com');
        out.push({
          statement: s.index,
          at: `Statement[${s.index}].Condition`,
          message: `no condition on "${p.host}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${p.host}:aud" = "${expected}"`,
        });
      }
    }
    return applicable ? findings(out) : NOT_APPLICABLE;
  },
};
