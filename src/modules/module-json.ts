/**
 * The module's `main.tf.json` (its `data` and `resource` blocks),
 * `variables.tf.json` and `outputs.tf.json`: the bytes of `sortedJson` of
 * their documents (the general path, kept here), cut from the account's stack
 * as `JSON.stringify` wrote it (render/stack-text.ts): the same blocks at the
 * same depth, less cdktf's `//` metadata of each element. So each body is
 * written once for both trees. A description holding what only the general
 * writer writes takes the general path. `__tests__/stack-text.test.ts` holds
 * the two equal on random descriptions.
 */
import { bodyJson, outputsJson, variablesJson, type AccountDescription } from '../description/account';
import { blocksCopy, bodyCopy } from '../render/blocks-copy';
import { stackMember } from '../render/stack-text';
import { sortedJson } from '../render/stable-json';
import { NOT_PLAIN, type CopyNotes } from '../render/terraform-copy';

/** The module's files written from the description, by name. */
export type ModuleFile = 'versions' | 'main' | 'variables' | 'outputs';

/** The `main` document as an object: `{ data, resource }`, each by type and name, the bodies as Terraform JSON. */
export function mainDoc(description: AccountDescription): Record<string, unknown> {
  const blocks: Record<'resource' | 'data', Record<string, Record<string, unknown>>> = { resource: {}, data: {} };
  for (const e of description.elements) (blocks[e.mode][e.type] ??= {})[e.id] = bodyJson(e.body);
  const main: Record<string, unknown> = {};
  if (description.elements.some((e) => e.mode === 'data')) main.data = blocks.data;
  if (description.elements.some((e) => e.mode === 'resource')) main.resource = blocks.resource;
  return main;
}

export const variablesDoc = (description: AccountDescription) => ({ variable: variablesJson(description) });
export const outputsDoc = (description: AccountDescription) => ({ output: outputsJson(description) });

/** `sortedJson` of the file's document. */
export function moduleJsonText(file: Exclude<ModuleFile, 'versions'>, d: AccountDescription): string {
  try {
    if (file === 'variables') return document('variable', member(d, 'variable'));
    if (file === 'outputs') return document('output', member(d, 'output'));
    const data = member(d, 'data');
    const resource = member(d, 'resource');
    if (data?.digitKey || resource?.digitKey) return JSON.stringify(mainCopy(d), null, 2);
    return document('data', data && withoutMetadata(data.text), 'resource', resource && withoutMetadata(resource.text));
  } catch (e) {
    if (e !== NOT_PLAIN) throw e;
    return sortedJson(file === 'main' ? mainDoc(d) : file === 'variables' ? variablesDoc(d) : outputsDoc(d));
  }
}

function member(d: AccountDescription, key: 'data' | 'resource' | 'output' | 'variable') {
  const found = stackMember(d, key);
  if (found === undefined) throw NOT_PLAIN;
  return found ?? undefined;
}

/** `{ "<key>": <text>, ... }` as `JSON.stringify` lays it out, members whose text is `undefined` left out. */
function document(...members: (string | { readonly text: string } | undefined)[]): string {
  let out = '';
  for (let i = 0; i < members.length; i += 2) {
    const value = members[i + 1];
    if (value === undefined) continue;
    out += `${out === '' ? '' : ','}\n  "${members[i] as string}": ${typeof value === 'string' ? value : value.text}`;
  }
  return out === '' ? '{}' : `{${out}\n}`;
}

/**
 * An element's `//` member in the stack: its lines at the depth of the body's
 * members and below, up to the next line at that depth, which closes it
 * (long patterns: the engine's search skips ahead by their length).
 */
const METADATA = '\n        "//": {\n          "metadata": {';
const METADATA_END = '\n          }\n        }';
/** What closes an element in the stack. */
const ELEMENT_END = '\n      }';

/** The stack's blocks less each element's metadata: the module's, member for member. */
function withoutMetadata(blocks: string): string {
  let out = '';
  let done = 0;
  for (let at = blocks.indexOf(METADATA); at >= 0; at = blocks.indexOf(METADATA, done)) {
    const end = blocks.indexOf(METADATA_END, at + METADATA.length);
    if (end < 0) throw NOT_PLAIN;
    const after = end + METADATA_END.length;
    out += blocks.slice(done, at);
    // The body's members follow (`,`), or the element closes: an empty body, `{}` in the module.
    if (blocks.charCodeAt(after) === 44) done = after + 1;
    else if (blocks.startsWith(ELEMENT_END, after)) done = after + ELEMENT_END.length - 1;
    else throw NOT_PLAIN;
  }
  return out + blocks.slice(done);
}

/** The `main` document copied in cdktf's order, for `JSON.stringify`. */
function mainCopy(d: AccountDescription): Record<string, unknown> {
  const notes: CopyNotes = { digitKey: false };
  const main: Record<string, unknown> = {};
  const data = blocksCopy(d.elements, 'data', notes, (e) => bodyCopy(e.body, notes));
  if (data) main.data = data;
  const resource = blocksCopy(d.elements, 'resource', notes, (e) => bodyCopy(e.body, notes));
  if (resource) main.resource = resource;
  return main;
}
