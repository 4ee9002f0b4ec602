/**
 * What the spec means, decided without reading any policy: may this caller
 * assume this role? This is the oracle the evaluated policies are held to.
 *
 * - data-platform-project: a token of the role account's provider for the
 *   issuer, with the issuer's `aud`, whose `sub` is the project's service
 *   account `<project with _ as .>-<UUID-shaped suffix>` in the named
 *   environment, or in any environment when `allEnvironments: true`.
 * - kubernetes-service-account: exactly that namespace and service account,
 *   with the issuer's `aud` (either of these two: any `aud` with `pinAudience: false`).
 * - google-service-account: `accounts.google.com` with `aud` = the unique id
 *   (and `sub` too, with `requireSubject`).
 * - aws-role: that role, or any session of it (the spec also writes the
 *   caller's cross-account identity policy), sending the `externalId` if one
 *   is set.
 * - aws-service: that service; one tagging its session (EKS Pod Identity) only with `sessionTags: true`.
 * - aws-account: any principal of that account (its own policies decide), sending the `externalId` if one is set.
 * - github-actions / web-identity: a token of one of the named issuers, with
 *   its `aud`, whose `sub` is one of that issuer's subjects (a subject with
 *   `*` or `?` is a pattern); one issuer's subjects never count for another.
 *   An issuer with `anySubject: true` (trust imported as it was) lets in every
 *   token it mints, whatever its `sub`; with `pinAudience: false`, whatever its `aud`.
 *   GitHub's claim fields must match too: `repository_owner_id` and
 *   `repository_id` the ids (with `idsIn: claims` or `both`), `job_workflow_ref`
 *   one of the workflow refs, `actor_id` one of the actors, `enterprise_id` the enterprise.
 * - eks-pod-identity: the EKS Pod Identity service, with session tags naming
 *   exactly that cluster, namespace and service account.
 * - iam-user: that user.
 * - aws-organization: any AWS principal whose `aws:PrincipalOrgID` is the organization.
 * - gitlab-ci, hcp-terraform, circleci, buildkite, bitbucket-pipelines: a
 *   token of the named issuer with the `aud` the preset pins, whose `sub` is
 *   one of the preset's subjects (its trailing pattern filled in any way), and
 *   that carries the pinned id (`project_id` / `pipeline_id`) when the entry sets one.
 * Every entry's extra conditions must hold too (an IpAddress one: the address
 * sent is in one of the blocks; NotIpAddress: in none of them, or none sent), and a session-tags call
 * (`sts:TagSession`) is expected only where the entry says `sessionTags: true`.
 * Everything else is expected to be denied.
 */
import { serviceAccountProject } from '../../trust/data-platform-project';
import {
  GOOGLE_ISSUER,
  type CiResolvedTrust,
  type OidcProviderModel,
  type PodIdentityResolvedTrust,
  type ResolvedTrust,
  type RoleModel,
} from '../../model/types';
import { ciIdsHeld, describeCiTrust } from './ci-identities';
import { idsInClaims } from '../../trust/github-actions';
import { WILDCARD } from '../../input/primitives/patterns';
import { declaredSubjectMatches, laterPartsOf } from '../../input/subject-parts';
import { POD_IDENTITY_SERVICE, POD_IDENTITY_TAGS } from '../../trust/eks-pod-identity';
import { PRINCIPAL_ORG_ID } from '../../trust/aws-organization';
import type { Caller } from './identities';
import { literalPrefix, type Lookup } from './principal-index';
import { awsPrincipalParts } from '../evaluate/request';
import { ipInBlock } from '../../ip';

export interface Expectation {
  readonly expected: 'allow' | 'deny';
  /** The trust entry that declares the caller, e.g. `trust[0] data-platform-project sample in any environment`. */
  readonly because?: string;
}

/** The data platform's suffix: 8-4-4-4-12 characters, any characters (the documented `?` pattern). */
const UUID_SHAPED = /^[^]{8}-[^]{4}-[^]{4}-[^]{4}-[^]{12}$/;
const SA_SUB = /^system:serviceaccount:([^:]+):([^:]+)$/;

export function describeTrust(t: ResolvedTrust): string {
  const s = t.spec;
  switch (s.type) {
    case 'data-platform-project':
      return `data-platform project ${s.project} in ${s.allEnvironments ? 'any environment' : `environment ${s.environment}`}`;
    case 'kubernetes-service-account':
      return `service account ${s.namespace}/${s.serviceAccount}`;
    case 'google-service-account':
      return `Google service account ${s.uniqueId}`;
    case 'aws-role':
      return `role ${(t as Extract<ResolvedTrust, { roleArn: string }>).roleArn}${s.externalId ? ' with its external id' : ''}`;
    case 'aws-service':
      return `service ${s.service}`;
    case 'aws-account':
      return `any principal of account ${s.accountId} its own policies allow${s.externalId ? ', with its external id' : ''}`;
    case 'github-actions':
      return `GitHub Actions of ${s.repository}`;
    case 'web-identity':
      return s.issuers.some((i) => i.anySubject === true)
        ? `${s.issuers.map((i) => (i.anySubject === true ? `any subject of ${i.issuer} (every workload it serves)` : `subjects of ${i.issuer}`)).join(', ')}`
        : `subjects of ${s.issuers.map((i) => i.issuer).join(', ')}`;
    case 'eks-pod-identity': {
      const p = t as PodIdentityResolvedTrust;
      const pods = `EKS Pod Identity ${s.cluster} ${s.namespace}/${s.serviceAccount}`;
      if (p.sourceRoleArn) return `${pods} through role ${p.sourceRoleArn}${p.externalId ? ' with its external id' : ''}`;
      return s.disableSessionTags ? `${pods}, session tags off: any Pod Identity association of the account naming the role` : pods;
    }
    case 'iam-user':
      return `IAM user ${s.user}`;
    case 'aws-organization':
      return `any principal of organization ${s.organizationId}`;
    default:
      return describeCiTrust(s);
  }
}

/** The role itself, or a session of it. */
function sameRole(arn: string, roleArn: string): boolean {
  if (arn === roleArn) return true;
  const want = awsPrincipalParts(roleArn);
  const got = awsPrincipalParts(arn);
  return got?.kind === 'session' && want !== undefined && got.partition === want.partition && got.account === want.account && got.roleName === want.roleName;
}

/** A declared subject: a pattern (`*` any run, `?` one character) or an exact value. */
function subjectMatches(declared: string, sub: string | undefined): boolean {
  if (sub === undefined) return false;
  if (!WILDCARD.test(declared)) return declared === sub;
  const source = declared
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^]*')
    .replace(/\?/g, '[^]');
  return new RegExp(`^${source}$`).test(sub);
}

/** A token of the provider's issuer with the audience and one of the subjects; on a vendor's issuer whose `sub` goes on after a wildcard part, a `*` that stands before pinned later parts matches inside its own part only. */
function tokenOf(caller: Caller, provider: OidcProviderModel, subjects: readonly string[], audience = provider.audience): boolean {
  if (caller.kind !== 'web-identity' || caller.issuerHost !== provider.host || caller.claims.aud !== audience) return false;
  return subjectIn(provider, subjects, caller.claims.sub);
}

/** Whether `sub` is one of the declared subjects on the provider's issuer (a misplaced `*` matching inside its own part only, above). */
function subjectIn(provider: OidcProviderModel, subjects: readonly string[], sub: string | undefined): boolean {
  const later = laterPartsOf(provider.host);
  return subjects.some((s) => (later === undefined ? subjectMatches(s, sub) : sub !== undefined && declaredSubjectMatches(later, s, sub)));
}

function declares(t: ResolvedTrust, caller: Caller): boolean {
  const s = t.spec;
  switch (s.type) {
    case 'data-platform-project':
    case 'kubernetes-service-account': {
      const { provider } = t as Extract<ResolvedTrust, { provider: unknown }>;
      // With pinAudience: false (trust imported as it was), any audience gets in.
      if (caller.kind !== 'web-identity' || caller.issuerHost !== provider.host || (s.pinAudience !== false && caller.claims.aud !== provider.audience))
        return false;
      const m = SA_SUB.exec(caller.claims.sub ?? '');
      if (!m) return false;
      const [, namespace, serviceAccount] = m;
      if (s.type === 'kubernetes-service-account') return namespace === s.namespace && serviceAccount === s.serviceAccount;
      const prefix = `${serviceAccountProject(s.project)}-`;
      return (
        (s.allEnvironments === true || namespace === s.environment) &&
        serviceAccount.startsWith(prefix) &&
        UUID_SHAPED.test(serviceAccount.slice(prefix.length))
      );
    }
    case 'google-service-account':
      return (
        caller.kind === 'web-identity' &&
        caller.issuerHost === GOOGLE_ISSUER &&
        caller.claims.aud === s.uniqueId &&
        (!s.requireSubject || caller.claims.sub === s.uniqueId)
      );
    case 'aws-role': {
      if (caller.kind !== 'aws') return false;
      if (s.externalId !== undefined && caller.context?.['sts:ExternalId'] !== s.externalId) return false;
      return sameRole(caller.arn, (t as Extract<ResolvedTrust, { roleArn: string }>).roleArn);
    }
    case 'aws-service':
      // Session tags need sts:TagSession, which the entry allows with sessionTags: true (a Pod Identity role imported as it was);
      // other context (aws:SourceAccount, ...) is an extra condition's.
      return (
        caller.kind === 'service' &&
        caller.service === s.service &&
        (s.sessionTags === true || !Object.keys(caller.context ?? {}).some((k) => k.startsWith('aws:RequestTag/')))
      );
    case 'aws-account': {
      if (caller.kind !== 'aws') return false;
      if (s.externalId !== undefined && caller.context?.['sts:ExternalId'] !== s.externalId) return false;
      const want = awsPrincipalParts((t as Extract<ResolvedTrust, { rootArn: string }>).rootArn);
      const got = awsPrincipalParts(caller.arn);
      return got !== undefined && want !== undefined && got.partition === want.partition && got.account === want.account;
    }
    case 'github-actions': {
      const g = t as Extract<ResolvedTrust, { subjects: readonly string[] }>;
      if (!tokenOf(caller, g.provider, g.subjects) || caller.kind !== 'web-identity') return false;
      const claim = (k: string) => caller.claims[k];
      return (
        (!idsInClaims(s) || (claim('repository_owner_id') === s.ownerId && claim('repository_id') === s.repositoryId)) &&
        (s.jobWorkflowRefs.length === 0 || s.jobWorkflowRefs.some((r) => subjectMatches(r, claim('job_workflow_ref')))) &&
        (s.actorIds.length === 0 || s.actorIds.includes(claim('actor_id') ?? '')) &&
        (s.enterpriseId === undefined || claim('enterprise_id') === s.enterpriseId)
      );
    }
    case 'web-identity': {
      const w = t as Extract<ResolvedTrust, { providers: readonly OidcProviderModel[] }>;
      return s.issuers.some((entry) => {
        const provider = w.providers.find((p) => p.issuer === entry.issuer);
        if (provider === undefined || caller.kind !== 'web-identity' || caller.issuerHost !== provider.host) return false;
        // Trust imported as it was: any audience without pinAudience, any subject (a token without one too) with anySubject.
        if (entry.pinAudience !== false && caller.claims.aud !== provider.audience) return false;
        return entry.anySubject === true || subjectIn(provider, entry.subjects ?? [], caller.claims.sub);
      });
    }
    case 'eks-pod-identity': {
      const p = t as PodIdentityResolvedTrust;
      const tags = caller.kind === 'service' || caller.kind === 'aws' ? (caller.context ?? {}) : {};
      const tagged =
        tags[POD_IDENTITY_TAGS.cluster] === p.clusterArn &&
        tags[POD_IDENTITY_TAGS.namespace] === s.namespace &&
        tags[POD_IDENTITY_TAGS.serviceAccount] === s.serviceAccount;
      // A target role: the association's role (or a session of it), with the tags or, tags off, the external id.
      if (p.sourceRoleArn)
        return caller.kind === 'aws' && sameRole(caller.arn, p.sourceRoleArn) && (p.externalId ? tags['sts:ExternalId'] === p.externalId : tagged);
      if (caller.kind !== 'service' || caller.service !== POD_IDENTITY_SERVICE) return false;
      // Session tags off: the trust cannot tell one association from another.
      return s.disableSessionTags === true || tagged;
    }
    case 'iam-user':
      return caller.kind === 'aws' && caller.arn === (t as Extract<ResolvedTrust, { userArn: string }>).userArn;
    case 'aws-organization':
      return caller.kind === 'aws' && caller.context?.[PRINCIPAL_ORG_ID] === s.organizationId;
    default: {
      const c = t as CiResolvedTrust;
      return tokenOf(caller, c.provider, c.subjects, c.audience) && caller.kind === 'web-identity' && ciIdsHeld(c.spec, caller.claims);
    }
  }
}

/**
 * The controls of the entry: a session-tags call only where the entry opts
 * in, and every extra condition met by the value the caller carries (a
 * claim of its token, or a key sent with the call).
 */
function controlsHold(t: ResolvedTrust, caller: Caller): boolean {
  if (caller.kind === 'web-identity' && caller.action === 'sts:TagSession' && !('sessionTags' in t.spec && t.spec.sessionTags === true)) return false;
  return (t.spec.conditions ?? []).every((c) => {
    const name = c.claim ?? c.key!;
    const value = caller.kind === 'web-identity' ? caller.claims[name] : c.claim === undefined ? caller.context?.[name] : undefined;
    // NotIpAddress, the one negated operator, holds where the key is absent.
    if (c.test === 'NotIpAddress') return value === undefined || !c.values.some((v) => ipInBlock(value, v));
    if (value === undefined) return false;
    if (c.test === 'IpAddress') return c.values.some((v) => ipInBlock(value, v));
    if (c.test === 'Bool') return c.values.some((v) => v.toLowerCase() === value.toLowerCase());
    return c.test === 'StringLike' || c.test === 'ArnLike' ? c.values.some((v) => subjectMatches(v, value)) : c.values.includes(value);
  });
}

/** Whether the spec lets `caller` assume `role`, and through which trust entry. */
export function expectAccess(role: RoleModel | undefined, caller: Caller): Expectation {
  if (!role) return { expected: 'deny' };
  const i = role.trust.findIndex((t) => declares(t, caller) && controlsHold(t, caller));
  return i < 0 ? { expected: 'deny' } : { expected: 'allow', because: `trust[${i}] ${describeTrust(role.trust[i])}` };
}

/**
 * Where the callers a trust entry declares are filed in the principal index
 * (see principal-index.ts): an identity outside these lookups is never
 * declared by the entry. Undefined (every identity) for a trust type this
 * function does not know, so a new preset is never skipped, only slower.
 */
export function expectationLookups(t: ResolvedTrust): Lookup[] | undefined {
  const s = t.spec;
  // A declared token has the provider's aud and a sub starting with the literal start of a declared subject.
  const token = (p: OidcProviderModel, subjects: readonly string[]): Lookup => ({
    principals: [`fed:${p.host}`],
    tests: [
      { key: `${p.host}:aud`.toLowerCase(), values: [p.audience] },
      { key: `${p.host}:sub`.toLowerCase(), prefixes: subjects.map(literalPrefix) },
    ],
  });
  switch (s.type) {
    case 'data-platform-project': {
      const { provider } = t as Extract<ResolvedTrust, { provider: OidcProviderModel }>;
      return [token(provider, [`system:serviceaccount:${s.allEnvironments ? '' : `${s.environment}:${serviceAccountProject(s.project)}-`}`])];
    }
    case 'kubernetes-service-account': {
      const { provider } = t as Extract<ResolvedTrust, { provider: OidcProviderModel }>;
      return [token(provider, [`system:serviceaccount:${s.namespace}:${s.serviceAccount}`])];
    }
    case 'github-actions': {
      const g = t as Extract<ResolvedTrust, { subjects: readonly string[] }>;
      return [token(g.provider, g.subjects)];
    }
    case 'web-identity': {
      const w = t as Extract<ResolvedTrust, { providers: readonly OidcProviderModel[] }>;
      return s.issuers.flatMap((entry) => {
        const provider = w.providers.find((p) => p.issuer === entry.issuer);
        if (!provider) return [];
        // Imported as it was: no test on what the entry does not pin (any sub, any aud).
        if (entry.anySubject === true || entry.pinAudience === false) return [{ principals: [`fed:${provider.host}`] }];
        return [token(provider, entry.subjects!)];
      });
    }
    case 'google-service-account':
      return [{ principals: [`fed:${GOOGLE_ISSUER}`], tests: [{ key: `${GOOGLE_ISSUER}:aud`, values: [s.uniqueId] }] }];
    case 'aws-role': {
      const parts = awsPrincipalParts((t as Extract<ResolvedTrust, { roleArn: string }>).roleArn);
      // A declared caller sends the external id, when the entry sets one.
      const tests = s.externalId === undefined ? undefined : [{ key: 'sts:externalid', values: [s.externalId] }];
      return parts?.roleName ? [{ principals: [`role:${parts.account}/${parts.roleName}`], tests }] : undefined;
    }
    case 'aws-service':
      return [{ principals: [`svc:${s.service.toLowerCase()}`] }];
    case 'eks-pod-identity': {
      // A target role's caller is the association's role in the cluster's account; any other entry's, the service.
      const source = (t as PodIdentityResolvedTrust).sourceRoleArn;
      if (source === undefined) return [{ principals: [`svc:${POD_IDENTITY_SERVICE.toLowerCase()}`] }];
      const parts = awsPrincipalParts(source);
      return parts?.roleName ? [{ principals: [`role:${parts.account}/${parts.roleName}`] }] : undefined;
    }
    case 'iam-user':
      return [{ principals: [`arn:${(t as Extract<ResolvedTrust, { userArn: string }>).userArn}`] }];
    default:
      return undefined;
  }
}
