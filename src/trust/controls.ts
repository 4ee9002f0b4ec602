import { problems as P } from '../errors';
import { GOOGLE_ISSUER } from '../model/types';
import type { Condition, Statement } from '../policy/document';
import { exactConditions } from '../policy/exact-conditions';
import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';
import { acceptedClaims, claimAccepted } from '../input/issuers';

/** The condition-key prefix of a statement's OIDC issuer: the provider's host/path, or `accounts.google.com`. */
export function statementIssuerHost(s: Statement): string | undefined {
  const id = s.principals?.find((p) => p.type === 'Federated')?.identifiers[0];
  if (id === undefined) return undefined;
  if (id === GOOGLE_ISSUER) return id;
  const at = id.indexOf(':oidc-provider/');
  return at < 0 ? undefined : id.slice(at + ':oidc-provider/'.length);
}

/**
 * The controls every trust entry takes, applied to what its builder wrote:
 * its extra conditions ANDed to every statement (a claim becomes
 * `<issuer host>:<claim>`), and with `sessionTags: true`, `sts:TagSession`
 * beside the assume action. Neither can widen the trust beyond the entry:
 * conditions only narrow it, and TagSession only lets the same callers tag
 * their session. An extra condition on an operator and key the entry already
 * tests (or another extra condition tests) folds away when its values are the
 * same, and is refused otherwise: Terraform would merge the two into one list,
 * which IAM reads as OR (policy/exact-conditions.ts).
 */
export function applyTrustControls(t: TrustSpec, result: TrustResult, ctx: TrustBuildContext): TrustResult | undefined {
  const extra = t.conditions ?? [];
  const tag = 'sessionTags' in t && t.sessionTags === true;
  if (extra.length === 0 && !tag) return result;
  let failed = false;
  const statements = result.statements.map((s): Statement => {
    const host = statementIssuerHost(s);
    const conditions = extra.map((c, i): Condition => {
      const claim = c.claim;
      if (claim === undefined) return { test: c.test, variable: c.key!, values: [...c.values] };
      if (host === undefined && !failed) {
        ctx.report(`conditions[${i}].claim`, (f, p) => P.claimWithoutIssuer(f, p, claim));
        failed = true;
      } else if (host !== undefined && !claimAccepted(host, claim) && !failed) {
        ctx.report(`conditions[${i}].claim`, (f, p) => P.claimNotAccepted(f, p, claim, host, acceptedClaims(host)));
        failed = true;
      }
      return { test: c.test, variable: `${host}:${claim}`, values: [...c.values] };
    });
    const pinned = s.conditions ?? [];
    const exact = exactConditions([...pinned, ...conditions]);
    // A repeat among the builder's own blocks would be a generator bug: the description refuses to render it.
    const repeat = exact.repeated.find((r) => r.index >= pinned.length);
    if (repeat && !failed) {
      const { index, first } = repeat;
      const all = [...pinned, ...conditions];
      const extra = index - pinned.length;
      const earlier = first < pinned.length ? { pinned: all[first] } : { extra: first - pinned.length, condition: all[first] };
      ctx.report(`conditions[${extra}]`, (f, p) => P.repeatedCondition(f, p, all[index], extra, earlier));
      failed = true;
    }
    return { ...s, actions: tag ? [...s.actions, 'sts:TagSession'] : s.actions, conditions: exact.conditions };
  });
  return failed ? undefined : { ...result, statements };
}
