/**
 * The `resource` and `data` blocks of a stack or a module as copies in
 * cdktf's order (terraform-copy.ts): the elements by type and name.
 */
import type { Body, Element } from '../description/account';
import { codePointOrder, NOT_PLAIN, terraformCopy, type CopyNotes } from './terraform-copy';

/** The body as Terraform JSON in cdktf's order. */
export function bodyCopy(body: Body, notes: CopyNotes): Record<string, unknown> {
  const copy = terraformCopy(body, notes);
  if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) throw NOT_PLAIN;
  return copy as Record<string, unknown>;
}

/**
 * The elements of one mode, by type and name in cdktf's order, each as
 * `value` makes it; `undefined` when there are none. A name given twice for a
 * type keeps its last element, as an object's key does.
 */
export function blocksCopy(
  elements: readonly Element[],
  mode: Element['mode'],
  notes: CopyNotes,
  value: (e: Element) => unknown,
): Record<string, Record<string, unknown>> | undefined {
  const byType = new Map<string, Map<string, Element>>();
  for (const e of elements) {
    if (e.mode !== mode) continue;
    if (e.type === '__proto__' || e.id === '__proto__') throw NOT_PLAIN;
    let named = byType.get(e.type);
    if (named === undefined) byType.set(e.type, (named = new Map()));
    named.set(e.id, e);
  }
  if (byType.size === 0) return undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const type of codePointOrder([...byType.keys()], notes)) {
    const named = byType.get(type)!;
    const block: Record<string, unknown> = {};
    for (const id of codePointOrder([...named.keys()], notes)) block[id] = value(named.get(id)!);
    out[type] = block;
  }
  return out;
}
