/**
 * Policy documents in the shape of Terraform's `aws_iam_policy_document` data
 * source (statements with principals and condition blocks), plus the IAM JSON
 * that AWS sees. Everything here is plain data: no Terraform, no cdktf.
 */
import { byCodePoint, byKey } from '../order';
import { pushTo } from '../group-by';
import { statementList } from './iam-json';

export type Effect = 'Allow' | 'Deny';
export type PrincipalType = 'AWS' | 'Federated' | 'Service';

export interface Principal {
  readonly type: PrincipalType;
  readonly identifiers: readonly string[];
}

export interface Condition {
  /** The condition operator, e.g. `StringEquals`. */
  readonly test: string;
  /** The context key, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub`. */
  readonly variable: string;
  /** Values under one key are ORed. */
  readonly values: readonly string[];
  /**
   * The operator the trust builder or the spec wrote, when the resolver chose `test` instead (an exact-match
   * `StringLike` is written `StringEquals`: src/model/exact-match.ts); absent when `test` is as written. No
   * renderer writes it; the lint pack reports the choice (TRUST008).
   */
  readonly written?: string;
}

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  readonly resources?: readonly string[];
  readonly principals?: readonly Principal[];
  readonly conditions?: readonly Condition[];
}

export interface PolicyDocument {
  readonly statements: readonly Statement[];
}

/** IAM JSON, as `jsonencode`d by AWS: single values may be strings. */
export interface IamPolicy {
  Version: '2012-10-17' | '2008-10-17';
  Statement: IamStatement[];
}
type OneOrMany = string | string[];
export interface IamStatement {
  Sid?: string;
  Effect: Effect;
  Action?: OneOrMany;
  NotAction?: OneOrMany;
  Resource?: OneOrMany;
  NotResource?: OneOrMany;
  Principal?: '*' | Partial<Record<PrincipalType | 'CanonicalUser', OneOrMany>>;
  NotPrincipal?: '*' | Partial<Record<PrincipalType | 'CanonicalUser', OneOrMany>>;
  Condition?: Record<string, Record<string, OneOrMany | boolean>>;
}

const one = (values: readonly string[]): OneOrMany => (values.length === 1 ? values[0] : [...values]);

/** Renders a document as IAM JSON the way the AWS provider does: one value stays a string. */
export function toIamPolicy(doc: PolicyDocument): IamPolicy {
  return {
    Version: '2012-10-17',
    Statement: doc.statements.map((s) => {
      const out: IamStatement = { Effect: s.effect, Action: one(s.actions) };
      if (s.sid) out.Sid = s.sid;
      if (s.resources?.length) out.Resource = one(s.resources);
      if (s.principals?.length) {
        const principal: Partial<Record<PrincipalType, OneOrMany>> = {};
        for (const p of s.principals) principal[p.type] = one(p.identifiers);
        out.Principal = principal;
      }
      if (s.conditions?.length) {
        const cond: Record<string, Record<string, OneOrMany>> = {};
        // Blocks with one operator and key become one list, as the AWS provider writes them (an OR);
        // exact-conditions.ts keeps the generator from writing such blocks.
        for (const c of s.conditions) {
          const block = (cond[c.test] ??= {});
          const before = Object.hasOwn(block, c.variable) ? [block[c.variable]].flat() : [];
          block[c.variable] = one([...before, ...c.values.filter((v) => !before.includes(v))]);
        }
        out.Condition = cond;
      }
      return out;
    }),
  };
}

const sorted = (xs: readonly string[]) => [...new Set(xs)].sort(byCodePoint);
/** Whether two value lists hold the same values, in any order and with any repeats. */
export const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => sorted(a).join('\u0000') === sorted(b).join('\u0000');

function principalKey(ps: readonly Principal[] = []): string {
  return ps
    .map((p) => `${p.type}=${sorted(p.identifiers).join(',')}`)
    .sort(byCodePoint)
    .join(';');
}

/** The (operator, key) a condition block tests: keys compare case-insensitively, as IAM reads them. */
export function conditionKey(c: Pick<Condition, 'test' | 'variable'>): string {
  return `${c.test}\u0000${c.variable.toLowerCase()}`;
}

function shellKey(s: Statement): string {
  return [s.effect, sorted(s.actions).join(','), sorted(s.resources ?? []).join(',')].join('|');
}

/** Two condition lists that differ in the values of exactly one (operator, key), or not at all. */
function conditionsDifferInOneKey(a: readonly Condition[], b: readonly Condition[]): Condition | 'same' | undefined {
  if (a.length !== b.length) return undefined;
  const bByKey = new Map(b.map((c) => [conditionKey(c), c]));
  let differing: Condition | undefined;
  for (const c of a) {
    const other = bByKey.get(conditionKey(c));
    if (!other) return undefined;
    if (!sameSet(c.values, other.values)) {
      if (differing) return undefined;
      differing = c;
    }
  }
  return differing ?? 'same';
}

function unionPrincipals(a: readonly Principal[], b: readonly Principal[]): Principal[] {
  const byType = new Map<PrincipalType, string[]>();
  for (const p of [...a, ...b]) pushTo(byType, p.type, ...p.identifiers);
  return [...byType].map(([type, identifiers]) => ({ type, identifiers: sorted(identifiers) }));
}

/**
 * Merges Allow statements without changing what they allow:
 * - same conditions, different principals: one statement naming all principals;
 * - same principals, conditions differing only in one key's values: one statement
 *   whose condition lists all values (values under one key are ORed).
 * Repeats until nothing merges; the order of first appearance is kept.
 */
export function mergeStatements(input: readonly Statement[]): Statement[] {
  const out: Statement[] = [];
  for (const next of input) {
    let merged = next;
    for (let changed = true; changed;) {
      changed = false;
      for (let i = 0; i < out.length; i++) {
        const combined = tryMerge(out[i], merged);
        if (combined) {
          merged = combined;
          out.splice(i, 1);
          changed = true;
          break;
        }
      }
    }
    out.push(merged);
  }
  return out;
}

function tryMerge(a: Statement, b: Statement): Statement | undefined {
  if (a.effect !== 'Allow' || b.effect !== 'Allow' || a.sid !== b.sid || shellKey(a) !== shellKey(b)) return undefined;
  const ac = a.conditions ?? [];
  const bc = b.conditions ?? [];
  const diff = conditionsDifferInOneKey(ac, bc);
  if (diff === undefined) return undefined;
  const samePrincipals = principalKey(a.principals) === principalKey(b.principals);
  if (diff === 'same') {
    return samePrincipals ? a : { ...a, principals: unionPrincipals(a.principals ?? [], b.principals ?? []) };
  }
  if (!samePrincipals) return undefined;
  const key = conditionKey(diff);
  return {
    ...a,
    conditions: ac.map((c) => {
      if (conditionKey(c) !== key) return c;
      const other = bc.find((x) => conditionKey(x) === key)!;
      return { ...c, values: [...c.values, ...other.values.filter((v) => !c.values.includes(v))] };
    }),
  };
}

/** A canonical form for comparing IAM JSON: every one-or-many as a sorted array, statements sorted. */
export function normalizeIamPolicy(policy: unknown): unknown {
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string') return [v];
    if (Array.isArray(v)) return [...v].map(String).sort(byCodePoint);
    if (v && typeof v === 'object') return Object.fromEntries(byKey(Object.entries(v)).map(([k, x]) => [k, norm(x)]));
    return v;
  };
  const p = policy as { Version?: string; Statement?: unknown };
  const statements = statementList(p) as Record<string, unknown>[];
  return {
    Version: p.Version,
    Statement: statements
      .map((s: Record<string, unknown>) => Object.fromEntries(byKey(Object.entries(s)).map(([k, v]) => [k, k === 'Effect' || k === 'Sid' ? v : norm(v)])))
      .sort((a, b) => byCodePoint(JSON.stringify(a), JSON.stringify(b))),
  };
}
