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
import { byCodePoint } from '../order';

/** An object's keys in cdktf's order. */
const sortedKeys = (node: object): string[] => Object.keys(node).sort(byCodePoint);

export function stableJson(value: unknown, space = '  '): string {
  const indents: string[] = [];
  const indent = (level: number) => (indents[level] ??= `\n${space.repeat(level)}`);
  return write(value, 0, indent) ?? 'null';
}

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
    out += `${first ? '' : ','}${inner}${JSON.stringify(key)}: ${value}`;
    first = false;
  }
  return `{${out}${indent}}`;
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
