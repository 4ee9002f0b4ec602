/**
 * What a caller asks of IAM: who (the principal), what (the action), on what
 * (the resource) and the request context (condition keys and their values).
 */
import { pushTo } from '../../group-by';

/** The principal making the request, as IAM sees it. */
export type RequestPrincipal =
  /** An IAM role, a role session (`arn:aws:sts::ACC:assumed-role/NAME/SESSION`), a user or an account root. */
  | { readonly type: 'AWS'; readonly arn: string }
  /** A web-identity or SAML caller: the IAM OIDC provider ARN, or a built-in issuer such as `accounts.google.com`. */
  | { readonly type: 'Federated'; readonly id: string }
  /** An AWS service principal such as `s3.amazonaws.com`. */
  | { readonly type: 'Service'; readonly id: string };

/** A context value as given: one value, several, or a boolean/number written as such. */
export type ContextValue = string | boolean | number | readonly string[];

export interface AccessRequest {
  readonly principal?: RequestPrincipal;
  readonly action: string;
  /** The resource ARN; for a trust policy, the role being assumed. */
  readonly resource?: string;
  /** Condition keys as written (key names are matched case-insensitively). */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

/** Context keys by lower-case name, each with its values as strings. */
export type NormalizedContext = ReadonlyMap<string, readonly string[]>;

export function normalizeContext(context: Readonly<Record<string, ContextValue>> = EMPTY): NormalizedContext {
  // A context in the memo was frozen, values too, when it was filed, and stays so: no need to check again.
  let out = normalizedContexts.get(context);
  if (out) return out;
  if (!isFrozenContext(context)) return normalize(context);
  normalizedContexts.set(context, (out = normalize(context)));
  return out;
}

/**
 * Memo of {@link normalizeContext} for frozen contexts, by object: the access
 * sweep sends one identity's context (the same frozen object, see `requestFor`)
 * to several roles, and each check normalizes it for the trust, identity and
 * resource control policies. Only a frozen context whose values are frozen too
 * is kept (it cannot change, so the map stays equal to a fresh one); any other
 * context, e.g. one a library caller builds and changes between calls, is
 * normalized each time. The normalized map is read only.
 */
const normalizedContexts = new WeakMap<Readonly<Record<string, ContextValue>>, NormalizedContext>();
const EMPTY: Readonly<Record<string, ContextValue>> = Object.freeze({});
const isFrozenContext = (context: Readonly<Record<string, ContextValue>>) =>
  Object.isFrozen(context) && Object.values(context).every((v) => typeof v !== 'object' || Object.isFrozen(v));

function normalize(context: Readonly<Record<string, ContextValue>>): NormalizedContext {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(context)) {
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    const lower = key.toLowerCase();
    pushTo(out, lower, ...values);
  }
  return out;
}

const ROLE = /^arn:([\w-]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
const ANY_IAM = /^arn:([\w-]+):(?:iam|sts)::(\d{12}):/;

export interface AwsPrincipalParts {
  readonly partition: string;
  readonly account: string;
  readonly kind: 'role' | 'session' | 'other';
  /** The role name, for roles and role sessions. */
  readonly roleName?: string;
}

/** Account, partition and (for roles and sessions) role name of an AWS principal ARN. */
export function awsPrincipalParts(arn: string): AwsPrincipalParts | undefined {
  let m = ROLE.exec(arn);
  if (m) return { partition: m[1], account: m[2], kind: 'role', roleName: m[3] };
  m = SESSION.exec(arn);
  if (m) return { partition: m[1], account: m[2], kind: 'session', roleName: m[3] };
  m = ANY_IAM.exec(arn);
  if (m) return { partition: m[1], account: m[2], kind: 'other' };
  return undefined;
}

/** The action IAM checks when `principal` assumes a role. */
export function assumeAction(principal: RequestPrincipal): string {
  if (principal.type !== 'Federated') return 'sts:AssumeRole';
  return principal.id.includes(':saml-provider/') ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity';
}
