import { presetProblems } from '../errors';
import type { OidcProviderModel } from '../model/types';
import type { Statement } from '../policy/document';
import type { TrustSpec } from '../spec/schema';
import type { TrustBuildContext, TrustResult } from './context';
import { subjectStatements } from './oidc';

/**
 * Any OIDC issuers, several on one role: each issuer gets its own statement
 * (its own Federated principal, `sub` and `aud` keys), so one issuer's subjects
 * never count for another. `aud` is always StringEquals.
 */
export function webIdentity(t: Extract<TrustSpec, { type: 'web-identity' }>, ctx: TrustBuildContext): TrustResult | undefined {
  const statements: Statement[] = [];
  const providers: OidcProviderModel[] = [];
  const seen = new Set<string>();
  let failed = false;
  t.issuers.forEach((entry, i) => {
    if (seen.has(entry.issuer)) {
      ctx.report(presetProblems.issuerTwice(entry.issuer, i));
      failed = true;
      return;
    }
    seen.add(entry.issuer);
    const provider = ctx.provider(entry.issuer);
    if (!provider) {
      failed = true;
      return;
    }
    providers.push(provider);
    statements.push(...subjectStatements(provider, entry.subjects));
  });
  return failed ? undefined : { statements, resolved: { spec: t, providers } };
}
