/**
 * Which tenant of its issuer one OIDC trust entry lets in, for the
 * organization's tenant fence (docs/guardrails.md): the claims every token of
 * that tenant carries (GitHub owners and owner ids, GitLab groups, HCP and
 * Buildkite organizations, CircleCI organizations and Bitbucket workspaces by
 * their `aud`, Google service accounts by their unique id), an issuer that is
 * the tenant's own (an EKS cluster), or no tenant STS can check.
 *
 * Only `sub`, `aud` and the claims the issuer table says STS accepts for the
 * issuer are ever used (`acceptedClaims`): a fence on a claim STS does not
 * fill would deny every token of the issuer.
 */
import { byCodePoint } from '../order';
import { ciPresetOf, type CiSpec } from '../input/trust-types/ci-presets';
import { claimAccepted, issuerOf } from '../input/issuers';
import { GOOGLE_ISSUER, type IssuerTenant, type OidcProviderModel, type ResolvedTrust } from './types';

export type { IssuerTenant };

/** What one entry says about its issuer's tenant. */
export type EntryTenant =
  /** Every token the entry lets in carries one of these values in each claim (patterns with `*`). */
  | { readonly host: string; readonly issuer: string; readonly kind: 'claims'; readonly claims: Readonly<Record<string, readonly string[]>> }
  /** The issuer is the tenant's own (an EKS cluster's): the providers fence is its tenant fence. */
  | { readonly host: string; readonly issuer: string; readonly kind: 'issuer' }
  /** No claim names the tenant, or STS does not fill it: the issuer's tenant stays unfenced. */
  | { readonly host: string; readonly issuer: string; readonly kind: 'unknown'; readonly why: string };

const GITHUB_OWNER_ID = 'repository_owner_id';

/** The tenant of each issuer an entry names; `[]` for entries that are not OIDC. */
export function entryTenants(t: ResolvedTrust): EntryTenant[] {
  const spec = t.spec;
  switch (spec.type) {
    case 'google-service-account':
      return [{ host: GOOGLE_ISSUER, issuer: 'Google', kind: 'claims', claims: { aud: [spec.uniqueId] } }];
    case 'github-actions': {
      const { provider, subjects } = t as Extract<ResolvedTrust, { provider: OidcProviderModel; subjects: readonly string[] }>;
      // `repo:<owner>/...` or `repo:<owner>@<id>/...`: the owner part, up to the first `/`.
      if (subjects.some((s) => !/^repo:[^/*?]+\//.test(s)))
        return [{ host: provider.host, issuer: provider.issuer, kind: 'unknown', why: 'a subject does not start with repo:<owner>/' }];
      const owners = [...new Set(subjects.map((s) => `${s.slice(0, s.indexOf('/'))}/*`))];
      const claims: Record<string, readonly string[]> = { sub: owners };
      if (spec.ownerId !== undefined && claimAccepted(provider.host, GITHUB_OWNER_ID)) claims[GITHUB_OWNER_ID] = [spec.ownerId];
      return [{ host: provider.host, issuer: provider.issuer, kind: 'claims', claims }];
    }
    case 'data-platform-project':
    case 'kubernetes-service-account': {
      const { provider } = t as Extract<ResolvedTrust, { provider: OidcProviderModel }>;
      return [clusterOrUnknown(provider, 'a Kubernetes issuer outside EKS: its tokens name a service account, no tenant')];
    }
    case 'web-identity': {
      const { providers } = t as Extract<ResolvedTrust, { providers: readonly OidcProviderModel[] }>;
      return providers.map((p) =>
        clusterOrUnknown(p, 'a web-identity entry names subjects of its own: the tool does not know which tenant of the issuer they belong to'),
      );
    }
    default: {
      const preset = ciPresetOf(spec.type);
      if (!preset) return [];
      const { provider } = t as Extract<ResolvedTrust, { provider: OidcProviderModel }>;
      const tenant = preset.tenant(spec as CiSpec);
      if (tenant.claim !== 'sub' && tenant.claim !== 'aud' && !claimAccepted(provider.host, tenant.claim)) {
        return [
          {
            host: provider.host,
            issuer: provider.issuer,
            kind: 'unknown',
            why: `STS does not accept the claim ${tenant.claim} for ${issuerOf(provider.host).name}`,
          },
        ];
      }
      return [{ host: provider.host, issuer: provider.issuer, kind: 'claims', claims: { [tenant.claim]: tenant.values } }];
    }
  }
}

function clusterOrUnknown(p: OidcProviderModel, why: string): EntryTenant {
  return issuerOf(p.host).kind === 'eks' ? { host: p.host, issuer: p.issuer, kind: 'issuer' } : { host: p.host, issuer: p.issuer, kind: 'unknown', why };
}

/**
 * Every entry's tenant of one issuer, together: a claim is fenced only when
 * every entry names values for it (their union); one entry without a tenant
 * leaves the issuer unfenced, so the fence never denies a declared caller.
 */
export function issuerTenant(entries: readonly EntryTenant[]): IssuerTenant {
  const [first] = entries;
  const base = { host: first.host, issuer: first.issuer };
  const unknown = entries.find((e): e is Extract<EntryTenant, { kind: 'unknown' }> => e.kind === 'unknown');
  if (unknown) return { ...base, kind: 'unknown', why: unknown.why };
  const withClaims = entries.filter((e): e is Extract<EntryTenant, { kind: 'claims' }> => e.kind === 'claims');
  if (withClaims.length < entries.length) return { ...base, kind: 'issuer' };
  const keys = Object.keys(withClaims[0].claims).filter((k) => withClaims.every((e) => k in e.claims));
  if (keys.length === 0) return { ...base, kind: 'unknown', why: 'its entries name their tenants by different claims' };
  const claims = keys.sort(byCodePoint).map((claim) => ({ claim, values: [...new Set(withClaims.flatMap((e) => e.claims[claim]))].sort(byCodePoint) }));
  return { ...base, kind: 'claims', claims };
}
