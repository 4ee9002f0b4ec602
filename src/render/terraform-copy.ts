/**
 * A described value (literals and {@link Expression}s, description/expressions.ts)
 * as Terraform JSON with its keys in cdktf's order: `stableCopy(terraformJson(value))`
 * (stable-json.ts) in one pass, the copy that the escaping makes anyway. The
 * engine's `JSON.stringify(copy, null, 2)` then writes the module's text
 * (`sortedJson`) at once, and, with {@link stableLayout}, the stack's
 * (`stableJson`): the text comes out of one native call instead of a string
 * built piece by piece, which was most of a stack's cost and of its garbage.
 *
 * What the general writers treat in a way of their own (a `__proto__` or
 * `toJSON` member, a bigint, a function or a symbol) is not copied:
 * {@link NOT_PLAIN} is thrown, and the caller writes that file the general
 * way. `__tests__/stack-text.test.ts` holds the two equal on random values.
 */
import { Expression, templateLiteral } from '../description/expressions';
import { byCodePoint, isLow, sortByCodePoint } from '../order';

/** Thrown for a value only the general writers write (see above). */
export const NOT_PLAIN = Symbol('not plain Terraform JSON');

/** What a copy holds that `JSON.stringify` orders otherwise than `stableJson`: a key starting with a digit (an integer-like key goes first). */
export interface CopyNotes {
  digitKey: boolean;
}

/** Distinct keys sorted in place by code point, and returned; not sorted at all when they already are in order. */
export function codePointOrder(keys: string[], notes: CopyNotes): string[] {
  let ordered = true;
  let low = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!isLow(key)) low = false;
    if (i > 0 && keys[i - 1] > key) ordered = false;
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57 && keys.length > 1) notes.digitKey = true;
  }
  return ordered && low ? keys : sortByCodePoint(keys);
}

/** `stableCopy(terraformJson(value))`: literals escaped, expressions as written, keys in cdktf's order, `undefined` members left out. */
export function terraformCopy(value: unknown, notes: CopyNotes): unknown {
  switch (typeof value) {
    case 'string':
      return templateLiteral(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return null;
  if (value instanceof Expression) {
    if (typeof value.text !== 'string') throw NOT_PLAIN;
    return value.text;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(terraformCopy(value[i], notes));
    return out;
  }
  return objectCopy(value as Record<string, unknown>, notes);
}

/**
 * An object's copy (see {@link terraformCopy}); `lead`, when given, is a
 * member put first, which the object's own keys must all sort after.
 */
export function objectCopy(source: Record<string, unknown>, notes: CopyNotes, lead?: readonly [string, unknown]): Record<string, unknown> {
  const own = Object.keys(source);
  // Keys are literals too: escaped before they are sorted, as terraformJson's copy has them.
  let keys = own;
  let escaped: Map<string, unknown> | undefined;
  for (const key of own) {
    if (key.includes('{')) {
      escaped = new Map(own.map((k) => [templateLiteral(k), source[k]]));
      keys = [...escaped.keys()];
      break;
    }
  }
  codePointOrder(keys, notes);
  const out: Record<string, unknown> = {};
  if (lead !== undefined) {
    if (keys.length > 0 && byCodePoint(keys[0], lead[0]) <= 0) throw NOT_PLAIN;
    out[lead[0]] = lead[1];
  }
  for (const key of keys) {
    if (key === '__proto__' || key === 'toJSON') throw NOT_PLAIN;
    const copy = terraformCopy(escaped ? escaped.get(key) : source[key], notes);
    if (copy !== undefined) out[key] = copy;
  }
  return out;
}

/** A map's entries in cdktf's order (the keys as they are), each value as `as` makes it, `undefined` left out. */
export function orderedCopy<T>(map: Readonly<Record<string, T>>, notes: CopyNotes, as: (value: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of codePointOrder(Object.keys(map), notes)) {
    if (key === '__proto__') throw NOT_PLAIN;
    const value = as(map[key]);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * `stableJson`'s text of a copy from `JSON.stringify(copy, null, 2)` (its
 * first line indented by `firstIndent` where it stands), given
 * that no object of it has a key starting with a digit: the same but for an
 * empty object or array, which `stableJson` writes on two lines. A `[]` or
 * `{}` followed by the end of its line is one (a string never holds a raw
 * newline, so one inside a string is followed by more of it or its quote).
 */
export function stableLayout(text: string, firstIndent = ''): string {
  let out = '';
  let done = 0;
  let nextArray = text.indexOf('[]');
  let nextObject = text.indexOf('{}');
  while (nextArray >= 0 || nextObject >= 0) {
    const at = nextObject < 0 || (nextArray >= 0 && nextArray < nextObject) ? nextArray : nextObject;
    if (at === nextArray) nextArray = text.indexOf('[]', at + 2);
    else nextObject = text.indexOf('{}', at + 2);
    let end = at + 2;
    if (text.charCodeAt(end) === 44) end++; // ','
    if (end < text.length && text.charCodeAt(end) !== 10) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let indentEnd = lineStart;
    while (text.charCodeAt(indentEnd) === 32) indentEnd++;
    out += `${text.slice(done, at + 1)}\n${lineStart === 0 ? firstIndent : ''}${text.slice(lineStart, indentEnd)}`;
    done = at + 1;
  }
  return done === 0 ? text : out + text.slice(done);
}
