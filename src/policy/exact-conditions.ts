/**
 * One condition block per operator and key in a statement. The AWS provider
 * merges two blocks with the same `test` and `variable` into one list, which
 * IAM reads as OR: a second block meant to narrow the first would widen it.
 * A repeat with the same values ANDs a thing with itself and folds away; a
 * repeat with other values cannot be written exactly (an IAM statement holds
 * one value list per operator and key), so it is returned for the caller to
 * refuse. The resolver refuses such specs; the description asserts the
 * invariant for every document it renders.
 */
import { conditionKey, sameSet, type Condition, type Statement } from './document';

/** A block that repeats the operator and key of an earlier one with other values. */
export interface RepeatedCondition {
  /** Its index in the list given. */
  readonly index: number;
  /** The index of the earlier block with the same operator and key. */
  readonly first: number;
}

/** The blocks with same-valued repeats folded into the first, and the repeats with other values. */
export function exactConditions(conditions: readonly Condition[]): {
  readonly conditions: readonly Condition[];
  readonly repeated: readonly RepeatedCondition[];
} {
  // Most statements hold two or three blocks on distinct keys: compared pairwise, with no key text built.
  if (conditions.length <= 8 && distinctKeys(conditions)) return { conditions, repeated: [] };
  const firstOf = new Map<string, number>();
  const kept: Condition[] = [];
  const repeated: RepeatedCondition[] = [];
  conditions.forEach((c, index) => {
    const first = firstOf.get(conditionKey(c));
    if (first === undefined) {
      firstOf.set(conditionKey(c), index);
      kept.push(c);
    } else if (!sameSet(conditions[first].values, c.values)) repeated.push({ index, first });
  });
  return { conditions: kept.length === conditions.length ? conditions : kept, repeated };
}

/** No two blocks share an operator and key (`conditionKey`: the key in any case). */
function distinctKeys(conditions: readonly Condition[]): boolean {
  for (let i = 1; i < conditions.length; i++) {
    const a = conditions[i];
    for (let j = 0; j < i; j++) {
      const b = conditions[j];
      if (a.test === b.test && (a.variable === b.variable || a.variable.toLowerCase() === b.variable.toLowerCase())) return false;
    }
  }
  return true;
}

/**
 * The statement with one block per operator and key; throws when two blocks
 * differ in values, which the resolver refuses before any document is built,
 * so that no renderer can ever write the OR.
 */
export function exactStatement(s: Statement): Statement {
  if (!s.conditions || s.conditions.length < 2) return s;
  const { conditions, repeated } = exactConditions(s.conditions);
  if (repeated.length > 0) {
    const c = s.conditions[repeated[0].index];
    throw new Error(
      `a statement has two ${c.test} condition blocks on ${c.variable} with different values, which Terraform would merge into an OR; the resolver should have refused the spec`,
    );
  }
  return conditions === s.conditions ? s : { ...s, conditions };
}
