/**
 * JSON with object keys in the order cdktf writes them (json-stable-stringify's
 * default: by code point), in one place for every renderer:
 *
 * - {@link stableJson}: the text, formatted exactly as cdktf writes its files
 *   (json-stable-stringify 1.x with `space: 2`): one entry per line, and an
 *   empty object or array still split over two lines;
 * - {@link stableCopy}: a deep copy with the keys in that order, so modules
 *   read from the stack in memory are byte-for-byte what reading the file
 *   would give (`src/modules/` formats it as its own JSON, or as HCL).
 */
import { sortByCodePoint } from '../order';

/** An object's keys in cdktf's order: by code point (`sortByCodePoint`, src/order.ts). */
export function sortedKeys(node: object): string[] {
  const keys = Object.keys(node);
  return keys.length < 2 ? keys : sortByCodePoint(keys);
}

/** Keys as JSON strings: a stack repeats the same few hundred keys (`//`, `metadata`, `depends_on`, ...) thousands of times. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Bounded: a key met once (a resource id) is not worth keeping for the process's lifetime once the table is full.
    if (quotedKeys.size < 4096) quotedKeys.set(key, quoted);
  }
  return quoted;
}

export function stableJson(value: unknown, space = '  '): string {
  const indents: string[] = [];
  const indent = (level: number) => (indents[level] ??= `\n${space.repeat(level)}`);
  return write(value, 0, indent) ?? 'null';
}

/** {@link stableJson}'s text of a value placed at `level` of a document (its members at `level + 1`); `undefined` for a value it leaves out. */
export function stableJsonAt(value: unknown, level: number): string | undefined {
  return write(value, level, twoSpaces);
}

const twoSpaceIndents: string[] = [];
const twoSpaces = (level: number) => (twoSpaceIndents[level] ??= `\n${'  '.repeat(level)}`);

function write(node: unknown, level: number, indentOf: (level: number) => string): string | undefined {
  if (node !== null && typeof node === 'object' && typeof (node as { toJSON?: unknown }).toJSON === 'function') {
    node = (node as { toJSON: () => unknown }).toJSON();
  }
  if (node === undefined) return undefined;
  if (typeof node !== 'object' || node === null) return JSON.stringify(node);
  const indent = indentOf(level);
  const inner = indentOf(level + 1);
  let out = '';
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) out += `${i > 0 ? ',' : ''}${inner}${write(node[i], level + 1, indentOf) ?? 'null'}`;
    return `[${out}${indent}]`;
  }
  let first = true;
  for (const key of sortedKeys(node)) {
    const value = write((node as Record<string, unknown>)[key], level + 1, indentOf);
    // json-stable-stringify skips a member whose value renders as nothing (undefined) or as an empty string.
    if (!value) continue;
    out += `${first ? '' : ','}${inner}${quotedKey(key)}: ${value}`;
    first = false;
  }
  return `{${out}${indent}}`;
}

/**
 * `JSON.stringify(stableCopy(value), null, 2)` without the copy: the same text,
 * written in one pass. A value the copy and `JSON.stringify` would treat in a
 * way of their own (a `toJSON` or `__proto__` member, a bigint) takes that path instead.
 */
export function sortedJson(value: unknown): string {
  const indents: string[] = [];
  const indentOf = (level: number) => (indents[level] ??= `\n${'  '.repeat(level)}`);
  try {
    return writeSorted(value, 0, indentOf) ?? 'undefined';
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return JSON.stringify(stableCopy(value), null, 2);
  }
}

const NOT_PLAIN = Symbol('not plain JSON');

function writeSorted(node: unknown, level: number, indentOf: (level: number) => string): string | undefined {
  switch (typeof node) {
    case 'string':
    case 'boolean':
    case 'number':
      return JSON.stringify(node);
    case 'object':
      break;
    case 'bigint':
      throw NOT_PLAIN;
    default:
      return undefined; // undefined, a function or a symbol: left out of an object, null in an array
  }
  if (node === null) return 'null';
  const inner = indentOf(level + 1);
  let out = '';
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    for (let i = 0; i < node.length; i++) out += `${i > 0 ? ',' : ''}${inner}${writeSorted(node[i], level + 1, indentOf) ?? 'null'}`;
    return `[${out}${indentOf(level)}]`;
  }
  let first = true;
  for (const key of copyOrder(sortedKeys(node))) {
    const v = (node as Record<string, unknown>)[key];
    if ((key === 'toJSON' && typeof v === 'function') || key === '__proto__') throw NOT_PLAIN;
    const text = writeSorted(v, level + 1, indentOf);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${inner}${quotedKey(key)}: ${text}`;
    first = false;
  }
  return first ? '{}' : `{${out}${indentOf(level)}}`;
}

/** The keys in the order the copy enumerates them: an object lists integer-like keys first, whatever the order they were set in. */
export function copyOrder(keys: string[]): string[] {
  for (const key of keys) {
    const c = key.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const copy: Record<string, true> = Object.create(null) as Record<string, true>; // keeps a `__proto__` key, for the check below
      for (const k of keys) copy[k] = true;
      return Object.keys(copy);
    }
  }
  return keys;
}

/** A deep copy with object keys in cdktf's order; members whose value is undefined are left out. */
export function stableCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stableCopy) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of sortedKeys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = stableCopy(v);
    }
    return out as T;
  }
  return value;
}
