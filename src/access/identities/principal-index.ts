/**
 * Which identities can a role's trust policy possibly admit? The index files
 * every identity under the principals it presents (OIDC issuer host,
 * `accounts.google.com`, AWS account, role, ARN, service) and, below each,
 * under the values of its request context (`<host>:aud`, `sts:ExternalId`, ...).
 * A trust statement looks up its own principals, narrowed by its first plain
 * `StringEquals` condition: an identity outside those buckets fails the
 * principal or that condition, so the statement cannot apply to it.
 *
 * Never skipped: a `*` principal (or `AWS: "*"`) is looked up under every
 * principal; a document with anything the evaluator cannot read (no
 * principal, an unknown type, a wildcard ARN, ...) admits every identity as a
 * candidate. The soundness test holds the result equal to the brute force.
 */
import { parseOperator } from '../../policy/operators';
import type { NormalizedPolicy, NormalizedStatement } from '../../policy/iam-json';
import type { Caller } from './caller';
import { awsPrincipalParts } from '../evaluate/request';

/** Stands for "any principal": filed for every identity, looked up by `*` statements. */
const ANY = '*';
const ROOT = /^arn:[\w-]+:iam::(\d{12}):root$/;
const OIDC_PROVIDER = /^arn:[\w-]+:iam::\d{12}:oidc-provider\/(.+)$/;

/** A condition a caller must satisfy: one of `values` exactly, or a value starting with one of `prefixes`. */
export interface KeyTest {
  /** The context key, lower case. */
  readonly key: string;
  readonly values?: readonly string[];
  readonly prefixes?: readonly string[];
}

/** A lookup: principal buckets, and the conditions (ANDed) a caller must pass to be a candidate. */
export interface Lookup {
  readonly principals: readonly string[];
  readonly tests?: readonly KeyTest[];
}

/** The principal keys a caller presents (the request principal, whatever the role's account). */
export function callerKeys(caller: Caller): string[] {
  switch (caller.kind) {
    case 'web-identity':
      return [`fed:${caller.issuerHost}`];
    case 'service':
      return [`svc:${caller.service.toLowerCase()}`];
    case 'aws': {
      const parts = awsPrincipalParts(caller.arn);
      const out = [`arn:${caller.arn}`];
      if (parts) out.push(`acct:${parts.account}`);
      if (parts?.roleName) out.push(`role:${parts.account}/${parts.roleName}`);
      return out;
    }
  }
}

/** The request context of a caller, lower-case keys (as conditions compare them). */
export function callerContext(caller: Caller): [string, string][] {
  if (caller.kind === 'web-identity') return Object.entries(caller.claims).map(([k, v]) => [`${caller.issuerHost}:${k}`.toLowerCase(), v]);
  return Object.entries(caller.context ?? {}).map(([k, v]) => [k.toLowerCase(), v]);
}

/** The key of one identifier of a Principal element, or ANY. */
function principalKey(type: string, id: string): string | undefined {
  if (type === 'AWS') {
    if (id === '*') return ANY;
    if (/^\d{12}$/.test(id)) return `acct:${id}`;
    const root = ROOT.exec(id);
    if (root) return `acct:${root[1]}`;
    const parts = awsPrincipalParts(id);
    if (parts?.kind === 'role') return `role:${parts.account}/${parts.roleName}`;
    return `arn:${id}`;
  }
  if (type === 'Federated') return `fed:${OIDC_PROVIDER.exec(id)?.[1] ?? id}`;
  if (type === 'Service') return `svc:${id.toLowerCase()}`;
  // CanonicalUser names no caller of sts:AssumeRole*.
  return undefined;
}

/** The literal start of an IAM wildcard pattern: everything before the first `*` or `?`. */
export const literalPrefix = (pattern: string) => pattern.slice(0, pattern.search(/[*?]|$/));

/**
 * Plain positive `StringEquals` and `StringLike` conditions with literal
 * values: a caller that does not send one of the values (or a value with one
 * of the patterns' literal starts) fails them, so the statement cannot apply.
 */
function testsOf(s: NormalizedStatement): KeyTest[] {
  const out: KeyTest[] = [];
  for (const c of s.conditions) {
    const p = parseOperator(c.operator);
    if (!p.ok || p.op.set || p.op.ifExists || c.values.some((v) => v.includes('${'))) continue;
    if (p.op.baseName === 'StringEquals') out.push({ key: c.key.toLowerCase(), values: c.values });
    else if (p.op.baseName === 'StringLike') out.push({ key: c.key.toLowerCase(), prefixes: c.values.map(literalPrefix) });
  }
  return out;
}

/** What to look up for one statement. */
export function statementLookup(s: NormalizedStatement): Lookup {
  const tests = testsOf(s);
  if (s.principal === undefined || s.principal === '*') return { principals: [ANY], tests };
  const keys = new Set<string>();
  for (const [type, ids] of Object.entries(s.principal)) {
    for (const id of ids) {
      const key = principalKey(type, id);
      if (key) keys.add(key);
    }
  }
  // IAM reads `{"AWS": "*"}` like `"*"`: every caller, whatever its type.
  return keys.has(ANY) ? { principals: [ANY], tests } : { principals: [...keys], tests };
}

/** Lookups for a readable trust policy; undefined when its candidates cannot be placed (every identity is one). */
export function policyLookups(policy: NormalizedPolicy, problems: readonly string[]): Lookup[] | undefined {
  if (problems.length > 0) return undefined;
  return policy.statements.map(statementLookup);
}

/** Appends `n` to the list under `key`, once (numbers are filed in increasing order). */
function addTo<K>(map: Map<K, number[]>, key: K, n: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== n) list.push(n);
  } else map.set(key, [n]);
}

const NONE: readonly number[] = [];

/**
 * Numbers (identity or role positions) filed under principal keys and context values.
 * A bucket is a principal key, or a principal key with one context key and value:
 * nested maps, so a lookup builds no key text (it runs for every statement of every role).
 */
export class PrincipalIndex {
  private readonly plain = new Map<string, number[]>();
  /** principal -> context key -> value -> numbers. */
  private readonly valued = new Map<string, Map<string, Map<string, number[]>>>();
  private readonly everywhere: number[] = [];
  /** Each filed caller's context, by number. */
  private readonly contexts: Map<string, string>[] = [];

  private addValued(principal: string, key: string, value: string, n: number): void {
    let keys = this.valued.get(principal);
    if (!keys) this.valued.set(principal, (keys = new Map()));
    let values = keys.get(key);
    if (!values) keys.set(key, (values = new Map()));
    addTo(values, value, n);
  }

  private list(principal: string, key?: string, value?: string): readonly number[] {
    if (key === undefined) return this.plain.get(principal) ?? NONE;
    return this.valued.get(principal)?.get(key)?.get(value!) ?? NONE;
  }

  /** Files a caller under its principal keys and ANY, each plain and per context value. */
  fileCaller(n: number, caller: Caller): void {
    const context = callerContext(caller);
    this.contexts[n] = new Map(context);
    for (const p of [...callerKeys(caller), ANY]) {
      addTo(this.plain, p, n);
      for (const [k, v] of context) this.addValued(p, k, v, n);
    }
  }

  /** Files a lookup (a role's statement): under each principal, plain or per value of its first exact test. */
  fileLookup(n: number, lookup: Lookup): void {
    const exact = lookup.tests?.find((t) => t.values);
    for (const p of lookup.principals) {
      if (!exact) addTo(this.plain, p, n);
      else for (const v of exact.values!) this.addValued(p, exact.key, v, n);
    }
  }

  /** Files a number found by every query (an unplaceable document). */
  fileEverywhere(n: number): void {
    this.everywhere.push(n);
  }

  /** Whether caller `n` passes every test of a lookup. */
  private passes(n: number, tests: readonly KeyTest[]): boolean {
    const context = this.contexts[n];
    for (const t of tests) {
      const v = context.get(t.key);
      if (v === undefined) return false;
      if (t.values ? !t.values.includes(v) : !t.prefixes!.some((p) => v.startsWith(p))) return false;
    }
    return true;
  }

  /** Numbers filed by {@link fileCaller} that a lookup can reach: from its smallest buckets, filtered by its tests (in bucket order, a number once per bucket). */
  matchCallers(lookup: Lookup): number[] {
    const tests = lookup.tests ?? [];
    let best: (readonly number[])[] = lookup.principals.map((p) => this.list(p));
    let bestSize = total(best);
    for (const t of tests) {
      if (!t.values) continue;
      const lists: (readonly number[])[] = [];
      for (const p of lookup.principals) for (const v of t.values) lists.push(this.list(p, t.key, v));
      const size = total(lists);
      if (size < bestSize) [best, bestSize] = [lists, size];
    }
    const out: number[] = [];
    for (const list of best) for (const n of list) if (this.passes(n, tests)) out.push(n);
    return out;
  }

  /** Numbers filed by {@link fileLookup} that a caller can reach (a number may come more than once). */
  matchLookups(caller: Caller): number[] {
    const out = [...this.everywhere];
    const context = callerContext(caller);
    for (const p of [...callerKeys(caller), ANY]) {
      for (const n of this.list(p)) out.push(n);
      for (const [k, v] of context) for (const n of this.list(p, k, v)) out.push(n);
    }
    return out;
  }
}

const total = (lists: readonly (readonly number[])[]) => {
  let n = 0;
  for (const l of lists) n += l.length;
  return n;
};
