/**
 * Lines of a YAML spec, without keeping its parsed document: the document of
 * an organization's spec (its nodes, pairs, ranges and source text) is several
 * times the size of the spec it reads as (129 MiB at 1000 accounts), and the
 * locator outlives it (lint findings and the access proof's are located after
 * the resolver). This keeps, per map and sequence, where it and each of its
 * items start, and the line of an offset is looked up only when a location is
 * asked for.
 *
 * It answers as the document does (`__tests__/helpers/yaml-lines.ts`): the line of the
 * node a path names (`Document.getIn(path, true)`), or of the nearest one
 * above it that exists; a path through a scalar or an alias stops there.
 * `__tests__/yaml-locator.test.ts` holds the two equal on random documents.
 */
import type { Document, LineCounter, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLib } from './yaml-lib';
import type { Locate } from './zod-problems';

/** A map or a sequence: where it starts, and each item (a scalar or an alias as its offset; undefined where no node is). */
interface Collection {
  readonly offset: number;
  /** A map's keys (as yaml's `findPair` compares them: a scalar key's value), one per item; undefined for a sequence. */
  readonly keys: unknown[] | undefined;
  readonly items: (Item | undefined)[];
}
type Item = Collection | number;

export function yamlLocator(doc: Document, lc: LineCounter): Locate {
  const root = itemOf(doc.contents);
  return (path) => {
    let at = root;
    if (at === undefined) return undefined;
    for (const segment of path) {
      if (typeof at === 'number') break; // through a scalar or an alias: its line
      const next = childOf(at, segment);
      if (next === undefined) break; // a missing field is reported at its parent
      at = next;
    }
    return lc.linePos(typeof at === 'number' ? at : at.offset).line;
  };
}

/** What a node keeps: a collection's items, a scalar's or an alias's offset; undefined for what is not a node with a range. */
function itemOf(node: unknown): Item | undefined {
  const { isMap, isNode, isPair, isScalar, isSeq } = yamlLib();
  if (!isNode(node) || !node.range) return undefined;
  if (!isMap(node) && !isSeq(node)) return node.range[0];
  // Built without recursion: a deep document must not exhaust the stack (the loader refuses it after the scan).
  const top = collectionOf(node);
  const stack: [YAMLMap | YAMLSeq, Collection][] = [[node, top]];
  while (stack.length > 0) {
    const [n, c] = stack.pop()!;
    n.items.forEach((item: unknown, i) => {
      let child = item;
      if (c.keys) {
        // As findPair compares: a scalar key by its value, any other key only by identity, which no path segment has
        // (a node as key is kept as NO_KEY, not itself: that would keep its nodes).
        child = isPair(item) ? item.value : undefined;
        const key = isPair(item) ? item.key : NO_KEY;
        c.keys[i] = isScalar(key) ? key.value : isNode(key) ? NO_KEY : key;
      }
      if (!isNode(child) || !child.range) c.items[i] = undefined;
      else if (!isMap(child) && !isSeq(child)) c.items[i] = child.range[0];
      else {
        const nested = collectionOf(child);
        c.items[i] = nested;
        stack.push([child, nested]);
      }
    });
  }
  return top;
}

/** An empty record of a map or sequence, its arrays of the exact length (grown by push, each would hold 17 entries or more). */
function collectionOf(node: YAMLMap | YAMLSeq): Collection {
  const n = node.items.length;
  return { offset: node.range![0], keys: yamlLib().isMap(node) ? new Array<unknown>(n) : undefined, items: new Array<Item | undefined>(n) };
}

/** A key no path segment equals. */
const NO_KEY = Symbol('complex key');

/** The item a path segment names in a collection, as the document's `get` finds it. */
function childOf(c: Collection, segment: PropertyKey): Item | undefined {
  if (c.keys) {
    const i = c.keys.indexOf(segment);
    return i < 0 ? undefined : c.items[i];
  }
  const index = itemIndex(segment);
  return index === undefined ? undefined : c.items[index];
}

/** yaml's `asItemIndex`: a number, or a non-empty string read as one, when it is a whole number of zero or more. */
function itemIndex(segment: PropertyKey): number | undefined {
  const n = typeof segment === 'string' && segment !== '' ? Number(segment) : segment;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
