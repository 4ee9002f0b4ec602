/**
 * JSON is YAML: a spec written as JSON (generated ones are) is read with
 * JSON.parse, a hundred times faster than the YAML parser on an organization's
 * spec. The YAML path (load.ts) takes anything else: text that is not JSON,
 * and JSON that JSON.parse would read differently from what the YAML path
 * refuses (a repeated key, which JSON.parse silently resolves to the last one;
 * a number whose digits do not survive, such as an unquoted 21-digit Google
 * unique id, or `3600.0`).
 *
 * One pass over the text tells both, without a set of keys per object or a
 * copy of any key: it counts the keys, which JSON.parse's objects hold as many
 * of only when none repeats. The same pass counts the objects and arrays and
 * their nesting, and the text, once, is searched for what the loader's check
 * of every value looks for (inspect.ts's `scanValues`: invisible characters,
 * cdktf's token marker): when it has none of them, nor a backslash that could
 * write one, no key or value has, and that walk of every value is skipped
 * (`ValueScan`, the same answer). `__tests__/spec-json.test.ts` holds the fast
 * path to the YAML path on random specs, data and errors.
 */
import { CDKTF_TOKEN, MAX_DEPTH, type ValueScan } from './inspect';

/** A spec's JSON text, read: the data, and what `scanValues` would find in it when that is known from the text alone. */
export interface JsonSpecText {
  readonly data: unknown;
  /** Undefined when the text has an escape or a character the value checks look for: `scanValues` then walks the data. */
  readonly scan?: ValueScan;
}

/** Invisible characters (inspect.ts's INVISIBLE) but the three JSON allows between tokens, which a JSON string cannot hold unescaped. */
export const INVISIBLE_IN_JSON_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** The spec in `text` when it is JSON that JSON.parse reads as the YAML path would; undefined sends it down the YAML path. */
export function readJsonText(text: string): JsonSpecText | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const tokens = scanJsonTokens(text);
  if (!tokens || tokens.keys !== keysIn(data)) return undefined;
  const clean = tokens.depth <= MAX_DEPTH && !text.includes('\\') && !INVISIBLE_IN_JSON_TEXT.test(text) && !CDKTF_TOKEN.test(text);
  return { data, scan: clean ? { controls: [], tokenMarkers: [], objects: tokens.objects } : undefined };
}

/** True when JSON text that JSON.parse accepts repeats a key in an object or has a number whose text differs from the number read. */
export function needsYamlPath(text: string): boolean {
  return readJsonText(text) === undefined;
}

interface JsonTokens {
  /** Strings followed by a colon. */
  readonly keys: number;
  /** Opening brackets, `{` and `[`. */
  readonly objects: number;
  /** The deepest nesting of brackets: 1 for `{}`. */
  readonly depth: number;
}

const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COLON, COMMA, MINUS, DOT, DIGIT_0, DIGIT_9, SPACE, TAB, LF, CR] = [
  ...'"\\{}[]:,-.09 \t\n\r',
].map((ch) => ch.charCodeAt(0));
const isSpace = (c: number) => c === SPACE || c === LF || c === CR || c === TAB;
const isNumberChar = (c: number) => (c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS || c === DOT || c === 43 /* + */ || c === 69 /* E */ || c === 101; /* e */

/**
 * One pass over text JSON.parse accepted: its keys, objects and nesting;
 * undefined when a number's text is not the number read (`109876543210987654321`,
 * `3600.0`, `1e3`, `-0`).
 */
function scanJsonTokens(text: string): JsonTokens | undefined {
  const n = text.length;
  let keys = 0;
  let objects = 0;
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Most of the text between strings is indentation: white space, commas and colons first.
    if (c <= SPACE || c === COMMA || c === COLON) continue;
    if (c === QUOTE) {
      // The closing quote: the first one after an even run of backslashes.
      let end = text.indexOf('"', i + 1);
      for (;;) {
        if (end < 0) return undefined; // not JSON after all
        let run = 0;
        while (text.charCodeAt(end - 1 - run) === BACKSLASH) run++;
        if (run % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      let next = end + 1;
      while (next < n && isSpace(text.charCodeAt(next))) next++;
      if (text.charCodeAt(next) === COLON) keys++;
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      objects++;
      if (++depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      let end = i + 1;
      let digitsOnly = c !== MINUS;
      while (end < n && isNumberChar(text.charCodeAt(end))) {
        const d = text.charCodeAt(end);
        if (d < DIGIT_0 || d > DIGIT_9) digitsOnly = false;
        end++;
      }
      // Up to 15 digits without a leading zero read back as written; anything else is compared.
      const plain = digitsOnly && end - i <= 15 && (c !== DIGIT_0 || end - i === 1);
      if (!plain) {
        const token = text.slice(i, end);
        if (String(Number(token)) !== token) return undefined;
      }
      i = end - 1;
    }
  }
  return { keys, objects, depth: deepest };
}

/** How many keys the objects of parsed JSON have, all of them (walked without recursion: JSON.parse makes a tree, no object twice). */
function keysIn(root: unknown): number {
  let keys = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i] !== null && typeof value[i] === 'object') stack.push(value[i]);
      continue;
    }
    const own = Object.keys(value);
    keys += own.length;
    for (let i = 0; i < own.length; i++) {
      const child = (value as Record<string, unknown>)[own[i]];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return keys;
}
