/**
 * Terraform JSON, as the modules use it, rendered in HCL native syntax the way
 * `terraform fmt` writes it (two-space indent, `=` aligned across consecutive
 * one-line attributes). Why not cdktf's own `hclOutput`: it renders whole
 * stacks only (provider and backend included), unformatted, with quoted
 * `depends_on` references; the modules are built from JSON, so converting that
 * JSON is both smaller and exact.
 *
 * Conversions: a string that is exactly one `${...}` becomes the bare
 * expression; other strings stay templates, escaped outside `${...}`/`%{...}`
 * (`$${` and `%%{` mean the same in both syntaxes; the JSON holds every value
 * of the spec escaped, so every live `${...}` is one of the tool's own);
 * `depends_on` entries and variable `type`s are expressions; an array of
 * objects inside a resource or data source is a repeated nested block.
 */
import { DATA_KINDS, RESOURCE_KINDS } from '../description/kinds';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** A rendered line, with whether it is a one-line attribute (the only kind `terraform fmt` aligns). */
interface Line {
  readonly indent: number;
  readonly text: string;
  /** For one-line attributes: the name, aligned with its neighbours. */
  readonly key?: string;
}

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Splits a template at top-level `${...}` / `%{...}` sequences: [literal, expr, literal, ...]. */
function templateParts(s: string): { literal: boolean; text: string }[] {
  const parts: { literal: boolean; text: string }[] = [];
  let lit = '';
  let i = 0;
  while (i < s.length) {
    if ((s[i] === '$' || s[i] === '%') && s[i + 1] === s[i] && s[i + 2] === '{') {
      lit += s.slice(i, i + 3); // `$${` and `%%{` are escapes in both syntaxes
      i += 3;
    } else if ((s[i] === '$' || s[i] === '%') && s[i + 1] === '{') {
      const end = matchingBrace(s, i + 1);
      if (end < 0) throw new Error(`unbalanced template in ${JSON.stringify(s)}`);
      if (lit) parts.push({ literal: true, text: lit });
      lit = '';
      parts.push({ literal: false, text: s.slice(i, end + 1) });
      i = end + 1;
    } else lit += s[i++];
  }
  if (lit) parts.push({ literal: true, text: lit });
  return parts;
}

/** Index of the `}` closing the `{` at `open`, skipping quoted strings inside the expression. */
function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

const escapeLiteral = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

/** A string value: a bare expression when it is exactly one interpolation, else a quoted template. */
export function hclString(s: string): string {
  const parts = templateParts(s);
  if (parts.length === 1 && !parts[0].literal && parts[0].text.startsWith('${')) return parts[0].text.slice(2, -1).trim();
  return `"${parts.map((p) => (p.literal ? escapeLiteral(p.text) : p.text)).join('')}"`;
}

/** Object keys: bare when they are identifiers (HCL reads a bare key literally), quoted otherwise. */
const objectKey = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) && !['true', 'false', 'null'].includes(k) ? k : `"${escapeLiteral(k)}"`);

/**
 * Nested block paths of a resource or data source type, from kinds.ts. An
 * empty array in Terraform JSON means "no blocks" only for blocks; the table
 * removes the guess. For a type not listed, a non-empty array of objects is
 * taken as blocks.
 */
function blocksOf(mode: 'resource' | 'data', type: string): readonly string[] | undefined {
  const kind = (mode === 'data' ? DATA_KINDS : RESOURCE_KINDS)[type];
  return kind ? (kind.blocks ?? []) : undefined;
}

/** An expression value; may span lines (objects, lists of objects). Returns the lines after the first. */
function expression(v: Json, indent: number): { first: string; rest: Line[] } {
  if (v === null) return { first: 'null', rest: [] };
  if (typeof v === 'string') return { first: hclString(v), rest: [] };
  if (typeof v === 'number' || typeof v === 'boolean') return { first: String(v), rest: [] };
  if (Array.isArray(v)) {
    if (v.every((x) => !isObj(x) && !Array.isArray(x))) return { first: `[${v.map((x) => expression(x, indent).first).join(', ')}]`, rest: [] };
    const rest: Line[] = [];
    for (const item of v) {
      const e = expression(item, indent + 1);
      if (e.rest.length === 0) rest.push({ indent: indent + 1, text: `${e.first},` });
      else {
        const close = e.rest[e.rest.length - 1];
        rest.push({ indent: indent + 1, text: e.first }, ...e.rest.slice(0, -1), { indent: close.indent, text: `${close.text},` });
      }
    }
    return { first: '[', rest: [...rest, { indent, text: ']' }] };
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return { first: '{}', rest: [] };
  const rest: Line[] = [];
  for (const k of keys) rest.push(...attribute(objectKey(k), v[k], indent + 1));
  return { first: '{', rest: [...rest, { indent, text: '}' }] };
}

function attribute(name: string, v: Json, indent: number): Line[] {
  const e = expression(v, indent);
  if (e.rest.length === 0) return [{ indent, text: e.first, key: name }];
  return [{ indent, text: `${name} = ${e.first}` }, ...e.rest];
}

interface BodyContext {
  /** Block paths of the resource type, when known. */
  readonly blocks?: readonly string[];
  /** The dotted path of this body inside the resource. */
  readonly path: string;
  /** Keys whose string values are expressions (variable `type`). */
  readonly raw?: ReadonlySet<string>;
}

function isBlock(k: string, v: Json, ctx: BodyContext): boolean {
  if (!Array.isArray(v)) return false;
  const path = ctx.path ? `${ctx.path}.${k}` : k;
  if (ctx.blocks) return ctx.blocks.includes(path);
  return v.length > 0 && v.every(isObj);
}

/** Attributes in the given order, then nested blocks. */
function body(obj: Obj, indent: number, ctx: BodyContext = { path: '' }): Line[] {
  const attrs: Line[] = [];
  const blocks: Line[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'depends_on' && Array.isArray(v)) attrs.push({ indent, text: `[${v.map(String).join(', ')}]`, key: k });
    else if (ctx.raw?.has(k) && typeof v === 'string') attrs.push({ indent, text: v, key: k });
    else if (isBlock(k, v, ctx)) {
      const path = ctx.path ? `${ctx.path}.${k}` : k;
      for (const item of v as Json[]) {
        if (!isObj(item)) throw new Error(`block ${path} holds a non-object`);
        blocks.push(...block(k, [], item, indent, { ...ctx, path, raw: undefined }));
      }
    } else attrs.push(...attribute(k, v, indent));
  }
  return [...attrs, ...blocks];
}

function block(type: string, labels: readonly string[], obj: Obj, indent: number, ctx: BodyContext = { path: '' }): Line[] {
  const head = [type, ...labels.map((l) => JSON.stringify(l))].join(' ');
  const inner = body(obj, indent + 1, ctx);
  return inner.length === 0 ? [{ indent, text: `${head} {}` }] : [{ indent, text: `${head} {` }, ...inner, { indent, text: '}' }];
}

/** Prints lines, aligning `=` across runs of consecutive one-line attributes at the same indent. */
function print(lines: readonly Line[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].key === undefined) {
      out.push(lines[i].text === '' ? '' : '  '.repeat(lines[i].indent) + lines[i].text);
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].key !== undefined && lines[j].indent === lines[i].indent) j++;
    const width = Math.max(...lines.slice(i, j).map((l) => l.key!.length));
    for (const l of lines.slice(i, j)) out.push(`${'  '.repeat(l.indent)}${l.key!.padEnd(width)} = ${l.text}`);
    i = j;
  }
  return `${out.join('\n')}\n`;
}

const RAW_VARIABLE_KEYS = new Set(['type']);

/** One Terraform JSON document (the top-level keys modules use) as an HCL file. */
export function toHcl(doc: Obj, header?: string): string {
  const lines: Line[] = header ? [...header.split('\n').map((t) => ({ indent: 0, text: `# ${t}`.trimEnd() })), { indent: 0, text: '' }] : [];
  const add = (block: Line[]) => {
    if (lines.length > 0 && lines[lines.length - 1].text !== '') lines.push({ indent: 0, text: '' });
    lines.push(...block);
  };
  for (const [top, value] of Object.entries(doc)) {
    if (!isObj(value)) throw new Error(`unexpected top-level ${top} in Terraform JSON`);
    if (top === 'terraform') {
      const { required_providers: rp, ...rest } = value;
      const inner = [...body(rest, 1)];
      if (isObj(rp ?? null))
        inner.push({ indent: 1, text: 'required_providers {' }, ...Object.entries(rp as Obj).flatMap(([k, v]) => attribute(k, v, 2)), { indent: 1, text: '}' });
      add([{ indent: 0, text: 'terraform {' }, ...inner, { indent: 0, text: '}' }]);
    } else if (top === 'resource' || top === 'data') {
      for (const [type, instances] of Object.entries(value)) {
        for (const [name, b] of Object.entries(instances as Obj)) add(block(top, [type, name], b as Obj, 0, { path: '', blocks: blocksOf(top, type) }));
      }
    } else if (top === 'variable' || top === 'output' || top === 'locals' || top === 'module') {
      if (top === 'locals') add([{ indent: 0, text: 'locals {' }, ...body(value, 1), { indent: 0, text: '}' }]);
      else
        for (const [name, b] of Object.entries(value))
          add(block(top, [name], b as Obj, 0, { path: '', raw: top === 'variable' ? RAW_VARIABLE_KEYS : undefined }));
    } else throw new Error(`no HCL rendering for top-level "${top}"`);
  }
  if (lines.length === 0) return '';
  return print(lines);
}
