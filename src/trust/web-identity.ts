import { problems as P } from '../errors';
import type { OidcProviderModel } from '../model/types';
import type { Statement } from '../policy/document';
import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';
import { subjectStatements } from './oidc';
import { issuerOf } from '../input/issuers';

/**
 * In a GitHub subject's `repo:OWNER[@OWNER_ID]/REPO[@REPO_ID]` part, an id that is not all digits
 * (`@*`, `@12*`, `@?`): the id form without the id, which any owner or repository of that name
 * matches again. Returns the offending id text, or undefined.
 */
export function githubIdPattern(subject: string): string | undefined {
  const m = /^repo:([^:]*)/.exec(subject);
  if (!m) return undefined;
  return m[1]
    .split('/')
    .map((part) => (part.includes('@') ? part.slice(part.indexOf('@') + 1) : undefined))
    .find((id) => id !== undefined && !/^\d+$/.test(id));
}

/**
 * `anySubject: true` (trust imported as it was): no `sub` condition, so every
 * workload the issuer serves can assume the role; `aud` pinned unless
 * `pinAudience: false`, and with neither, no Condition at all (TRUST001,
 * TRUST002 and TRUST003 say so, and stop synth until suppressed).
 */
function anySubjectStatement(provider: OidcProviderModel, pinAudience: boolean): Statement {
  return {
    effect: 'Allow',
    actions: ['sts:AssumeRoleWithWebIdentity'],
    principals: [{ type: 'Federated', identifiers: [provider.arn] }],
    ...(pinAudience ? { conditions: [{ test: 'StringEquals' as const, variable: `${provider.host}:aud`, values: [provider.audience] }] } : {}),
  };
}

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
      ctx.report(`issuers[${i}].issuer`, (f, p) => P.issuerTwice(f, p, entry.issuer));
      failed = true;
      return;
    }
    seen.add(entry.issuer);
    const provider = ctx.provider(entry.issuer);
    if (!provider) {
      failed = true;
      return;
    }
    if (issuerOf(provider.host).kind === 'github') {
      const subjects = entry.subjects ?? [];
      const j = subjects.findIndex((sub) => githubIdPattern(sub) !== undefined);
      if (j >= 0) {
        ctx.report(`issuers[${i}].subjects[${j}]`, (f, p) => P.githubIdWildcard(f, p, subjects[j], githubIdPattern(subjects[j])!));
        failed = true;
        return;
      }
    }
    providers.push(provider);
    if (entry.anySubject === true) statements.push(anySubjectStatement(provider, entry.pinAudience !== false));
    else statements.push(...subjectStatements(provider, entry.subjects!, entry.pinAudience === false ? false : provider.audience));
  });
  return failed ? undefined : { statements, resolved: { spec: t, providers } };
}
