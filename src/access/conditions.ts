/**
 * The Condition element: every (operator, key) pair must hold (AND); the values
 * under one key are ORed (NORed for negated operators). A missing key makes a
 * positive operator false and a negated operator, an `IfExists` operator or a
 * `ForAllValues` operator true; `ForAnyValue` on a missing key is false.
 */
import type { ConditionEntry } from '../policy/iam-json';
import { parseOperator, type ParsedOperator } from '../policy/operators';
import type { NormalizedContext } from './request';

export type Tri = 'true' | 'false' | 'unknown';

export interface ConditionResult {
  readonly outcome: Tri;
  /** The operator and key, and why it holds, fails or cannot be decided. */
  readonly detail: string;
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

export function evaluateCondition(entry: ConditionEntry, context: NormalizedContext, version: string): ConditionResult {
  const label = `${entry.operator} ${entry.key}`;
  const parsed = parseOperator(entry.operator);
  if (!parsed.ok) return { outcome: 'unknown', detail: parsed.problem };
  const op = parsed.op;
  for (const v of entry.values) {
    const invalid = op.base.invalidValue?.(v);
    if (invalid) return { outcome: 'unknown', detail: `${label}: ${invalid}` };
  }
  const present = context.get(entry.key.toLowerCase());

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

  if (present === undefined || present.length === 0) {
    if (op.set === 'ForAnyValue') return { outcome: 'false', detail: `${label}: key absent (ForAnyValue needs a value)` };
    if (op.set === 'ForAllValues') return { outcome: 'true', detail: `${label}: key absent (ForAllValues holds on no values)` };
    if (op.ifExists) return { outcome: 'true', detail: `${label}: key absent (IfExists)` };
    return op.base.negated
      ? { outcome: 'true', detail: `${label}: key absent (negated operator)` }
      : { outcome: 'false', detail: `${label}: key absent` };
  }

  let holds: boolean;
  if (op.set === 'ForAnyValue') holds = present.some((c) => matchesAny(op, c, policyValues));
  else if (op.set === 'ForAllValues') holds = present.every((c) => matchesAny(op, c, policyValues));
  else if (present.length > 1) {
    return { outcome: 'unknown', detail: `${label}: the request has ${present.length} values for a single-valued operator; use ForAnyValue: or ForAllValues:` };
  } else holds = matchesAny(op, present[0], policyValues);
  const shown = present.length === 1 ? JSON.stringify(present[0]) : JSON.stringify(present);
  return { outcome: holds ? 'true' : 'false', detail: `${label}: ${shown} ${holds ? 'matches' : 'does not match'} ${JSON.stringify(policyValues.length === 1 ? policyValues[0] : policyValues)}` };
}

/** All conditions of a statement, ANDed: the first false decides; otherwise any unknown makes the whole unknown. */
export function evaluateConditions(entries: readonly ConditionEntry[], context: NormalizedContext, version: string): ConditionResult {
  let unknown: ConditionResult | undefined;
  for (const entry of entries) {
    const r = evaluateCondition(entry, context, version);
    if (r.outcome === 'false') return r;
    if (r.outcome === 'unknown') unknown ??= r;
  }
  return unknown ?? { outcome: 'true', detail: entries.length ? 'all conditions hold' : 'no conditions' };
}
