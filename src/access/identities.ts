/**
 * The identities the access check tries on every role: each workload the spec
 * declares, and near-misses generated around it that must not get in.
 *
 * An identity is what a caller presents, independent of the role it tries:
 * a web-identity token (issuer host and claims), an AWS principal ARN, or a
 * service principal. The same token used on roles in two accounts meets two
 * IAM OIDC providers; {@link requestFor} builds the request for one role.
 */
import { serviceAccountProject } from '../trust/data-platform-project';
import { GOOGLE_ISSUER, type Model, type ResolvedTrust } from '../model/types';
import type { AccessRequest } from './request';

export type Caller =
  | { readonly kind: 'web-identity'; readonly issuerHost: string; readonly claims: Readonly<Record<string, string>> }
  /** An AWS principal; `context` carries what it sends with the call, e.g. `sts:ExternalId`. */
  | { readonly kind: 'aws'; readonly arn: string; readonly context?: Readonly<Record<string, string>> }
  | { readonly kind: 'service'; readonly service: string };

/** How an identity relates to the trust entry it was derived from. */
export type Variant =
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
  | 'other-service';

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
  'other-account': 'right role name, another account',
  'wrong-external-id': 'wrong external id',
  'missing-external-id': 'no external id',
  'other-provider': 'another OIDC provider',
  'other-service': 'another service',
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
/** A realistic issuer that is not an EKS cluster. */
export const OTHER_ISSUER = 'token.actions.githubusercontent.com';

/** Another cluster of the same region for EKS issuers, otherwise a different real-world issuer. */
export function otherIssuerHost(host: string): string {
  const eks = /^(oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/id\/)([A-Za-z0-9]+)$/.exec(host);
  if (eks) {
    const other = '0'.repeat(eks[2].length) === eks[2] ? 'F'.repeat(eks[2].length) : '0'.repeat(eks[2].length);
    return `${eks[1]}${other}`;
  }
  return host === OTHER_ISSUER ? 'accounts.google.com' : OTHER_ISSUER;
}

const elide = (s: string) => s.split(EXAMPLE_UUID).join('<uuid>');

/** The identity id: issuer (by spec name where known) and claims, an ARN, or a service. */
export function identityId(caller: Caller, issuerNames: ReadonlyMap<string, string>): string {
  if (caller.kind === 'aws') {
    const sent = Object.entries(caller.context ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return [caller.arn, ...sent.map(([k, v]) => `${k}=${v}`)].join(' ');
  }
  if (caller.kind === 'service') return `service ${caller.service}`;
  const issuer = caller.issuerHost === GOOGLE_ISSUER ? 'google' : `oidc ${issuerNames.get(caller.issuerHost) ?? caller.issuerHost}`;
  const claims = ['sub', 'aud'].map((k) => `${k}=${caller.claims[k] === undefined ? '(none)' : elide(caller.claims[k])}`);
  return `${issuer} ${claims.join(' ')}`;
}

const withClaim = (claims: Record<string, string>, key: string, value: string | undefined) => {
  const out = { ...claims };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
};

/** One trust entry -> the workload it declares and its near-misses. */
function fromTrust(t: ResolvedTrust, otherAccount: string): [Variant, Caller][] {
  const spec = t.spec;
  switch (spec.type) {
    case 'data-platform-project':
    case 'kubernetes-service-account': {
      const { provider } = t as Extract<ResolvedTrust, { provider: unknown }>;
      const wrongAud = provider.audience === KUBERNETES_DEFAULT_AUDIENCE ? 'sts.amazonaws.com' : KUBERNETES_DEFAULT_AUDIENCE;
      const web = (claims: Record<string, string>, host = provider.host): Caller => ({ kind: 'web-identity', issuerHost: host, claims });
      const sub = (ns: string, sa: string) => `system:serviceaccount:${ns}:${sa}`;
      let main: Record<string, string>;
      const specific: [Variant, Caller][] = [];
      if (spec.type === 'data-platform-project') {
        const env = spec.environment ?? EXAMPLE_ENVIRONMENT;
        const project = serviceAccountProject(spec.project);
        main = { sub: sub(env, `${project}-${EXAMPLE_UUID}`), aud: provider.audience };
        const otherEnv = env === 'prod' ? 'dev' : 'prod';
        specific.push(['other-environment', web(withClaim(main, 'sub', sub(otherEnv, `${project}-${EXAMPLE_UUID}`)))]);
        specific.push(['prefix-project', web(withClaim(main, 'sub', sub(env, `${project}-extra-${EXAMPLE_UUID}`)))]);
      } else {
        main = { sub: sub(spec.namespace, spec.serviceAccount), aud: provider.audience };
        specific.push(['other-namespace', web(withClaim(main, 'sub', sub(spec.namespace === 'default' ? 'kube-system' : 'default', spec.serviceAccount)))]);
        specific.push(['other-service-account', web(withClaim(main, 'sub', sub(spec.namespace, spec.serviceAccount === 'default' ? 'other' : 'default')))]);
      }
      return [
        ['workload', web(main)],
        ...specific,
        ['wrong-aud', web(withClaim(main, 'aud', wrongAud))],
        ['missing-aud', web(withClaim(main, 'aud', undefined))],
        ['missing-sub', web(withClaim(main, 'sub', undefined))],
        ['other-provider', web(main, otherIssuerHost(provider.host))],
      ];
    }
    case 'google-service-account': {
      const google = (claims: Record<string, string>, host = GOOGLE_ISSUER): Caller => ({ kind: 'web-identity', issuerHost: host, claims });
      const id = spec.uniqueId;
      const otherId = `${id.slice(0, -1)}${(Number(id.slice(-1)) + 1) % 10}`;
      const out: [Variant, Caller][] = [
        ['workload', google({ sub: id, aud: id })],
        ['wrong-aud', google({ sub: otherId, aud: otherId })],
        ['missing-aud', google({ sub: id })],
        ['other-provider', google({ sub: id, aud: id }, otherIssuerHost(GOOGLE_ISSUER))],
      ];
      if (spec.requireSubject) out.push(['wrong-sub', google({ sub: otherId, aud: id })], ['missing-sub', google({ aud: id })]);
      return out;
    }
    case 'aws-role': {
      const { roleArn } = t as Extract<ResolvedTrust, { roleArn: string }>;
      const m = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)!;
      const context = spec.externalId ? { 'sts:ExternalId': spec.externalId } : undefined;
      const out: [Variant, Caller][] = [
        ['workload', { kind: 'aws', arn: roleArn, context }],
        ['role-session', { kind: 'aws', arn: `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/${SESSION_NAME}`, context }],
        ['other-account', { kind: 'aws', arn: roleArn.replace(`::${m[2]}:`, `::${otherAccount}:`), context }],
      ];
      if (spec.externalId) {
        out.push(['wrong-external-id', { kind: 'aws', arn: roleArn, context: { 'sts:ExternalId': `${spec.externalId}-other` } }], ['missing-external-id', { kind: 'aws', arn: roleArn }]);
      }
      return out;
    }
    case 'aws-service':
      return [
        ['workload', { kind: 'service', service: spec.service }],
        ['other-service', { kind: 'service', service: spec.service === 'ec2.amazonaws.com' ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com' }],
      ];
  }
}

/** Host -> issuer name, for readable ids. */
export function issuerNamesOf(model: Model): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of model.accounts) for (const p of a.oidcProviders) out.set(p.host, p.issuer);
  return out;
}

/** An account id that is not in the spec, for "the right role name in another account". */
export function outsideAccount(model: Model): string {
  const ids = new Set(model.accounts.map((a) => a.id));
  for (let n = 999999999999; ; n--) if (!ids.has(String(n))) return String(n);
}

/** Every identity derived from the spec, deduplicated by caller, in spec order. */
export function deriveIdentities(model: Model): Identity[] {
  const names = issuerNamesOf(model);
  const other = outsideAccount(model);
  const byId = new Map<string, { caller: Caller; origins: Origin[] }>();
  for (const account of model.accounts) {
    for (const role of account.roles) {
      role.trust.forEach((t, trustIndex) => {
        for (const [variant, caller] of fromTrust(t, other)) {
          const id = identityId(caller, names);
          const entry = byId.get(id) ?? { caller, origins: [] };
          entry.origins.push({ role: `${account.name}/${role.name}`, trustIndex, variant });
          byId.set(id, entry);
        }
      });
    }
  }
  return [...byId].map(([id, e]) => ({ id, caller: e.caller, origins: e.origins }));
}

/** The request an identity makes to assume a role in `accountId`. */
export function requestFor(caller: Caller, partition: string, accountId: string, roleArn: string): AccessRequest {
  switch (caller.kind) {
    case 'aws':
      return { principal: { type: 'AWS', arn: caller.arn }, action: 'sts:AssumeRole', resource: roleArn, context: caller.context };
    case 'service':
      return { principal: { type: 'Service', id: caller.service }, action: 'sts:AssumeRole', resource: roleArn };
    case 'web-identity': {
      const provider = caller.issuerHost === GOOGLE_ISSUER ? GOOGLE_ISSUER : `arn:${partition}:iam::${accountId}:oidc-provider/${caller.issuerHost}`;
      const context = Object.fromEntries(Object.entries(caller.claims).map(([k, v]) => [`${caller.issuerHost}:${k}`, v]));
      return { principal: { type: 'Federated', id: provider }, action: 'sts:AssumeRoleWithWebIdentity', resource: roleArn, context };
    }
  }
}
