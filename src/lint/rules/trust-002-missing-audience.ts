import { conditionsOn, isStringLike, isWildcardOnly, operatorParts } from '../private/claims';
import { eachConditionedOidcPrincipal } from '../private/trust-loop';
import { ciPreset } from '../../input/trust-types/ci-presets';
import { issuerOf } from '../../input/issuers';
import type { Rule } from '../types';

/** A StringLike `aud` with a value that is only wildcards (`*`) pins no audience: it counts as missing. */
const pinsNothing = (c: { operator: string; values: readonly string[] }) => {
  const op = operatorParts(c.operator);
  return isStringLike(op) && !op.negated && c.values.some(isWildcardOnly);
};

/** TRUST002: an issuer with an audience (EKS, GitHub, any IAM OIDC provider; Cognito) whose `:aud` is not pinned (no condition, or only a StringLike "*"). */
export const trust002: Rule = {
  id: 'TRUST002',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'Missing :aud condition where the issuer has one',
  explanation:
    'The audience says which relying party a token was minted for. Without an :aud condition (or with only a StringLike "*", which pins nothing), tokens the issuer mints for any other client (another tool, another cloud) are accepted too.',
  fix: 'add StringEquals "<issuer>:aud" = the audience (sts.amazonaws.com for EKS and GitHub, the identity pool id for Cognito)',
  check(subject) {
    return eachConditionedOidcPrincipal(subject, (s, p, v) => {
      // Google's audience is TRUST003's; Facebook and Login with Amazon use app_id.
      if (p.issuer === 'google' || p.issuer === 'social') return;
      v.applicable = true;
      const aud = conditionsOn(s, p.host, 'aud');
      if (aud.some((c) => !pinsNothing(c))) return;
      const wild = aud.flatMap((c) => c.values.filter(isWildcardOnly).map((v) => `${c.operator} "${v}"`));
      const known = subject.kind === 'trust-policy' ? subject.context?.providers?.find((k) => k.arn === p.id)?.audience : undefined;
      const vendor = issuerOf(p.host).preset;
      const expected =
        known ??
        (vendor ? ciPreset(vendor).audienceText : p.issuer === 'cognito' ? '<identity pool id>' : p.issuer === 'generic' ? '<client id>' : 'sts.amazonaws.com');
      v.out.push({
        statement: s.index,
        at: `Statement[${s.index}].Condition`,
        message:
          wild.length > 0
            ? `the condition on "${p.host}:aud" is ${wild.join(', ')}, which pins no audience: tokens the issuer mints for any other audience are accepted`
            : `no condition on "${p.host}:aud": tokens the issuer mints for any other audience are accepted`,
        fix: `add StringEquals "${p.host}:aud" = "${expected}"`,
      });
    });
  },
};
