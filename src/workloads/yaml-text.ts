/**
 * YAML text of the workload manifests, as the `yaml` package writes a
 * `Document` of the value with `lineWidth: 0`, at a fraction of its cost: a
 * manifest is a few nested maps and lists of strings, so the layout is
 * written here and the library is asked only how to write each distinct key
 * and string (plain or quoted), once per process. Anything else (a number, an
 * empty map, an object met twice, which the library would write as an alias,
 * a string it would write on several lines) is the library's, for that
 * document.
 *
 * The library is loaded only when one of those is met: names, ARNs and the
 * one-line header comment are written by the rules below, which the tests hold
 * against the library's text. A synth of the default example never loads it
 * (about 2 ms of each start, bench/README.md, round 5).
 */
import { yamlLib } from '../input/yaml-lib';

const OPTIONS = { lineWidth: 0 } as const;

/** The library's text of one document: the value, and the comment before it when given. */
function libraryText(value: unknown, comment?: string): string {
  const doc = new (yamlLib().Document)(value);
  if (comment !== undefined) doc.commentBefore = ` ${comment}`;
  return doc.toString(OPTIONS);
}

/** Thrown where the library writes something the layout below does not. */
const NOT_SIMPLE = Symbol('not a simple manifest');

/** `text` is `${part}${suffix}` with `part` on one line: `part`; else the library's layout is not this one. */
function between(text: string, prefix: string, suffix: string): string {
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) throw NOT_SIMPLE;
  const part = text.slice(prefix.length, text.length - suffix.length);
  if (part.includes('\n')) throw NOT_SIMPLE;
  return part;
}

const keys = new Map<string, string>();
const scalars = new Map<string, string>();
const comments = new Map<string, string>();

/** A map key as the library writes it (`name`, `"a: b"`). */
function keyText(key: string): string {
  if (isPlain(key) && key.length <= MAX_PLAIN_KEY) return key;
  let text = keys.get(key);
  if (text === undefined) keys.set(key, (text = between(libraryText({ [key]: 'x' }), '', ': x\n')));
  return text;
}

/**
 * Strings the library writes plain, whatever else holds: a letter or `/` first, then letters, digits and
 * `_./@:-`, not ending in `:` and not a word the core schema reads as a boolean or null (every name, ARN
 * and JSON-patch path of a manifest).
 */
const PLAIN = /^[A-Za-z/][A-Za-z0-9_./@:-]*$/;
const NOT_A_STRING = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
const isPlain = (s: string) => PLAIN.test(s) && !s.endsWith(':') && !NOT_A_STRING.test(s);
/** Longer keys the library writes as explicit keys (`? key`): YAML limits an implicit key to 1024 characters. */
const MAX_PLAIN_KEY = 1000;

/** A string value as the library writes it, in a map or a list (plain, or quoted where plain would read otherwise). */
function scalarText(value: string): string {
  if (isPlain(value)) return value;
  let text = scalars.get(value);
  if (text === undefined) scalars.set(value, (text = between(libraryText({ x: value }), 'x: ', '\n')));
  return text;
}

/** A comment on one line that starts with a visible character: the library writes `# ` and it, then a blank line. */
const ONE_LINE_COMMENT = /^[^\s][^\n\r\u2028\u2029]*$/;

/** The comment lines (and the blank line after them) the library puts before a document. */
function commentText(comment: string): string {
  if (ONE_LINE_COMMENT.test(comment)) return `# ${comment}\n\n`;
  let text = comments.get(comment);
  if (text === undefined) {
    const sample = libraryText({ x: 'x' }, comment);
    if (!sample.endsWith('\nx: x\n')) throw NOT_SIMPLE;
    comments.set(comment, (text = sample.slice(0, -'x: x\n'.length)));
  }
  return text;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function map(value: Record<string, unknown>, indent: string, seen: Set<object>): string {
  if (seen.has(value)) throw NOT_SIMPLE;
  seen.add(value);
  const entries = Object.keys(value);
  if (entries.length === 0) throw NOT_SIMPLE;
  let out = '';
  for (const key of entries) out += `${indent}${keyText(key)}:${member(value[key], `${indent}  `, seen)}`;
  return out;
}

function list(value: readonly unknown[], indent: string, seen: Set<object>): string {
  if (seen.has(value)) throw NOT_SIMPLE;
  seen.add(value);
  if (value.length === 0) throw NOT_SIMPLE;
  let out = '';
  for (const item of value) {
    if (typeof item === 'string') out += `${indent}- ${scalarText(item)}\n`;
    else if (isPlainObject(item)) out += `${indent}- ${map(item, `${indent}  `, seen).slice(indent.length + 2)}`;
    else throw NOT_SIMPLE;
  }
  return out;
}

/** After `key:`, the rest of the entry: ` value` on the line, or the nested block below it. */
function member(value: unknown, indent: string, seen: Set<object>): string {
  if (typeof value === 'string') return ` ${scalarText(value)}\n`;
  if (isPlainObject(value)) return `\n${map(value, indent, seen)}`;
  if (Array.isArray(value)) return `\n${list(value, indent, seen)}`;
  throw NOT_SIMPLE;
}

/** One document: what `new Document(value)`, with `comment` before it, writes with `lineWidth: 0`. */
export function yamlDocument(value: unknown, comment?: string): string {
  try {
    const seen = new Set<object>();
    const body = isPlainObject(value) ? map(value, '', seen) : Array.isArray(value) ? list(value, '', seen) : undefined;
    if (body === undefined) throw NOT_SIMPLE;
    return comment === undefined ? body : `${commentText(comment)}${body}`;
  } catch (e) {
    if (e !== NOT_SIMPLE) throw e;
    return libraryText(value, comment);
  }
}
