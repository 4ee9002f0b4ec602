/**
 * The identities the access check tries on every role: each workload the spec
 * declares, and near-misses generated around it that must not get in.
 *
 * An identity is what a caller presents, independent of the role it tries:
 * a web-identity token (issuer host and claims), an AWS principal ARN, or a
 * service principal. The same token used on roles in two accounts meets two
 * IAM OIDC providers; {@link requestFor} builds the request for one role.
 */
import { serviceAccountProject } from '../../trust/data-platform-project';
import { GOOGLE_ISSUER, type Model, type ResolvedTrust } from '../../model/types';
import {
  EXAMPLE_ENVIRONMENT,
  EXAMPLE_UUID,
  identityId,
  KUBERNETES_DEFAULT_AUDIENCE,
  otherIssuerHost,
  sessionArn,
  withClaim,
  type Caller,
  type Identity,
  type Origin,
  type Variant,
} from './caller';
import { withTrustControls } from './control-identities';
import { presetIdentities } from './preset-identities';
import type { AccessRequest } from '../evaluate/request';

export * from './caller';

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
        ['role-session', { kind: 'aws', arn: sessionArn(m[1], m[2], m[3]), context }],
        ['other-account', { kind: 'aws', arn: roleArn.replace(`::${m[2]}:`, `::${otherAccount}:`), context }],
      ];
      if (spec.externalId) {
        out.push(
          ['wrong-external-id', { kind: 'aws', arn: roleArn, context: { 'sts:ExternalId': `${spec.externalId}-other` } }],
          ['missing-external-id', { kind: 'aws', arn: roleArn }],
        );
      }
      return out;
    }
    case 'aws-account': {
      // Any role of the account (its own policies decide), the root itself, and the same role name elsewhere.
      const m = /^arn:([\w-]+):iam::(\d{12}):root$/.exec((t as Extract<ResolvedTrust, { rootArn: string }>).rootArn)!;
      const context = spec.externalId ? { 'sts:ExternalId': spec.externalId } : undefined;
      const anyRole = `arn:${m[1]}:iam::${m[2]}:role/any-role-of-the-account`;
      const out: [Variant, Caller][] = [
        ['workload', { kind: 'aws', arn: anyRole, context }],
        ['workload', { kind: 'aws', arn: `arn:${m[1]}:iam::${m[2]}:root`, context }],
        ['other-account', { kind: 'aws', arn: anyRole.replace(`::${m[2]}:`, `::${otherAccount}:`), context }],
      ];
      if (spec.externalId)
        out.push(
          ['wrong-external-id', { kind: 'aws', arn: anyRole, context: { 'sts:ExternalId': `${spec.externalId}-other` } }],
          ['missing-external-id', { kind: 'aws', arn: anyRole }],
        );
      return out;
    }
    case 'aws-service':
      return [
        ['workload', { kind: 'service', service: spec.service }],
        ['other-service', { kind: 'service', service: spec.service === 'ec2.amazonaws.com' ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com' }],
      ];
    default:
      return presetIdentities(t, otherAccount);
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
      const key = `${account.name}/${role.name}`;
      role.trust.forEach((t, trustIndex) => {
        for (const [variant, caller] of withTrustControls(t, fromTrust(t, other))) {
          const id = identityId(caller, names);
          let entry = byId.get(id);
          if (!entry) {
            // Frozen once kept (the request memos read only frozen callers); a caller already derived is dropped.
            if (caller.kind === 'web-identity') Object.freeze(Object.freeze(caller).claims);
            byId.set(id, (entry = { caller, origins: [] }));
          }
          entry.origins.push({ role: key, trustIndex, variant });
        }
      });
    }
  }
  return [...byId].map(([id, e]) => ({ id, caller: e.caller, origins: e.origins }));
}

/**
 * The request context a web-identity caller sends, whatever the role: a claim
 * is `<issuer>:<claim>`; a key with its own prefix (aws:SourceIp) is a global
 * key sent with the call. Memo: the access sweep tries each identity on several
 * roles, so each caller's context is built once, keyed by the caller object,
 * for a frozen caller with frozen claims ({@link deriveIdentities} freezes the
 * callers it derives), which cannot change; any other caller gets a fresh
 * context. The context is frozen, so `normalizeContext` keeps its normalized
 * form too.
 */
const webContexts = new WeakMap<Caller, Readonly<Record<string, string>>>();
function webIdentityContext(caller: Extract<Caller, { kind: 'web-identity' }>): Readonly<Record<string, string>> {
  const build = () => Object.freeze(Object.fromEntries(Object.entries(caller.claims).map(([k, v]) => [k.includes(':') ? k : `${caller.issuerHost}:${k}`, v])));
  if (!Object.isFrozen(caller) || !Object.isFrozen(caller.claims)) return build();
  let context = webContexts.get(caller);
  if (!context) webContexts.set(caller, (context = build()));
  return context;
}

/** The request an identity makes to assume a role in `accountId`. */
export function requestFor(caller: Caller, partition: string, accountId: string, roleArn: string): AccessRequest {
  switch (caller.kind) {
    case 'aws':
      return { principal: { type: 'AWS', arn: caller.arn }, action: 'sts:AssumeRole', resource: roleArn, context: caller.context };
    case 'service':
      return { principal: { type: 'Service', id: caller.service }, action: 'sts:AssumeRole', resource: roleArn, context: caller.context };
    case 'web-identity': {
      const provider = caller.issuerHost === GOOGLE_ISSUER ? GOOGLE_ISSUER : `arn:${partition}:iam::${accountId}:oidc-provider/${caller.issuerHost}`;
      return {
        principal: { type: 'Federated', id: provider },
        action: caller.action ?? 'sts:AssumeRoleWithWebIdentity',
        resource: roleArn,
        context: webIdentityContext(caller),
      };
    }
  }
}
