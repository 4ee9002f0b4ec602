/**
 * Condition operators: the name as written (`ForAllValues:StringNotLikeIfExists`)
 * split into set qualifier, base operator and `IfExists`, and the comparison of
 * one context value with one policy value for each base operator.
 *
 * Negated operators (`StringNotEquals`, `ArnNotLike`, ...) are their positive
 * twin, negated after the policy values are ORed: "matches none of the values".
 */
import { arnMatch, globMatch } from './glob';
import { ipInBlock, parseBlock } from '../ip';

export type Family = 'String' | 'Arn' | 'Numeric' | 'Date' | 'Bool' | 'Null' | 'Ip';

export interface BaseOperator {
  readonly family: Family;
  readonly negated: boolean;
  /** Whether policy variables (`${aws:username}`) are substituted in the values. */
  readonly variables: boolean;
  /** Whether one context value matches one policy value (before negation). */
  test(contextValue: string, policyValue: string): boolean;
  /** Why a policy value is not valid for this operator, if it is not. */
  invalidValue?(policyValue: string): string | undefined;
}

export interface ParsedOperator {
  readonly name: string;
  readonly set?: 'ForAnyValue' | 'ForAllValues';
  readonly ifExists: boolean;
  readonly baseName: string;
  readonly base: BaseOperator;
}

const num = (s: string) => (/^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(s) ? Number(s) : NaN);
const date = (s: string) => (/^\d+$/.test(s) ? Number(s) * 1000 : /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN);

/**
 * A Numeric or Date operator: both sides parsed to numbers and compared; a
 * context value that does not parse never matches, a policy value that does
 * not parse is invalid (`invalid` says what it should have been).
 */
function ordered(family: 'Numeric' | 'Date', parse: (s: string) => number, invalid: string) {
  return (cmp: (a: number, b: number) => boolean, negated = false): BaseOperator => ({
    family,
    negated,
    variables: false,
    test: (c, p) => !Number.isNaN(parse(c)) && cmp(parse(c), parse(p)),
    invalidValue: (p) => (Number.isNaN(parse(p)) ? `"${p}" ${invalid}` : undefined),
  });
}

const numeric = ordered('Numeric', num, 'is not a number');
const dates = ordered('Date', date, 'is not an ISO 8601 date or epoch seconds');

const stringEquals = (c: string, p: string) => c === p;
const stringEqualsIgnoreCase = (c: string, p: string) => c.toLowerCase() === p.toLowerCase();
const stringLike = (c: string, p: string) => globMatch(p, c);
const str = (test: (c: string, p: string) => boolean, negated = false): BaseOperator => ({ family: 'String', negated, variables: true, test });
const arn = (negated = false): BaseOperator => ({ family: 'Arn', negated, variables: true, test: (c, p) => arnMatch(p, c) });
const ip = (negated = false): BaseOperator => ({
  family: 'Ip',
  negated,
  variables: false,
  test: (c, p) => ipInBlock(c, p),
  invalidValue: (p) => (parseBlock(p.trim()) ? undefined : `"${p}" is not an IPv4 or IPv6 address or CIDR block`),
});
const eq = (a: number, b: number) => a === b;
const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;

/** Every base operator the evaluator decides. */
export const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: str(stringEquals),
  StringNotEquals: str(stringEquals, true),
  StringEqualsIgnoreCase: str(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: str(stringEqualsIgnoreCase, true),
  StringLike: str(stringLike),
  StringNotLike: str(stringLike, true),
  // ArnEquals and ArnLike behave the same: wildcards are allowed in both, part by part.
  ArnEquals: arn(),
  ArnLike: arn(),
  ArnNotEquals: arn(true),
  ArnNotLike: arn(true),
  NumericEquals: numeric(eq),
  NumericNotEquals: numeric(eq, true),
  NumericLessThan: numeric(lt),
  NumericLessThanEquals: numeric(le),
  NumericGreaterThan: numeric(gt),
  NumericGreaterThanEquals: numeric(ge),
  DateEquals: dates(eq),
  DateNotEquals: dates(eq, true),
  DateLessThan: dates(lt),
  DateLessThanEquals: dates(le),
  DateGreaterThan: dates(gt),
  DateGreaterThanEquals: dates(ge),
  IpAddress: ip(),
  NotIpAddress: ip(true),
  Bool: {
    family: 'Bool',
    negated: false,
    variables: false,
    test: (c, p) => c.toLowerCase() === p.toLowerCase(),
    invalidValue: (p) => (/^(true|false)$/i.test(p) ? undefined : `"${p}" is not true or false`),
  },
  Null: {
    family: 'Null',
    negated: false,
    variables: false,
    // Decided on presence, not by comparing values (see conditions.ts).
    test: () => false,
    invalidValue: (p) => (/^(true|false)$/i.test(p) ? undefined : `"${p}" is not true or false`),
  },
};

/** Operators IAM knows that this evaluator does not decide: reported as such, never guessed. */
export const UNSUPPORTED_OPERATORS: ReadonlySet<string> = new Set(['BinaryEquals']);

/** Few distinct operators and keys recur in every document of a spec: each is parsed once. */
export function memo<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) cache.set(s, (v = f(s)));
    return v;
  };
}

/** The parts of an operator name as written, whatever it is (the lint pack reads unknown and mis-cased names too). */
export interface OperatorParts {
  /** `ForAllValues` / `ForAnyValue`, when set. */
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  /** The operator without set prefix and IfExists suffix, e.g. `StringLike`. */
  readonly base: string;
  readonly ifExists: boolean;
  readonly negated: boolean;
}

/** The lenient reading of an operator name (case-insensitive, never a problem); {@link parseOperator} is the strict one. */
export const operatorParts = memo((op: string): OperatorParts => {
  const m = /^(ForAllValues:|ForAnyValue:)?(.*?)(IfExists)?$/i.exec(op)!;
  const set = m[1] ? (m[1].toLowerCase().startsWith('forall') ? 'ForAllValues' : 'ForAnyValue') : undefined;
  const base = m[2];
  return { set, base, ifExists: m[3] !== undefined, negated: /^((String|Numeric|Date|Arn)Not|NotIpAddress$)/i.test(base) };
});

export type OperatorParse = { readonly ok: true; readonly op: ParsedOperator } | { readonly ok: false; readonly problem: string };

/** The strict reading: splits an operator name the evaluator decides; unknown or ill-formed names come back as a problem naming the operator. Parsed once per name. */
export const parseOperator = memo(parseStrict);

function parseStrict(name: string): OperatorParse {
  let rest = name;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon);
    if (qualifier !== 'ForAnyValue' && qualifier !== 'ForAllValues')
      return { ok: false, problem: `unknown condition operator "${name}" (unknown set qualifier "${qualifier}")` };
    set = qualifier;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists');
  const baseName = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (UNSUPPORTED_OPERATORS.has(baseName)) return { ok: false, problem: `condition operator "${name}" is not supported by this evaluator` };
  const base = Object.prototype.hasOwnProperty.call(BASE_OPERATORS, baseName) ? BASE_OPERATORS[baseName] : undefined;
  if (!base) return { ok: false, problem: `unknown condition operator "${name}"` };
  if (base.family === 'Null' && (set || ifExists))
    return { ok: false, problem: `condition operator "${name}" is not valid: Null takes neither IfExists nor a set qualifier` };
  return { ok: true, op: { name, set, ifExists, baseName, base } };
}
