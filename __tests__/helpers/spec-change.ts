/**
 * A change `explain` proposes, applied to the spec's YAML text as a user would
 * make it (yaml's document API at the field path it names), so that a test can
 * check the path, the line and the change independently of how explain found it.
 */
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { SpecChange } from '../../src/access/explain/explain';
import { parsePath } from '../../src/errors';

export function applyChange(text: string, changes: readonly SpecChange[]): string {
  const doc = parseDocument(text);
  for (const c of changes) {
    const path = parsePath(c.path);
    if (c.change === 'add') doc.addIn(path, c.to);
    else if (c.change === 'set') doc.setIn(path, c.to);
    else doc.deleteIn(path);
  }
  return doc.toString();
}

/**
 * Whether the change's line is right: the line of `text` that names the field
 * it changes (its last key) or, for a field the YAML leaves to its default,
 * the line where its nearest written parent starts.
 */
export function lineIsRight(text: string, c: SpecChange): boolean {
  const path = parsePath(c.path);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.hasIn(path)) {
    const key = path.filter((s): s is string => typeof s === 'string').pop()!;
    return c.line !== undefined && text.split('\n')[c.line - 1].includes(key);
  }
  for (let n = path.length - 1; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return c.line === lc.linePos(node.range[0]).line;
  }
  return false;
}
