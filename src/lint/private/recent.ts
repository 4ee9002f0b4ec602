/**
 * A cache of the last few values a function made, by the identity of its
 * argument. The pack runs every rule on one document before it reads the next,
 * so a document's statements, its text and what rules derive from them are
 * asked for over and over, then never again: a few entries serve them all,
 * where a WeakMap would hold one entry per document for the collector to trace.
 */
export function recent<K, V>(make: (key: K) => V, size = 8): (key: K) => V {
  const keys: K[] = [];
  const values: V[] = [];
  let next = 0;
  return (key) => {
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return values[i];
    const value = make(key);
    keys[next] = key;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}
