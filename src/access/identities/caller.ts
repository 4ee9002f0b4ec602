/**
 * Callers as the access check models them, how an identity relates to the
 * trust entry it was derived from, and the fixed values near-misses use.
 */
import { byCodePoint } from '../../order';
import { GOOGLE_ISSUER, type OidcProviderModel } from '../../model/types';
import { eksIssuer } from '../../input/issuers';
import type { CiNearMiss } from '../../input/trust-types/ci-preset';

export type Caller =
  /** A token of an issuer; `action` sts:TagSession for the session-tags call STS makes when the token carries tags. */
  | { readonly kind: 'web-identity'; readonly issuerHost: string; readonly claims: Readonly<Record<string, string>>; readonly action?: 'sts:TagSession' }
  /** An AWS principal; `context` carries what it sends with the call, e.g. `sts:ExternalId`. */
  | { readonly kind: 'aws'; readonly arn: string; readonly context?: Readonly<Record<string, string>> }
  /** An AWS service principal; `context` carries its session tags, e.g. EKS Pod Identity's. */
  | { readonly kind: 'service'; readonly service: string; readonly context?: Readonly<Record<string, string>> };

/**
 * How an identity relates to the trust entry it was derived from: the CI
 * presets' near-misses (`CiNearMiss`, declared with their records) and the
 * others. Each has its text in {@link VARIANT_TEXT}.
 */
export type Variant =
  | CiNearMiss
  | 'workload'
  | 'role-session'
  | 'other-environment'
  | 'prefix-project'
  | 'other-namespace'
  | 'other-service-account'
  | 'wrong-aud'
  | 'wrong-sub'
  | 'missing-aud'
  | 'missing-sub'
  | 'other-account'
  | 'wrong-external-id'
  | 'missing-external-id'
  | 'other-provider'
  | 'other-service'
  | 'other-environment-of-repo'
  | 'pull-request'
  | 'other-cluster'
  | 'missing-tag'
  | 'subject-of-other-issuer'
  | 'other-workflow'
  | 'missing-claim'
  | 'other-actor'
  | 'other-enterprise'
  | 'other-owner'
  | 'outside-organization'
  | 'session-tags'
  | 'other-role'
  | 'extra-condition-missing'
  | 'extra-condition-other-value';

export const VARIANT_TEXT: Readonly<Record<Variant, string>> = {
  workload: 'declared workload',
  'role-session': 'session of a declared role',
  'other-environment': 'same project, another environment',
  'prefix-project': 'another project sharing the prefix',
  'other-namespace': 'another namespace',
  'other-service-account': 'another service account',
  'wrong-aud': 'wrong aud',
  'wrong-sub': 'wrong sub',
  'missing-aud': 'no aud claim',
  'missing-sub': 'no sub claim',
  'other-account': 'right name, another account',
  'wrong-external-id': 'wrong external id',
  'missing-external-id': 'no external id',
  'other-provider': 'another OIDC provider',
  'other-service': 'another service',
  'other-repository': 'another repository sharing the prefix',
  'other-branch': 'another branch',
  'other-environment-of-repo': 'another GitHub environment',
  'pull-request': 'a pull-request run',
  'other-cluster': 'another cluster',
  'missing-tag': 'no namespace session tag',
  'other-subject': 'another subject',
  'subject-of-other-issuer': "another issuer's subject",
  'other-user': 'another IAM user',
  'other-project': 'another project',
  'other-ref-type': 'a tag of a branch name (or the reverse)',
  'other-workspace': 'another workspace sharing the prefix',
  'other-organization': 'another organization',
  'other-run-phase': 'the other run phase',
  'other-pipeline': 'another pipeline sharing the prefix',
  'other-vcs-origin': 'a fork: another repository sharing the prefix (vcs-origin)',
  'other-token-version': "the same run's other CircleCI token (V1 or V2 subject)",
  'other-deployment-environment': 'another deployment environment',
  'injected-branch': 'a branch named to end with the parts a mid-subject wildcard skips (the pinned vcs-origin and ref)',
  'injected-step': 'a step key that ends with the parts a mid-subject wildcard skips',
  'other-workflow': 'another (reusable) workflow',
  'missing-claim': 'without the claim the trust requires',
  'other-actor': 'another GitHub user',
  'other-enterprise': 'another enterprise',
  'other-owner': 'another repository owner (its immutable id)',
  'outside-organization': 'a principal in no organization',
  'session-tags': 'the same caller tagging its session (sts:TagSession)',
  'other-role': 'another role of the same account, same request',
  'extra-condition-missing': 'without the key an extra condition tests',
  'extra-condition-other-value': 'another value of the key an extra condition tests',
};

export interface Origin {
  /** `account/role` the identity was derived from. */
  readonly role: string;
  readonly trustIndex: number;
  readonly variant: Variant;
}

export interface Identity {
  /** Stable and readable; equal callers have equal ids, across specs too. */
  readonly id: string;
  readonly caller: Caller;
  readonly origins: readonly Origin[];
}

/** A fixed example UUID: the data platform appends a random one to each service-account name. */
export const EXAMPLE_UUID = '4f6b1c2d-8e3a-4b7f-9c1d-2e5a6b7c8d9e';
/** The environment tried for a role that allows every environment. */
export const EXAMPLE_ENVIRONMENT = 'dev';
/** The audience a Kubernetes service-account token carries when none is asked for: a realistic wrong `aud`. */
export const KUBERNETES_DEFAULT_AUDIENCE = 'https://kubernetes.default.svc';
/** The session name used for assumed-role callers. */
export const SESSION_NAME = 'access-check';
/** The ARN of a session of a role (named without its path, as session ARNs carry none). */
export const sessionArn = (partition: string, account: string, roleName: string) => `arn:${partition}:sts::${account}:assumed-role/${roleName}/${SESSION_NAME}`;
/** A realistic issuer that is not an EKS cluster. */
export const OTHER_ISSUER = 'token.actions.githubusercontent.com';

/** Another cluster of the same region for EKS issuers, otherwise a different real-world issuer. */
export function otherIssuerHost(host: string): string {
  const eks = eksIssuer(host);
  if (eks) {
    const other = '0'.repeat(eks.id.length) === eks.id ? 'F'.repeat(eks.id.length) : '0'.repeat(eks.id.length);
    return `${eks.prefix}${other}`;
  }
  return host === OTHER_ISSUER ? 'accounts.google.com' : OTHER_ISSUER;
}

const elide = (s: string) => (s.includes(EXAMPLE_UUID) ? s.split(EXAMPLE_UUID).join('<uuid>') : s);

/** ` k=v` for each entry, keys by code point, `strip` taken off each key's start. */
function sentText(context: Readonly<Record<string, string>> | undefined, strip?: string): string {
  if (context === undefined) return '';
  const keys = Object.keys(context);
  if (keys.length > 1) keys.sort(byCodePoint);
  let out = '';
  for (const k of keys) out += ` ${strip !== undefined && k.startsWith(strip) ? k.slice(strip.length) : k}=${context[k]}`;
  return out;
}

/** The identity id: issuer (by spec name where known) and claims, an ARN, or a service. Built once per derived caller (130,000 at 1000 accounts). */
export function identityId(caller: Caller, issuerNames: ReadonlyMap<string, string>): string {
  if (caller.kind === 'aws') return `${caller.arn}${sentText(caller.context)}`;
  if (caller.kind === 'service') return `service ${caller.service}${sentText(caller.context, 'aws:RequestTag/')}`;
  const issuer = caller.issuerHost === GOOGLE_ISSUER ? 'google' : `oidc ${issuerNames.get(caller.issuerHost) ?? caller.issuerHost}`;
  const { claims } = caller;
  let text = `sub=${claims.sub === undefined ? '(none)' : elide(claims.sub)} aud=${claims.aud === undefined ? '(none)' : elide(claims.aud)}`;
  // Claims besides sub and aud (job_workflow_ref, actor_id, ...), when a trust asks for them.
  const others = Object.keys(claims).filter((x) => x !== 'sub' && x !== 'aud');
  if (others.length > 1) others.sort(byCodePoint);
  for (const k of others) text += ` ${k}=${elide(claims[k])}`;
  return `${caller.action ? `[${caller.action}] ` : ''}${issuer} ${text}`;
}

export const withClaim = (claims: Record<string, string>, key: string, value: string | undefined) => {
  const out = { ...claims };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
};

/** A token of this provider's issuer (or, with `host`, of another issuer) with these claims. */
export const webCaller = (provider: OidcProviderModel, claims: Record<string, string>, host = provider.host): Caller => ({
  kind: 'web-identity',
  issuerHost: host,
  claims,
});

/** The claim near-misses every OIDC trust gets: wrong / no `aud`, no `sub`, another issuer. */
export function claimNearMisses(provider: OidcProviderModel, main: Record<string, string>, wrongAud: string): [Variant, Caller][] {
  return [
    ['wrong-aud', webCaller(provider, withClaim(main, 'aud', wrongAud))],
    ['missing-aud', webCaller(provider, withClaim(main, 'aud', undefined))],
    ['missing-sub', webCaller(provider, withClaim(main, 'sub', undefined))],
    ['other-provider', webCaller(provider, main, otherIssuerHost(provider.host))],
  ];
}
