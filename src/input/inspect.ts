/**
 * Checks that cover every field of the spec at once, before the schema looks
 * at any one of them, so that a field added later is covered without doing
 * anything:
 *
 * - no key or text value holds a control or invisible character (a `|` block
 *   leaves a trailing newline in a `sub`, which then never matches and splits
 *   the lines of ACCESS.md);
 * - no key or value holds cdktf's token marker (`${TfToken[`, `#{TfToken[`,
 *   `&{TfToken[`): `AccountStack` hands every value to cdktf, which would
 *   replace the marker with another value, or fail;
 * - nothing nests deeper than {@link MAX_DEPTH} levels (the default example
 *   needs 11), so that no walk of the spec runs out of stack;
 * - in YAML, every number reads back as written (`011111111111` is read as
 *   11111111111, `109876543210987654321` as 109876543210987650000); the loader
 *   refuses such a number wherever the field takes text.
 */
import type { Document, Node } from 'yaml';
import { yamlLib } from './yaml-lib';

/** Deeper than any spec needs, far below what a recursive walk can take. */
export const MAX_DEPTH = 64;

/** C0 and C1 controls, DEL, line and paragraph separators, zero-width and direction marks, bidi controls and a stray BOM. */
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** cdktf's markers of a string, list or map token inside a string (cdktf/lib/tokens/private/encoding.js). */
export const CDKTF_TOKEN = /[$#&]\{TfToken\[/;

export type Path = readonly (string | number)[];

export interface ControlChar {
  readonly path: Path;
  readonly value: string;
  readonly index: number;
  readonly isKey: boolean;
}

export interface ValueScan {
  readonly controls: readonly ControlChar[];
  /** Keys and values with a cdktf token marker, `index` at the marker. */
  readonly tokenMarkers: readonly ControlChar[];
  /** The first path nested deeper than MAX_DEPTH, if any. */
  readonly tooDeep?: Path;
  /** How many objects and arrays the input has (each shared one once). */
  readonly objects: number;
}

/** Walks plain data (from YAML or the TypeScript API) without recursion; shared objects are walked once, cycles end. Paths are built only for what is reported. */
export function scanValues(input: unknown): ValueScan {
  const controls: ControlChar[] = [];
  const tokenMarkers: ControlChar[] = [];
  // The path is rebuilt only for a value that has a finding (no closure per string: an organization's spec has a million).
  const check = (value: string, frame: number, key: string | undefined) => {
    const m = INVISIBLE.exec(value);
    if (m) controls.push({ path: pathOf(frame, key), value, index: m.index, isKey: key !== undefined });
    const t = CDKTF_TOKEN.exec(value);
    if (t) tokenMarkers.push({ path: pathOf(frame, key), value, index: t.index, isKey: key !== undefined });
  };
  let tooDeep: Path | undefined;
  const seen = new Set<object>();
  // Each frame: its parent frame, its key and its depth; the path of a frame is rebuilt from its parents on demand.
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  const depths: number[] = [0];
  const pathOf = (frame: number, last?: string | number): Path => {
    const out: (string | number)[] = last === undefined ? [] : [last];
    for (let f = frame; f > 0; f = parents[f]) out.push(keys[f]);
    return out.reverse();
  };
  // Two parallel stacks (value, frame) rather than a pair per value; the same order of visits.
  const values: unknown[] = [input];
  const frames: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const frame = frames.pop()!;
    if (typeof value === 'string') {
      check(value, frame, undefined);
      continue;
    }
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (depths[frame] >= MAX_DEPTH) {
      tooDeep ??= pathOf(frame);
      continue;
    }
    const depth = depths[frame] + 1;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        parents.push(frame);
        keys.push(i);
        depths.push(depth);
        values.push(value[i]);
        frames.push(parents.length - 1);
      }
      continue;
    }
    const childKeys = Object.keys(value);
    for (let i = childKeys.length - 1; i >= 0; i--) {
      const key = childKeys[i];
      check(key, frame, key);
      parents.push(frame);
      keys.push(key);
      depths.push(depth);
      values.push((value as Record<string, unknown>)[key]);
      frames.push(parents.length - 1);
    }
  }
  return { controls, tokenMarkers, tooDeep, objects: seen.size };
}

/** A YAML number whose source text is not what it reads as. */
export interface LossyNumber {
  readonly path: Path;
  readonly source: string;
  readonly read: string;
}

export interface YamlScan {
  readonly lossy: readonly LossyNumber[];
  /** The first node nested deeper than MAX_DEPTH, with its path and source offset. */
  readonly tooDeep?: { readonly path: Path; readonly offset?: number };
}

/** Walks the YAML syntax tree without recursion: numbers that do not read back as written, and nesting too deep for toJS. */
export function scanYaml(doc: Document): YamlScan {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
  const lossy: LossyNumber[] = [];
  let tooDeep: YamlScan['tooDeep'];
  const stack: [Node | null | undefined, Path][] = [[doc.contents as Node | null, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (!node || isAlias(node)) continue;
    if (isScalar(node)) {
      if (typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
        lossy.push({ path, source: node.source, read: String(node.value) });
      }
      continue;
    }
    if (path.length >= MAX_DEPTH) {
      tooDeep ??= { path, offset: node.range?.[0] };
      continue;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        stack.push([pair.value as Node | null, [...path, String(key)]]);
        // A key nested in a complex key is still part of the tree.
        if (pair.key && !isScalar(pair.key)) stack.push([pair.key as Node, [...path, '(key)']]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push([item as Node | null, [...path, i]]));
    }
  }
  return { lossy, tooDeep };
}

export const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((s, i) => String(s) === String(b[i]));
