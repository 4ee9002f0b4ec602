/**
 * One exported trust policy -> the spec's trust entries that reproduce it, or
 * the reason the spec cannot. Only exact forms are mapped here; the
 * equivalence proof afterwards decides whether the synthesized policy grants
 * the same access, so a mapping that is not exact is caught either way.
 */
import { readPolicy, type ConditionEntry, type NormalizedStatement } from '../policy/iam-json';
import { GOOGLE_ISSUER } from '../model/types';
import type { SpecInput } from '../input/schema';
import { K8S_NAME, K8S_NAMESPACE } from '../input/primitives/patterns';
import { CONDITION_OPERATORS, GLOBAL_CONDITION_KEY, IP_CONDITION_KEY, IP_OPERATORS, type ExtraCondition } from '../input/trust-types/controls';
import { ORGANIZATION_ID } from '../input/primitives/patterns';
import { parseBlock } from '../ip';
import { UUID_PATTERN } from '../trust/data-platform-project';
import { POD_IDENTITY_SERVICE } from '../trust/eks-pod-identity';
import { issuerOf } from '../input/issuers';

type RoleInput = NonNullable<SpecInput['accounts'][number]['roles']>[number];
export type TrustInput = RoleInput['trust'][number];

/** Looks up (or registers) the spec issuer for an OIDC host and the audience a trust pins (undefined: none). */
export type IssuerLookup = (host: string, audience: string | undefined) => { readonly name: string } | { readonly reason: string };

export interface TrustImportContext {
  readonly accountId: string;
  readonly issuer: IssuerLookup;
}

export type TrustImport = { readonly trust: TrustInput[] } | { readonly reason: string };

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameActions = (s: NormalizedStatement, want: readonly string[]) =>
  s.action !== undefined && s.action.length === want.length && want.every((w) => s.action!.some((a) => eq(a, w)));
const isOp = (c: ConditionEntry, op: string) => eq(c.operator, op);

const OIDC_ARN = /^arn:[\w-]+:iam::(\d{12}):oidc-provider\/(.+)$/;
const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;
const DATA_PLATFORM = new RegExp(
  `^system:serviceaccount:([a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]|\\*):([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])-${UUID_PATTERN.replace(/\?/g, '\\?')}$`,
);
const GITHUB_SUB = /^repo:([A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}):(ref:refs\/heads\/([^\s~^:\\[]+)|environment:([^*?:]+)|pull_request|\*)$/;

const describe = (c: ConditionEntry) => `${c.operator} ${c.key}`;

/**
 * Conditions beyond what a trust type pins, as the entry's extra `conditions`
 * (a positive operator on a global key, or on a claim of `host`), or the
 * reason the spec cannot write one. `aws:SourceAccount` / `aws:SourceArn` on
 * a service trust, AWS's advice against the confused deputy, come this way.
 */
function extraConditions(list: readonly ConditionEntry[], host?: string): { conditions: ExtraCondition[] } | { reason: string } {
  const out: ExtraCondition[] = [];
  for (const c of list) {
    const test = CONDITION_OPERATORS.find((op) => eq(op, c.operator));
    const claim = host !== undefined && c.key.toLowerCase().startsWith(`${host.toLowerCase()}:`) ? c.key.slice(host.length + 1) : undefined;
    const global = GLOBAL_CONDITION_KEY.test(c.key) ? c.key : undefined;
    if (!test || (claim === undefined && global === undefined) || claim === 'sub' || claim === 'aud') {
      return {
        reason: `the condition ${describe(c)} cannot be expressed by the spec (an extra condition takes ${CONDITION_OPERATORS.join(', ')} on a global key such as aws:SourceAccount${host ? ` or a claim of ${host}` : ''})`,
      };
    }
    if (IP_OPERATORS.includes(test) && (global === undefined || !IP_CONDITION_KEY.test(global) || c.values.some((v) => parseBlock(v) === undefined))) {
      return { reason: `the condition ${describe(c)} is not on aws:SourceIp or aws:VpcSourceIp with CIDR blocks, the only IP condition the spec writes` };
    }
    if (c.values.some((v) => v.includes('${') || v.length === 0 || v.length > 1024))
      return { reason: `the condition ${describe(c)} has a value the spec refuses in an extra condition (empty, over 1024 characters, or with "\${")` };
    out.push(global !== undefined ? { test, key: global, values: [...c.values] } : { test, claim: claim!, values: [...c.values] });
  }
  return { conditions: out };
}

const withConditions = <T extends TrustInput>(entry: T, conditions: readonly ExtraCondition[]): T =>
  conditions.length > 0 ? { ...entry, conditions: [...conditions] } : entry;

/** `sub` and `aud` of one OIDC statement, or the reason the spec cannot say it. */
function oidcClaims(
  s: NormalizedStatement,
  host: string,
): { subjects: string[]; exact: boolean; audience?: string; conditions: ExtraCondition[] } | { reason: string } {
  const sub = s.conditions.filter((c) => eq(c.key, `${host}:sub`));
  const aud = s.conditions.filter((c) => eq(c.key, `${host}:aud`));
  const extra = extraConditions(
    s.conditions.filter((c) => !sub.includes(c) && !aud.includes(c)),
    host,
  );
  if ('reason' in extra) return extra;
  if (aud.length > 1 || (aud.length === 1 && (!isOp(aud[0], 'StringEquals') || aud[0].values.length !== 1))) {
    return { reason: `the audience condition ${aud.map(describe).join(', ')} is not one StringEquals value, which is the only form the spec writes` };
  }
  // No sub: every workload of the issuer can assume the role. Imported as it is (anySubject: true, TRUST003 suppressed).
  if (sub.length === 0) return { subjects: [], exact: true, audience: aud[0]?.values[0], conditions: extra.conditions };
  if (sub.length > 1) return { reason: `${sub.map(describe).join(' and ')} both constrain the subject, which the spec cannot express` };
  const [c] = sub;
  if (isOp(c, 'StringEquals')) {
    if (c.values.some((v) => /[*?]/.test(v)))
      return { reason: `StringEquals ${c.key} has a value with * or ?, which matches only itself; the spec would write it as a pattern (TRUST007)` };
    return { subjects: [...c.values], exact: true, audience: aud[0]?.values[0], conditions: extra.conditions };
  }
  if (isOp(c, 'StringLike')) return { subjects: [...c.values], exact: false, audience: aud[0]?.values[0], conditions: extra.conditions };
  return { reason: `the subject condition ${describe(c)} uses an operator the spec cannot write (only StringEquals and StringLike)` };
}

/** The most specific trust entry for the subjects of one provider; none (no sub condition) is web-identity's anySubject. */
function oidcEntry(host: string, issuer: string, subjects: string[], exact: boolean): TrustInput {
  if (subjects.length === 0) return { type: 'web-identity', issuers: [{ issuer, anySubject: true }] };
  if (subjects.length === 1) {
    const k8s = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subjects[0]);
    if (k8s && K8S_NAMESPACE.test(k8s[1]) && K8S_NAME.test(k8s[2]))
      return { type: 'kubernetes-service-account', issuer, namespace: k8s[1], serviceAccount: k8s[2] };
    const dp = !exact ? DATA_PLATFORM.exec(subjects[0]) : null;
    if (dp)
      return dp[1] === '*'
        ? { type: 'data-platform-project', issuer, project: dp[2], allEnvironments: true }
        : { type: 'data-platform-project', issuer, project: dp[2], environment: dp[1] };
  }
  if (issuerOf(host).kind === 'github') {
    const parsed = subjects.map((s) => GITHUB_SUB.exec(s));
    const repos = new Set(parsed.map((m) => m?.[1]));
    if (parsed.every((m) => m !== null) && repos.size === 1) {
      const all = parsed.some((m) => m![2] === '*');
      const branches = parsed.flatMap((m) => (m![3] ? [m![3]] : []));
      // A branch pattern is written with StringLike: only then is `*` in it a wildcard.
      if (!all || subjects.length === 1) {
        return all
          ? { type: 'github-actions', issuer, repository: [...repos][0]!, allRefs: true }
          : {
              type: 'github-actions',
              issuer,
              repository: [...repos][0]!,
              branches,
              environments: parsed.flatMap((m) => (m![4] ? [m![4]] : [])),
              pullRequests: parsed.some((m) => m![2] === 'pull_request'),
            };
      }
    }
  }
  return { type: 'web-identity', issuers: [{ issuer, subjects }] };
}

const SAML_ARN = /^arn:[\w-]+:iam::\d{12}:saml-provider\/(.+)$/;

function federatedStatement(s: NormalizedStatement, ids: readonly string[], ctx: TrustImportContext): TrustImport {
  const saml = ids.map((id) => SAML_ARN.exec(id)).find((m) => m !== null);
  if (saml) return { reason: `a SAML trust (the SAML provider ${saml[1]}, sts:AssumeRoleWithSAML): the spec has no SAML trust type, so it cannot write it` };
  if (!sameActions(s, ['sts:AssumeRoleWithWebIdentity']))
    return {
      reason: `a web-identity statement with actions ${JSON.stringify(s.action ?? s.notAction)}; the spec writes exactly sts:AssumeRoleWithWebIdentity`,
    };
  if (ids.length !== 1)
    return { reason: `one statement trusts several identity providers (${ids.join(', ')}) under one set of conditions, which the spec cannot express` };
  const [id] = ids;
  if (id === GOOGLE_ISSUER) {
    const aud = s.conditions.filter((c) => eq(c.key, `${GOOGLE_ISSUER}:aud`));
    const sub = s.conditions.filter((c) => eq(c.key, `${GOOGLE_ISSUER}:sub`));
    const other = s.conditions.filter((c) => !aud.includes(c) && !sub.includes(c));
    const one = (list: ConditionEntry[]) => list.length === 1 && isOp(list[0], 'StringEquals') && list[0].values.length === 1;
    if (other.length > 0 || !one(aud) || (sub.length > 0 && (!one(sub) || sub[0].values[0] !== aud[0].values[0])) || !/^\d{10,30}$/.test(aud[0].values[0])) {
      return { reason: 'the accounts.google.com conditions are not StringEquals aud (and sub) = one service account unique id, the only form the spec writes' };
    }
    return { trust: [{ type: 'google-service-account', uniqueId: aud[0].values[0], requireSubject: sub.length > 0 }] };
  }
  const m = OIDC_ARN.exec(id);
  if (!m) return { reason: `the federated principal "${id}" is not an IAM OIDC provider ARN or accounts.google.com` };
  if (m[1] !== ctx.accountId)
    return { reason: `the OIDC provider ${id} is in account ${m[1]}, not the role's own; the spec trusts the provider of the role's account` };
  const host = m[2];
  const claims = oidcClaims(s, host);
  if ('reason' in claims) return claims;
  const issuer = ctx.issuer(host, claims.audience);
  if ('reason' in issuer) return issuer;
  const entry = withConditions(oidcEntry(host, issuer.name, claims.subjects, claims.exact), claims.conditions);
  if (claims.audience !== undefined) return { trust: [entry] };
  // No aud: the data platform's documents write it so; the spec says it with pinAudience: false (TRUST002).
  if (entry.type === 'data-platform-project' || entry.type === 'kubernetes-service-account') return { trust: [{ ...entry, pinAudience: false }] };
  // Any other trust without aud is written as it is: web-identity, its issuer with pinAudience: false.
  const unpinned: TrustInput =
    entry.type === 'web-identity'
      ? { ...entry, issuers: entry.issuers.map((i) => ({ ...i, pinAudience: false as const })) }
      : withConditions({ type: 'web-identity', issuers: [{ issuer: issuer.name, subjects: claims.subjects, pinAudience: false }] }, claims.conditions);
  return { trust: [unpinned] };
}

function awsStatement(s: NormalizedStatement, ids: readonly string[]): TrustImport {
  if (!sameActions(s, ['sts:AssumeRole']))
    return { reason: `an AWS-principal statement with actions ${JSON.stringify(s.action ?? s.notAction)}; the spec writes exactly sts:AssumeRole` };
  const ext = s.conditions.filter((c) => eq(c.key, 'sts:ExternalId'));
  // Every principal of one organization: AWS "*" with one StringEquals aws:PrincipalOrgID (the aws-organization entry).
  const org = s.conditions.filter(
    (c) => eq(c.key, 'aws:PrincipalOrgID') && isOp(c, 'StringEquals') && c.values.length === 1 && ORGANIZATION_ID.test(c.values[0]),
  );
  if (ids.length === 1 && ids[0] === '*' && org.length === 1 && ext.length === 0) {
    const extra = extraConditions(s.conditions.filter((c) => c !== org[0]));
    if ('reason' in extra) return extra;
    return { trust: [withConditions({ type: 'aws-organization', organizationId: org[0].values[0] }, extra.conditions)] };
  }
  const extra = extraConditions(s.conditions.filter((c) => !ext.includes(c)));
  if ('reason' in extra) return extra;
  if (ext.length > 1 || (ext.length === 1 && (!isOp(ext[0], 'StringEquals') || ext[0].values.length !== 1))) {
    return { reason: `the external-id condition ${ext.map(describe).join(', ')} is not one StringEquals value, the only form the spec writes` };
  }
  const externalId = ext[0]?.values[0];
  const trust: TrustInput[] = [];
  for (const id of ids) {
    if (id === '*') return { reason: 'Principal AWS "*" lets any AWS principal in; the spec cannot express it (TRUST013)' };
    const root = /^(?:arn:[\w-]+:iam::(\d{12}):root|(\d{12}))$/.exec(id);
    if (root) {
      // A whole account, as the Airflow document's "role for another account" writes it (TRUST014).
      trust.push(withConditions({ type: 'aws-account', accountId: root[1] ?? root[2], ...(externalId !== undefined ? { externalId } : {}) }, extra.conditions));
      continue;
    }
    if (!ROLE_ARN.test(id))
      return { reason: `the AWS principal "${id}" is not a role; the spec trusts roles only (a user would become a new IAM user with an access key)` };
    trust.push(withConditions({ type: 'aws-role', role: id, ...(externalId !== undefined ? { externalId } : {}) }, extra.conditions));
  }
  return { trust };
}

/**
 * A service trust. EKS Pod Identity's (`pods.eks.amazonaws.com`, sts:AssumeRole
 * and sts:TagSession) is written as it is, an aws-service entry with
 * `sessionTags: true` and its conditions (aws:RequestTag/eks-cluster-arn,
 * aws:SourceAccount, ...) as extra conditions: the spec's eks-pod-identity
 * type also creates the association, which an IAM export does not show, and
 * adopting would create a second one. The associations stay as they are.
 */
function serviceStatement(s: NormalizedStatement, ids: readonly string[]): TrustImport {
  const pods = ids.some((id) => eq(id, POD_IDENTITY_SERVICE));
  if (pods && ids.length > 1)
    return {
      reason: `${POD_IDENTITY_SERVICE} shares one statement with ${ids.filter((id) => !eq(id, POD_IDENTITY_SERVICE)).join(', ')}, which the spec cannot express`,
    };
  if (pods && !sameActions(s, ['sts:AssumeRole', 'sts:TagSession']))
    return {
      reason: `a ${POD_IDENTITY_SERVICE} statement with actions ${JSON.stringify(s.action ?? s.notAction)}; the spec writes exactly sts:AssumeRole and sts:TagSession for it`,
    };
  if (!pods && !sameActions(s, ['sts:AssumeRole']))
    return { reason: `a service statement with actions ${JSON.stringify(s.action ?? s.notAction)}; the spec writes exactly sts:AssumeRole` };
  const extra = extraConditions(s.conditions);
  if ('reason' in extra) return { reason: `on a service principal, ${extra.reason}` };
  const bad = ids.find((id) => !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(id));
  if (bad) return { reason: `the service principal "${bad}" is not of the form <service>.amazonaws.com` };
  return { trust: ids.map((service) => withConditions({ type: 'aws-service' as const, service, ...(pods ? { sessionTags: true } : {}) }, extra.conditions)) };
}

/** The trust entries that reproduce an exported trust policy, or the first reason they cannot. */
export function importTrust(trust: unknown, ctx: TrustImportContext): TrustImport {
  const policy = readPolicy(trust);
  if (policy.problems.length > 0) return { reason: `the trust policy cannot be read: ${policy.problems.join('; ')}` };
  const out: TrustInput[] = [];
  for (const s of policy.statements) {
    const at = `statement ${s.index}${s.sid ? ` (${s.sid})` : ''}`;
    const fail = (reason: string): TrustImport => ({ reason: `${at}: ${reason}` });
    if (s.problems.length > 0) return fail(s.problems.join('; '));
    if (s.effect !== 'Allow') return fail('a Deny statement cannot be expressed by the spec');
    if (s.resource || s.notResource) return fail('a trust statement with Resource cannot be expressed by the spec (TRUST013)');
    if (s.principal === undefined) return fail('the statement has no Principal');
    if (s.principal === '*') {
      const org = s.conditions.some((c) => eq(c.key, 'aws:PrincipalOrgID'));
      return fail(
        org
          ? 'Principal "*" pinned to an organization: the spec writes that trust as {"AWS": "*"} (aws-organization), the same access but another document to Terraform, so adopting would update it; write the trust as {"AWS": "*"}, export again, and import'
          : 'Principal "*" lets anyone in; the spec cannot express it (TRUST013)',
      );
    }
    const types = Object.keys(s.principal).filter((t) => s.principal !== '*' && (s.principal as Record<string, readonly string[]>)[t].length > 0);
    // Several principal types under shared conditions are not the same as separate statements, unless there are none.
    if (types.length > 1 && s.conditions.length > 0)
      return fail(`one statement names principals of several types (${types.join(', ')}) under shared conditions, which the spec cannot express`);
    for (const type of types) {
      const ids = (s.principal as Record<string, readonly string[]>)[type];
      const result =
        type === 'Federated'
          ? federatedStatement(s, ids, ctx)
          : type === 'AWS'
            ? awsStatement(s, ids)
            : type === 'Service'
              ? serviceStatement(s, ids)
              : { reason: `principal type ${type} cannot be expressed by the spec` };
      if ('reason' in result) return fail(result.reason);
      out.push(...result.trust);
    }
  }
  if (out.length === 0) return { reason: 'the trust policy has no statement' };
  return { trust: out };
}
