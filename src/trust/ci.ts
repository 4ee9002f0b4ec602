import { problems as P } from '../errors';
import type { CiResolvedTrust, OidcProviderModel } from '../model/types';
import type { Condition } from '../policy/document';
import { ciIdClaims, ciPreset, type CiSpec } from '../input/trust-types/ci-presets';
import { type CiPreset, type IssuerRequirement } from '../input/trust-types/ci-preset';
import { claimAccepted, issuerOf } from '../input/issuers';
import type { TrustBuildContext, TrustResult } from './context';
import { subjectStatements } from './oidc';

/** Whether a provider can be this preset's issuer: the exact hosted URL, or for self-hosted vendors any URL that is no other known issuer. */
function issuerFits(provider: OidcProviderModel, preset: CiPreset<CiSpec>, requirement: IssuerRequirement): boolean {
  if ('exact' in requirement) return provider.url === requirement.exact;
  const known = issuerOf(provider.host);
  return known.kind === 'generic' || known.preset === preset.type;
}

/** The `StringEquals <issuer host>:<claim>` conditions of the pinned ids, ANDed to every statement of the trust. */
export function ciIdConditions(spec: CiSpec, host: string): Condition[] {
  return ciIdClaims(spec).map(({ claim, value }) => ({ test: 'StringEquals', variable: `${host}:${claim.claim}`, values: [value] }));
}

/**
 * The trust of a CI preset (its record in `input/trust-types/<type>.ts`): its
 * issuer's provider, checked to be the vendor's issuer; `aud` pinned with
 * StringEquals to a client id of that provider; exact subjects under
 * StringEquals, trailing patterns under StringLike; and the immutable id
 * (`projectId`, `pipelineId`) as a StringEquals claim ANDed to every
 * statement, refused on an issuer whose claims STS does not take.
 */
export function ciTrust(spec: CiSpec, ctx: TrustBuildContext): TrustResult | undefined {
  const preset = ciPreset(spec.type);
  const provider = ctx.provider(spec.issuer);
  if (!provider) return undefined;
  const requirement = preset.issuer(spec);
  if (!issuerFits(provider, preset, requirement)) {
    const expected = 'exact' in requirement ? requirement.exact : requirement.selfHosted;
    ctx.report('issuer', (f, p) => P.notVendorIssuer(f, p, spec.issuer, provider.url, preset.name, expected));
    return undefined;
  }
  const audience = preset.audience(spec);
  if (!provider.clientIds.includes(audience.value)) {
    ctx.report(audience.field, (f, p) => P.audienceNotClientId(f, p, spec.issuer, audience.value));
    return undefined;
  }
  const unaccepted = ciIdClaims(spec).find(({ claim }) => !claimAccepted(provider.host, claim.claim));
  if (unaccepted !== undefined) {
    ctx.report(unaccepted.claim.field, (f, p) =>
      P.idClaimNotAccepted(f, p, unaccepted.claim.field, unaccepted.claim.claim, spec.issuer, provider.url, preset.name),
    );
    return undefined;
  }
  const subjects = preset.subjects(spec);
  const resolved: CiResolvedTrust = { spec, provider, subjects, audience: audience.value };
  return { statements: subjectStatements(provider, subjects, audience.value, ciIdConditions(spec, provider.host)), resolved };
}
