/**
 * Lines of a spec written as JSON, without parsing it as YAML: the line of
 * the field a path names, or of the nearest field above it that exists, as
 * the YAML locator gives. A path is followed through the text; each object or
 * array on the way is scanned once, the first time a path goes through it, for
 * where its members start. Nothing is scanned for paths never asked about, so
 * an organization's spec with thousands of warnings costs one pass over the
 * accounts those warnings name (the YAML parse of the same text took 11 s at
 * 1000 accounts; bench/README.md).
 *
 * Only for text JSON.parse accepted and that repeats no key (`needsYamlPath`, json-text.ts).
 */
import type { Locate } from './zod-problems';

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA] = [...'"\\{}[],'].map((ch) => ch.charCodeAt(0));

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export function jsonLocator(text: string): Locate {
  const n = text.length;
  const members = new Map<number, Map<string | number, number>>();
  let lineStarts: number[] | undefined;

  const skipSpace = (i: number) => {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    return i;
  };
  /** `i` at an opening quote: the position after the closing one, the first quote after an even run of backslashes. */
  const skipString = (i: number) => {
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) return n;
      let escapes = 0;
      while (text.charCodeAt(q - 1 - escapes) === BACKSLASH) escapes++;
      if (escapes % 2 === 0) return q + 1;
      from = q + 1;
    }
  };
  /** `i` at a value: the position after it. */
  const skipValue = (i: number) => {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return skipString(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      let depth = 0;
      for (let j = i; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d === QUOTE) j = skipString(j) - 1;
        else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
        else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
          if (--depth === 0) return j + 1;
        }
      }
      return n;
    }
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
      j++;
    }
    return j;
  };
  /** Where each member of the object or array at `start` begins: by key, or by index. */
  const membersOf = (start: number) => {
    let m = members.get(start);
    if (m) return m;
    m = new Map();
    const object = text.charCodeAt(start) === OPEN_BRACE;
    let i = skipSpace(start + 1);
    for (let index = 0; i < n; index++) {
      const c = text.charCodeAt(i);
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) break;
      let key: string | number = index;
      if (object) {
        const end = skipString(i);
        const raw = text.slice(i + 1, end - 1);
        key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        i = skipSpace(skipSpace(end) + 1); // past the colon
      }
      m.set(key, i);
      i = skipSpace(skipValue(i));
      if (text.charCodeAt(i) === COMMA) i = skipSpace(i + 1);
    }
    members.set(start, m);
    return m;
  };
  const lineOf = (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  return (path) => {
    let at = skipSpace(0);
    if (at >= n) return undefined;
    for (const segment of path) {
      const c = text.charCodeAt(at);
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) break; // through a scalar: its parent's line
      // As the YAML document's getIn: an object's key is a string; an array's index a number, or a string of digits.
      const key = c === OPEN_BRACE ? (typeof segment === 'string' ? segment : undefined) : Number(segment);
      if (key === undefined || (typeof key === 'number' && !(Number.isInteger(key) && key >= 0))) break;
      const next = membersOf(at).get(key);
      if (next === undefined) break; // a missing field is reported at its parent
      at = next;
    }
    return lineOf(at);
  };
}
