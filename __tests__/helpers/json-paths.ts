/** A path into parsed JSON: keys and indexes. */
export type JsonPath = (string | number)[];

/** Every path in `value`, each before those under it (into one list: a nest of depth 400 made the spreads quadratic). */
export function allPaths(value: unknown, path: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => allPaths(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}
