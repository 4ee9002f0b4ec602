import { globMatch } from '../../policy/glob';
import { conditionsOn, isStringEquals, isStringLike, operatorParts } from '../private/claims';
import { conditionAt } from '../private/iam-json';
import { eachConditionedOidcPrincipal } from '../private/trust-loop';
import type { Rule } from '../types';

/**
 * TRUST028: an `aud` value that no client id of the role's OIDC provider
 * matches. STS accepts a token only when its `aud` is one of the provider's
 * client ids, so such a value lets no one in: a warning while another value
 * of the condition is a client id, an error when none is (nobody gets in
 * through the statement). Needs the provider's client ids (the spec's issuer,
 * or `audit` with the provider's `get-open-id-connect-provider` output).
 */
export const trust028: Rule = {
  id: 'TRUST028',
  level: 'error',
  kinds: ['trust-policy'],
  name: 'aud condition on an audience the OIDC provider does not list',
  explanation:
    "STS refuses a web-identity token whose aud is not one of the IAM OIDC provider's client ids (its audiences) before it reads the trust policy. An aud condition on any other value matches no token that gets that far: the workloads it names are denied.",
  fix: "pin aud to one of the provider's client ids, or add the audience to the provider's client id list",
  check(subject) {
    const providers = subject.kind === 'trust-policy' ? (subject.context?.providers ?? []) : [];
    return eachConditionedOidcPrincipal(subject, (s, p, v) => {
      const clientIds = providers.find((k) => k.arn === p.id)?.clientIds;
      if (clientIds === undefined || clientIds.length === 0) return;
      for (const c of conditionsOn(s, p.host, 'aud')) {
        const op = operatorParts(c.operator);
        if (op.negated || !(isStringEquals(op) || isStringLike(op))) continue;
        v.applicable = true;
        const ignoreCase = /IgnoreCase$/i.test(op.base);
        const listed = (value: string) =>
          clientIds.some((id) => (isStringLike(op) ? globMatch(value, id) : ignoreCase ? value.toLowerCase() === id.toLowerCase() : value === id));
        const unlisted = c.values.filter((value) => !listed(value));
        if (unlisted.length === 0) continue;
        const none = unlisted.length === c.values.length;
        v.out.push({
          statement: s.index,
          at: conditionAt(s, c),
          ...(none ? {} : { level: 'warning' as const }),
          message: `aud ${unlisted.map((u) => `"${u}"`).join(', ')} on "${c.key}" is not a client id of the OIDC provider (${clientIds.map((id) => `"${id}"`).join(', ')}): STS refuses such tokens, so ${none ? 'no one can assume the role through this statement' : 'the value lets no one in'}`,
          fix: `pin aud to ${clientIds.length === 1 ? `"${clientIds[0]}"` : `one of ${clientIds.map((id) => `"${id}"`).join(', ')}`}, or add the audience to the provider's client ids`,
        });
      }
    });
  },
};
