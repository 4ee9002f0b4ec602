/**
 * Reads IAM JSON as IAM does, whatever its shape: one statement or a list,
 * one value or a list, a JSON string or an object. Rules see plain lists and
 * never have to guess; anything unreadable simply yields nothing to check.
 */

export interface ConditionEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLike`. */
  readonly operator: string;
  /** The context key as written, e.g. `oidc.eks.eu-west-1.amazonaws.com/id/X:sub`. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface StatementView {
  readonly index: number;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly hasNotAction: boolean;
  readonly hasResource: boolean;
  readonly hasNotResource: boolean;
  /** `*`, a map of principal type to identifiers, or undefined when absent. */
  readonly principal?: '*' | Readonly<Record<string, readonly string[]>>;
  readonly hasNotPrincipal: boolean;
  readonly conditions: readonly ConditionEntry[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value or a list of values, as strings. */
export function stringList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

/** The policy as an object: parses JSON text, passes objects through. */
export function policyObject(policy: unknown): unknown {
  return typeof policy === 'string' ? JSON.parse(policy) : policy;
}

/** The policy as JSON text, made once per document object (the size quota and the `${` check both read it). */
const texts = new WeakMap<object, string>();

export function policyText(policy: unknown): string {
  if (typeof policy === 'string') return policy;
  if (typeof policy !== 'object' || policy === null) return JSON.stringify(policy);
  let text = texts.get(policy);
  if (text === undefined) texts.set(policy, (text = JSON.stringify(policy)));
  return text;
}

/** Most rules read the same document: parse its statements once per document object. */
const statementViews = new WeakMap<object, readonly StatementView[]>();

export function readStatements(policy: unknown): readonly StatementView[] {
  const doc = policyObject(policy);
  if (!isObject(doc)) return [];
  let views = statementViews.get(doc);
  if (!views) statementViews.set(doc, (views = statementsOf(doc)));
  return views;
}

function statementsOf(doc: Record<string, unknown>): StatementView[] {
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject).map((s, index) => ({
    index,
    effect: typeof s.Effect === 'string' ? s.Effect : String(s.Effect),
    actions: stringList(s.Action),
    hasNotAction: s.NotAction !== undefined,
    hasResource: s.Resource !== undefined,
    hasNotResource: s.NotResource !== undefined,
    principal: readPrincipal(s.Principal),
    hasNotPrincipal: s.NotPrincipal !== undefined,
    conditions: readConditions(s.Condition),
  }));
}

function readPrincipal(p: unknown): StatementView['principal'] {
  if (p === undefined) return undefined;
  if (p === '*') return '*';
  if (!isObject(p)) return { '': stringList(p) };
  return Object.fromEntries(Object.entries(p).map(([type, ids]) => [type, stringList(ids)]));
}

function readConditions(c: unknown): ConditionEntry[] {
  if (!isObject(c)) return [];
  const out: ConditionEntry[] = [];
  for (const [operator, block] of Object.entries(c)) {
    if (!isObject(block)) continue;
    for (const [key, values] of Object.entries(block)) out.push({ operator, key, values: stringList(values) });
  }
  return out;
}

export const isAllow = (s: StatementView) => s.effect === 'Allow';

/** Where a statement's condition operator block is, for messages. */
export const conditionAt = (s: StatementView, c: ConditionEntry) => `Statement[${s.index}].Condition.${c.operator}`;

/** Identifiers of one principal type (`AWS`, `Federated`, `Service`), case as IAM accepts it. */
export function principalIds(s: StatementView, type: string): readonly string[] {
  if (!s.principal || s.principal === '*') return [];
  return Object.entries(s.principal)
    .filter(([t]) => t === type)
    .flatMap(([, ids]) => ids);
}

/** Every string in a JSON value (keys included), with where it is: `Statement[0].Resource[1]`. */
export function jsonStrings(value: unknown, at = ''): { at: string; value: string }[] {
  if (typeof value === 'string') return [{ at, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonStrings(v, `${at}[${i}]`));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => {
      const here = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? (at ? `${at}.${k}` : k) : `${at}[${JSON.stringify(k)}]`;
      return [{ at: here, value: k }, ...jsonStrings(v, here)];
    });
  }
  return [];
}
