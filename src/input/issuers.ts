/**
 * The one issuer table: which identity issuer a condition-key prefix (the
 * issuer URL without `https://`) belongs to, and which of its token's claims
 * STS puts in the request context. The trust builders, the lint pack, the
 * access proof and the importer all ask `issuerOf(host)`, so they cannot
 * classify the same issuer differently (`__tests__/issuer-table.test.ts`
 * shows they agree on every form below).
 *
 * The forms, and why each is what it is: docs/issuers.md, "Which issuer is
 * this host?". The CI vendors' rows come from their preset records.
 */
import { CI_PRESETS, type CiTrustType } from './trust-types/ci-presets';

export type IssuerKind = 'eks' | 'github' | 'google' | 'cognito' | 'social' | 'ci' | 'generic';

export interface Issuer {
  readonly kind: IssuerKind;
  /** The issuer in messages. */
  readonly name: string;
  /** The CI preset whose hosted issuer this is. */
  readonly preset?: CiTrustType;
  /**
   * The claims besides `sub`, `aud` and {@link ANY_ISSUER_CLAIMS} that STS
   * accepts as condition keys of this issuer (AWS's Service Authorization
   * Reference for STS). Undefined where AWS lists no issuer-specific claims
   * and the tool does not judge them (EKS, Google, Cognito, any other issuer).
   */
  readonly claims?: readonly string[];
}

/** Keys every OIDC issuer's tokens give (IAM User Guide, "Available keys for OIDC federation"), besides `sub` and `aud`. */
export const ANY_ISSUER_CLAIMS: readonly string[] = ['amr', 'azp', 'email', 'oaud'];

/** GitHub's claims STS accepts: github.com's issuer, an enterprise's issuer below it, GHE.com, and `github.com/enterprises/<name>`. */
export const GITHUB_CLAIMS: readonly string[] = [
  'actor',
  'actor_id',
  'enterprise_id',
  'environment',
  'job_workflow_ref',
  'ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
];

/** An EKS cluster's issuer: `oidc.eks.<region>.amazonaws.com[.cn]/id/<cluster id>`. */
const EKS = /^(oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/id\/)([a-z0-9]+)$/i;

const GITHUB = 'GitHub Actions';

/** The table: the first row whose host matches (hosts are compared in lower case). */
const ROWS: readonly (Issuer & { readonly host: RegExp })[] = [
  { kind: 'eks', name: 'Amazon EKS', host: EKS },
  // github.com, and an enterprise's own issuer below it (GitHub Enterprise Cloud's custom issuer).
  { kind: 'github', name: GITHUB, host: /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/, claims: GITHUB_CLAIMS },
  // GitHub Enterprise Cloud with data residency (GHE.com).
  { kind: 'github', name: GITHUB, host: /^token\.actions\.[^/]+\.ghe\.com$/, claims: GITHUB_CLAIMS },
  // A GHE.com enterprise's own issuer: GitHub's tokens, but AWS lists no claims for it.
  { kind: 'github', name: 'GitHub Enterprise Cloud (GHE.com enterprise issuer)', host: /^token\.actions\.[^/]+\.ghe\.com\/[^/]+$/, claims: [] },
  // Listed by the Service Authorization Reference with GitHub's claims.
  { kind: 'github', name: GITHUB, host: /^github\.com\/enterprises\/[^/]+$/, claims: GITHUB_CLAIMS },
  // GitHub Enterprise Server: GitHub's tokens, but no claim that STS accepts.
  { kind: 'github', name: 'GitHub Enterprise Server', host: /^[^/]+\/_services\/token$/, claims: [] },
  { kind: 'google', name: 'Google', host: /^accounts\.google\.com$/ },
  { kind: 'cognito', name: 'Amazon Cognito', host: /^cognito-identity\.amazonaws\.com$/ },
  { kind: 'social', name: 'Facebook', host: /^graph\.facebook\.com$/ },
  { kind: 'social', name: 'Login with Amazon', host: /^www\.amazon\.com$/ },
  ...CI_PRESETS.map((p) => ({ kind: 'ci' as const, name: p.hosted.name, preset: p.type, claims: p.hosted.claims, host: p.hosted.host })),
];

const GENERIC: Issuer = { kind: 'generic', name: 'OIDC issuer' };

/** Which issuer this condition-key prefix (issuer URL without `https://`) is; `generic` when it is none the tool knows. */
export function issuerOf(host: string): Issuer {
  let issuer = issuers.get(host);
  if (issuer === undefined) issuers.set(host, (issuer = findIssuer(host)));
  return issuer;
}

/** Answers by prefix: the lint pack asks for every OIDC principal of every document, a few hosts over and over. */
const issuers = new Map<string, Issuer>();

function findIssuer(host: string): Issuer {
  const h = host.toLowerCase();
  const row = ROWS.find((r) => r.host.test(h));
  if (row === undefined) return GENERIC;
  const { host: _pattern, ...issuer } = row;
  return issuer;
}

/** An EKS cluster issuer's parts: the prefix up to `/id/`, the region and the cluster id (as written). */
export function eksIssuer(host: string): { readonly prefix: string; readonly region: string; readonly id: string } | undefined {
  const m = EKS.exec(host);
  return m ? { prefix: m[1], region: m[2], id: m[3] } : undefined;
}

/** Every claim besides `sub` and `aud` STS accepts for this issuer. */
export function acceptedClaims(host: string): readonly string[] {
  return [...ANY_ISSUER_CLAIMS, ...(issuerOf(host).claims ?? [])];
}

/** Whether STS puts this claim of this issuer in the request context. */
export function claimAccepted(host: string, claim: string): boolean {
  return acceptedClaims(host).includes(claim.toLowerCase());
}
