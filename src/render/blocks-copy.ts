/**
 * The `resource` and `data` blocks of a stack or a module as copies in
 * cdktf's order (terraform-copy.ts): the elements by type and name.
 */
import type { Body, Element } from '../description/account';
import { Expression } from '../description/expressions';
import { codePointOrder, NOT_PLAIN, objectCopy, type CopyNotes } from './terraform-copy';

/** The body as Terraform JSON in cdktf's order, after `lead` when given (a member whose key sorts before every key of the body). */
export function bodyCopy(body: Body, notes: CopyNotes, lead?: readonly [string, unknown]): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Expression) throw NOT_PLAIN;
  return objectCopy(body, notes, lead);
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
