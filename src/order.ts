/**
 * The one ordering of text in anything the tool writes or prints: by Unicode
 * code point, the same on every machine. `localeCompare` and `Intl.Collator`
 * follow the process's locale (`LANG`, `LC_ALL`; Node's ICU honours them even
 * where the OS has no such locale installed), so under `da_DK.UTF-8` "aa"
 * sorts after "z" and the same spec would give other bytes.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b`, by code point. */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Code units order code points except where one is a surrogate (an astral
    // character, U+10000 and above) and the other is U+E000..U+FFFF.
    return codePointAt(a, i) - codePointAt(b, i);
  }
  return a.length - b.length;
}

/** The code point that starts at, or whose low surrogate is at, index `i`. */
function codePointAt(s: string, i: number): number {
  const unit = s.charCodeAt(i);
  if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
    const high = s.charCodeAt(i - 1);
    if (high >= 0xd800 && high <= 0xdbff) return s.codePointAt(i - 1)!;
  }
  return s.codePointAt(i)!;
}

/** Texts known to hold no code unit at or above U+D800 (keys of generated trees repeat, so answers are kept). */
const lowTexts = new Set<string>();

/**
 * Whether `text` holds no code unit at or above U+D800, where code units and
 * code points may order differently: for such texts the engine's own order
 * (`<`, `sort()`, {@link byCodeUnit}) is the code point order.
 */
export function isLow(text: string): boolean {
  if (lowTexts.has(text)) return true;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0xd800) return false;
  // Bounded: a text met once (a role name) is not worth keeping once the table is full.
  if (lowTexts.size < 8192) lowTexts.add(text);
  return true;
}

/** The engine's code-unit order: {@link byCodePoint} only for texts that are all {@link isLow}. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `texts` sorted in place by code point, and returned. The engine's own sort
 * (by code unit) is the code point order unless a text holds a surrogate or
 * U+E000..U+FFFF; only then is {@link byCodePoint} needed. The fast path for
 * keys of generated trees, which are ASCII (held equal by stable-json.test.ts).
 */
export function sortByCodePoint(texts: string[]): string[] {
  texts.sort();
  for (const t of texts) if (!isLow(t)) return texts.sort(byCodePoint);
  return texts;
}

/** Map entries (or `Object.entries`) sorted by key, by code point. */
export function byKey<T>(entries: Iterable<readonly [string, T]>): [string, T][] {
  return [...entries].map(([k, v]): [string, T] => [k, v]).sort(([a], [b]) => byCodePoint(a, b));
}
