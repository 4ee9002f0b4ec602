/**
 * Grouping helpers for the `map.set(k, [...(map.get(k) ?? []), v])` idiom:
 * one list per key, appended in place (no copy per value), first-seen key order.
 */

/** Appends `value` to the list of `key`, creating it; returns the list. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  list.push(...values);
  return list;
}

/** The items grouped by key, keys in first-seen order, items in input order. */
export function groupBy<K, V>(items: Iterable<V>, keyOf: (item: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const item of items) pushTo(out, keyOf(item), item);
  return out;
}
