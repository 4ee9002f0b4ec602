/**
 * Identities derived from a trust policy document alone, with no spec: for
 * each principal of each statement, the caller it names and near-misses
 * around it (each condition value, each condition key left out or given a
 * value next to the right one, another OIDC provider, another service, the
 * same role name in another account). The equivalence proof tries every one
 * of them on two documents.
 */
import { byKey } from '../order';
import { otherIssuerHost, SESSION_NAME } from '../access/identities/caller';
import { readPolicy, type NormalizedStatement } from '../policy/iam-json';
import type { AccessRequest, RequestPrincipal } from '../access/evaluate/request';
import { pushTo } from '../group-by';
import { issuerOf } from '../input/issuers';
import { addressIn, addressOutside } from '../ip';

/** A caller and the context it sends, before the action is chosen. */
export interface DocumentIdentity {
  /** Stable, readable: the principal and the context. */
  readonly id: string;
  readonly principal: RequestPrincipal;
  readonly context: Readonly<Record<string, string>>;
}

/** An account id no export uses, for "the same role in another account". */
export const OUTSIDE_ACCOUNT = '999999999999';
/** A subject no trust policy names: a token of the issuer for some other workload. */
export const ANY_SUBJECT = 'near-miss:any-other-workload';

/** The `sub` of a token the issuer mints for an unrelated workload, in the issuer's own format. */
export function unrelatedSubject(host: string): string {
  const { kind } = issuerOf(host);
  if (kind === 'eks') return 'system:serviceaccount:unrelated-namespace:unrelated-service-account';
  if (kind === 'github') return 'repo:unrelated-owner/unrelated-repo:ref:refs/heads/main';
  return ANY_SUBJECT;
}

/** A value that matches a pattern: `*` filled with an example word, `?` with one character. */
const fill = (pattern: string) => pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');

function identityId(principal: RequestPrincipal, context: Readonly<Record<string, string>>): string {
  const who = principal.type === 'AWS' ? principal.arn : `${principal.type} ${principal.id}`;
  const sent = byKey(Object.entries(context)).map(([k, v]) => `${k}=${v}`);
  return [who, ...sent].join(' ');
}

/** Values to try for one condition key: each policy value (patterns filled in, and as written) and near-misses. */
function candidates(values: readonly string[]): { right: string[]; wrong: string[] } {
  const right = [...new Set(values.flatMap((v) => (/[*?]/.test(v) ? [fill(v), v] : [v])))];
  const first = right[0] ?? 'value';
  const wrong = [
    `${first}-other`,
    `other-${first}`,
    first.length > 1 ? first.slice(0, -1) : 'x',
    first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
  ];
  return { right, wrong: wrong.filter((w) => !right.includes(w)) };
}

/** Addresses to try for IP blocks: the first address of each block, and the one after each block's last. */
function ipCandidates(blocks: readonly string[]): { right: string[]; wrong: string[] } {
  const right = [...new Set(blocks.map(addressIn).filter((a): a is string => a !== undefined))];
  const wrong = [...new Set([...blocks.map(addressOutside).filter((a): a is string => a !== undefined), '192.0.2.1', '2001:db8::1'])];
  return { right: right.length > 0 ? right : ['192.0.2.1'], wrong: wrong.filter((w) => !right.includes(w)) };
}

/** Context variants over the statement's condition keys: all right, each value of each key, each key wrong, each key missing. */
function contexts(statement: NormalizedStatement, extraKeys: Readonly<Record<string, string>>): Record<string, string>[] {
  const byKey = new Map<string, string[]>();
  const ip = new Set<string>();
  for (const c of statement.conditions) {
    if (/^Null$/i.test(c.operator)) {
      if (!byKey.has(c.key)) byKey.set(c.key, []);
      continue;
    }
    if (/IpAddress/i.test(c.operator)) ip.add(c.key);
    pushTo(byKey, c.key, ...c.values);
  }
  const keys = new Map([...byKey].map(([k, vs]) => [k, ip.has(k) ? ipCandidates(vs) : candidates(vs.length > 0 ? vs : ['present'])]));
  const base: Record<string, string> = { ...extraKeys };
  for (const [k, c] of keys) base[k] = c.right[0];
  const out: Record<string, string>[] = [base];
  for (const [k, c] of keys) {
    for (const v of [...c.right.slice(1), ...c.wrong]) out.push({ ...base, [k]: v });
    const { [k]: _gone, ...without } = base;
    out.push(without);
  }
  return out;
}

const OIDC_PROVIDER = /^(arn:[\w-]+:iam::\d{12}:oidc-provider\/)(.+)$/;
const ROLE = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const ROOT = /^(?:arn:([\w-]+):iam::(\d{12}):root|(\d{12}))$/;

function federatedIdentities(id: string, statement: NormalizedStatement): DocumentIdentity[] {
  const m = OIDC_PROVIDER.exec(id);
  const host = m ? m[2] : id;
  const hasKey = (claim: string) => statement.conditions.some((c) => c.key.toLowerCase() === `${host}:${claim}`.toLowerCase());
  // Tokens always carry sub and aud: give them values the statement does not name when it names none.
  const extra: Record<string, string> = {};
  if (!hasKey('sub')) extra[`${host}:sub`] = ANY_SUBJECT;
  if (!hasKey('aud')) extra[`${host}:aud`] = 'sts.amazonaws.com';
  const out: DocumentIdentity[] = [];
  for (const context of contexts(statement, extra)) {
    out.push(make({ type: 'Federated', id }, context));
    if (context[`${host}:sub`] === undefined) continue;
    for (const sub of new Set([ANY_SUBJECT, unrelatedSubject(host)])) out.push(make({ type: 'Federated', id }, { ...context, [`${host}:sub`]: sub }));
  }
  // The same claims from another issuer.
  const other = otherIssuerHost(host);
  const otherId = m ? `${m[1]}${other}` : other;
  const base = contexts(statement, extra)[0];
  out.push(
    make(
      { type: 'Federated', id: otherId },
      Object.fromEntries(Object.entries(base).map(([k, v]) => [k.startsWith(`${host}:`) ? `${other}:${k.slice(host.length + 1)}` : k, v])),
    ),
  );
  return out;
}

function awsIdentities(id: string, statement: NormalizedStatement): DocumentIdentity[] {
  const arns: string[] = [];
  const role = ROLE.exec(id);
  const root = ROOT.exec(id);
  if (role) {
    const [, partition, account, name] = role;
    arns.push(
      id,
      `arn:${partition}:sts::${account}:assumed-role/${name}/${SESSION_NAME}`,
      id.replace(`::${account}:`, `::${account === OUTSIDE_ACCOUNT ? '999999999998' : OUTSIDE_ACCOUNT}:`),
    );
  } else if (root) {
    const partition = root[1] ?? 'aws';
    const account = root[2] ?? root[3];
    arns.push(
      `arn:${partition}:iam::${account}:role/any-role-of-the-account`,
      `arn:${partition}:iam::${account}:root`,
      `arn:${partition}:iam::${OUTSIDE_ACCOUNT}:role/any-role-of-the-account`,
    );
  } else if (id === '*') {
    arns.push(`arn:aws:iam::${OUTSIDE_ACCOUNT}:role/anyone`);
  } else {
    arns.push(id);
  }
  return arns.flatMap((arn) => contexts(statement, {}).map((context) => make({ type: 'AWS', arn }, context)));
}

function serviceIdentities(id: string, statement: NormalizedStatement): DocumentIdentity[] {
  const other = id.toLowerCase() === 'ec2.amazonaws.com' ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com';
  return [
    ...contexts(statement, {}).map((context) => make({ type: 'Service', id }, context)),
    make({ type: 'Service', id: other }, contexts(statement, {})[0]),
  ];
}

function make(principal: RequestPrincipal, context: Readonly<Record<string, string>>): DocumentIdentity {
  return { id: identityId(principal, context), principal, context };
}

/** Every identity derived from a trust policy, deduplicated, in document order. */
export function documentIdentities(trust: unknown): DocumentIdentity[] {
  const policy = readPolicy(trust);
  const out = new Map<string, DocumentIdentity>();
  for (const s of policy.statements) {
    const principal = s.principal;
    if (principal === undefined) continue;
    const found: DocumentIdentity[] = [];
    if (principal === '*') found.push(...awsIdentities('*', s));
    else {
      for (const id of principal.Federated ?? []) found.push(...federatedIdentities(id, s));
      for (const id of principal.AWS ?? []) found.push(...awsIdentities(id, s));
      for (const id of principal.Service ?? []) found.push(...serviceIdentities(id, s));
    }
    for (const i of found) if (!out.has(i.id)) out.set(i.id, i);
  }
  return [...out.values()];
}

/** The request an identity makes for `action` on the role. */
export function identityRequest(identity: DocumentIdentity, action: string, roleArn: string): AccessRequest {
  return { principal: identity.principal, action, resource: roleArn, context: identity.context };
}
