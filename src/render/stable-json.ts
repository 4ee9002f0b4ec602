/**
 * JSON text with object keys sorted, formatted exactly as cdktf writes its
 * files (it uses json-stable-stringify 1.x with `space: 2`): one entry per
 * line, and an empty object or array still split over two lines.
 */
import { byCodePoint } from '../order';

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
  for (const key of Object.keys(node).sort(byCodePoint)) {
    const value = write((node as Record<string, unknown>)[key], level + 1, indentOf);
    // json-stable-stringify skips a member whose value renders as nothing (undefined) or as an empty string.
    if (!value) continue;
    out += `${first ? '' : ','}${inner}${JSON.stringify(key)}: ${value}`;
    first = false;
  }
  return `{${out}${indent}}`;
}
