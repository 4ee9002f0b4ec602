/**
 * The Condition element: every (operator, key) pair must hold (AND); the values
 * under one key are ORed (NORed for negated operators). A missing key makes a
 * positive operator false and a negated operator, an `IfExists` operator or a
 * `ForAllValues` operator true; `ForAnyValue` on a missing key is false.
 */
import type { ConditionEntry } from '../../policy/iam-json';
import { parseOperator, type ParsedOperator } from '../../policy/operators';
import type { NormalizedContext } from './request';

export type Tri = 'true' | 'false' | 'unknown';

export interface ConditionResult {
  readonly outcome: Tri;
  /** The operator and key, and why it holds, fails or cannot be decided. */
  readonly detail: string;
}

/** One (operator, key) pair of a statement, evaluated: what the policy wants and what the request has. */
export interface ConditionCheck extends ConditionResult {
  readonly operator: string;
  readonly key: string;
  /** The policy's values, with policy variables resolved where they could be. */
  readonly expected: readonly string[];
  /** The request's values of the key; undefined when the request does not have it. */
  readonly actual?: readonly string[];
}

/** The conditions of a statement: the ANDed result and, when every condition was asked for, each one's check in order. */
export interface ConditionsResult extends ConditionResult {
  readonly checks?: readonly ConditionCheck[];
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** Substitutes `${key}` / `${key, 'default'}` policy variables from the context; undefined when one cannot be resolved. */
function substitute(value: string, context: NormalizedContext): { value?: string; problem?: string } {
  let problem: string | undefined;
  const out = value.replace(VARIABLE, (whole, inner: string) => {
    const m = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(inner);
    if (!m || ['*', '?', '$'].includes(m[1])) {
      problem ??= `policy variable ${whole} is not supported`;
      return whole;
    }
    const values = context.get(m[1].toLowerCase());
    if (values?.length === 1) return values[0];
    if (values === undefined && m[2] !== undefined) return m[2];
    problem ??= `policy variable ${whole} has ${values ? 'several values' : 'no value'} in the request`;
    return whole;
  });
  return problem ? { problem } : { value: out };
}

function matchesAny(op: ParsedOperator, contextValue: string, policyValues: readonly string[]): boolean {
  const any = policyValues.some((p) => op.base.test(contextValue, p));
  return op.base.negated ? !any : any;
}

export function evaluateCondition(entry: ConditionEntry, context: NormalizedContext, version: string): ConditionCheck {
  const present = context.get(entry.key.toLowerCase());
  const r = conditionOutcome(entry, present, context, version);
  return { ...r, operator: entry.operator, key: entry.key, expected: r.expected ?? entry.values, actual: present?.length ? present : undefined };
}

function conditionOutcome(
  entry: ConditionEntry,
  present: readonly string[] | undefined,
  context: NormalizedContext,
  version: string,
): ConditionResult & { expected?: readonly string[] } {
  const label = `${entry.operator} ${entry.key}`;
  const parsed = parseOperator(entry.operator);
  if (!parsed.ok) return { outcome: 'unknown', detail: parsed.problem };
  const op = parsed.op;
  for (const v of entry.values) {
    const invalid = op.base.invalidValue?.(v);
    if (invalid) return { outcome: 'unknown', detail: `${label}: ${invalid}` };
  }

  if (op.base.family === 'Null') {
    // Values are ORed: "true" holds when the key is absent, "false" when it is present.
    const holds = entry.values.some((v) => (v.toLowerCase() === 'true') === (present === undefined || present.length === 0));
    return { outcome: holds ? 'true' : 'false', detail: `${label}: key is ${present ? 'present' : 'absent'}` };
  }

  let policyValues = entry.values;
  if (op.base.variables && version === '2012-10-17' && policyValues.some((v) => v.includes('${'))) {
    const resolved: string[] = [];
    for (const v of policyValues) {
      const s = substitute(v, context);
      if (s.problem) return { outcome: 'unknown', detail: `${label}: ${s.problem}` };
      resolved.push(s.value!);
    }
    policyValues = resolved;
  }
  const expected = policyValues;

  if (present === undefined || present.length === 0) {
    if (op.set === 'ForAnyValue') return { outcome: 'false', expected, detail: `${label}: key absent (ForAnyValue needs a value)` };
    if (op.set === 'ForAllValues') return { outcome: 'true', expected, detail: `${label}: key absent (ForAllValues holds on no values)` };
    if (op.ifExists) return { outcome: 'true', expected, detail: `${label}: key absent (IfExists)` };
    return op.base.negated
      ? { outcome: 'true', expected, detail: `${label}: key absent (negated operator)` }
      : { outcome: 'false', expected, detail: `${label}: key absent` };
  }

  let holds: boolean;
  if (op.set === 'ForAnyValue') holds = present.some((c) => matchesAny(op, c, policyValues));
  else if (op.set === 'ForAllValues') holds = present.every((c) => matchesAny(op, c, policyValues));
  else if (present.length > 1) {
    return {
      outcome: 'unknown',
      expected,
      detail: `${label}: the request has ${present.length} values for a single-valued operator; use ForAnyValue: or ForAllValues:`,
    };
  } else holds = matchesAny(op, present[0], policyValues);
  const shown = present.length === 1 ? JSON.stringify(present[0]) : JSON.stringify(present);
  return {
    outcome: holds ? 'true' : 'false',
    expected,
    detail: `${label}: ${shown} ${holds ? 'matches' : 'does not match'} ${JSON.stringify(policyValues.length === 1 ? policyValues[0] : policyValues)}`,
  };
}

/**
 * All conditions of a statement, ANDed: the first false decides; otherwise any
 * unknown makes the whole unknown. With `every`, each condition is evaluated
 * (not only up to the first false) and its check returned, for `explain`; the
 * outcome and detail are the same either way.
 */
export function evaluateConditions(entries: readonly ConditionEntry[], context: NormalizedContext, version: string, every = false): ConditionsResult {
  let unknown: ConditionResult | undefined;
  let failed: ConditionResult | undefined;
  // Only `explain` asks for every check; the sweep's checks allocate no list.
  const checks: ConditionCheck[] | undefined = every ? [] : undefined;
  for (const entry of entries) {
    const r = every ? evaluateCondition(entry, context, version) : conditionOutcome(entry, context.get(entry.key.toLowerCase()), context, version);
    if (checks) checks.push(r as ConditionCheck);
    if (r.outcome === 'false') {
      failed ??= r;
      if (!every) break;
    }
    if (r.outcome === 'unknown') unknown ??= r;
  }
  const first = failed ?? unknown;
  const result: ConditionResult = first ?? { outcome: 'true', detail: entries.length ? 'all conditions hold' : 'no conditions' };
  return checks ? { outcome: result.outcome, detail: result.detail, checks } : result;
}
