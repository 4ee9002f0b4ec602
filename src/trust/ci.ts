import { presetProblems } from '../errors';
import type { CiResolvedTrust, OidcProviderModel } from '../model/types';
import type { TrustContext, TrustResult } from './context';
import { VENDORS, vendorOfHost, type CiVendor } from './ci-vendors';
import { ciIdClaims, ciIdConditions } from './ci-claims';
import { claimAccepted } from './issuer-claims';
import { isGithubIssuer } from './github-actions';
import { subjectStatements } from './oidc';

/** How a preset names its issuer: the exact URL the vendor runs, or any URL of a self-hosted install. */
export type IssuerRequirement = { readonly exact: string } | { readonly selfHosted: string };

const EKS_HOST = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\//;

/** Whether a provider can be this vendor's issuer: the exact hosted URL, or for self-hosted vendors any URL that is no other known issuer. */
function issuerFits(provider: OidcProviderModel, vendor: CiVendor, requirement: IssuerRequirement): boolean {
  if ('exact' in requirement) return provider.url === requirement.exact;
  const other = vendorOfHost(provider.host);
  if (other !== undefined) return other === vendor;
  return !isGithubIssuer(provider) && !EKS_HOST.test(provider.host) && provider.host !== 'accounts.google.com';
}

/**
 * The trust of a CI preset: its issuer's provider, checked to be the vendor's
 * issuer; `aud` pinned with StringEquals to a client id of that provider;
 * exact subjects under StringEquals, trailing patterns under StringLike; and
 * the immutable id (`projectId`, `pipelineId`) as a StringEquals claim ANDed
 * to every statement, refused on an issuer whose claims STS does not take.
 */
export function ciTrust(
  spec: CiResolvedTrust['spec'],
  ctx: TrustContext,
  vendor: CiVendor,
  requirement: IssuerRequirement,
  subjects: readonly string[],
  audience: { readonly value: string; readonly field: string },
): TrustResult | undefined {
  const provider = ctx.provider(spec.issuer);
  if (!provider) return undefined;
  if (!issuerFits(provider, vendor, requirement)) {
    const expected = 'exact' in requirement ? requirement.exact : requirement.selfHosted;
    ctx.report(presetProblems.notVendorIssuer(spec.issuer, provider.url, VENDORS[vendor].name, expected));
    return undefined;
  }
  if (!provider.clientIds.includes(audience.value)) {
    ctx.report(presetProblems.audienceNotClientId(spec.issuer, audience.value, audience.field));
    return undefined;
  }
  const unaccepted = ciIdClaims(spec).find(({ claim }) => !claimAccepted(provider.host, claim.claim));
  if (unaccepted !== undefined) {
    ctx.report(presetProblems.idClaimNotAccepted(unaccepted.claim.field, unaccepted.claim.claim, spec.issuer, provider.url, VENDORS[vendor].name));
    return undefined;
  }
  const resolved: CiResolvedTrust = { spec, provider, subjects, audience: audience.value };
  return { statements: subjectStatements(provider, subjects, audience.value, ciIdConditions(spec, provider.host)), resolved };
}
