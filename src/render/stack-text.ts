/**
 * An account's stack (`cdk.tf.json`) as text: the bytes of
 * `stableJson(renderStackJson(description, versions))` (stack-json.ts, the
 * document as an object, which tests and tools read), from the document
 * copied once in cdktf's order and written by the engine's `JSON.stringify`
 * (terraform-copy.ts). A description holding what only the general writer
 * writes (a key starting with a digit, a `toJSON` member, ...) takes that path.
 * `__tests__/stack-text.test.ts` holds the two equal on random descriptions.
 */
import { importJson, type AccountDescription, type Element } from '../description/account';
import { Expression } from '../description/expressions';
import { byCodePoint } from '../order';
import { blocksCopy, bodyCopy } from './blocks-copy';
import { renderStackJson, type RenderVersions } from './stack-json';
import { stableJson } from './stable-json';
import { stampedVersions } from './versions';
import { codePointOrder, NOT_PLAIN, orderedCopy, stableLayout, terraformCopy, type CopyNotes } from './terraform-copy';

export function renderStackText(description: AccountDescription, versions: RenderVersions): string {
  const copied = stackJson(description, versions);
  if (copied !== undefined && !copied.digitKey) return stableLayout(copied.text);
  return stableJson(renderStackJson(description, versions));
}

/** The stack's document written by `JSON.stringify` (keys in cdktf's order), and whether it has a key starting with a digit. */
interface CopiedStack {
  readonly version: string;
  readonly text: string;
  readonly digitKey: boolean;
}

/** Each description's stack, written once: the module's files are parts of it (modules/module-json.ts). */
const written = new WeakMap<AccountDescription, CopiedStack>();

/** `JSON.stringify` of the stack's document in cdktf's order, once per description; `undefined` for what only the general writer writes. */
function stackJson(d: AccountDescription, versions: RenderVersions): CopiedStack | undefined {
  let copied = written.get(d);
  if (copied === undefined || copied.version !== versions.cdktf) {
    const notes: CopyNotes = { digitKey: false };
    try {
      copied = { version: versions.cdktf, text: JSON.stringify(stackCopy(d, versions, notes), null, 2), digitKey: notes.digitKey };
    } catch (e) {
      if (e !== NOT_PLAIN) throw e;
      return undefined;
    }
    written.set(d, copied);
  }
  return copied;
}

/**
 * A top-level member of the stack (`data`, `resource`, `output`, `variable`),
 * as `JSON.stringify` writes its value at depth 1 (an empty object as `{}`),
 * and whether the stack has a key starting with a digit; `undefined` when the
 * stack has no such member, or only the general writer writes it.
 */
export function stackMember(d: AccountDescription, key: 'data' | 'resource' | 'output' | 'variable'): { readonly text: string; readonly digitKey: boolean } | null | undefined {
  const copied = written.get(d) ?? stackJson(d, stampedVersions());
  if (copied === undefined) return undefined;
  const { text } = copied;
  // A line indented by two spaces starts a member of the document, or closes one.
  const head = `\n  "${key}": `;
  const at = text.indexOf(head);
  if (at < 0) return null;
  const start = at + head.length;
  const next = text.indexOf('\n  "', start);
  const end = next < 0 ? text.length - 2 : next - 1;
  return { text: text.slice(start, end), digitKey: copied.digitKey };
}

/** renderStackJson's document, keys in cdktf's order at every level. */
function stackCopy(d: AccountDescription, versions: RenderVersions, notes: CopyNotes): Record<string, unknown> {
  const stack = d.name;
  const imports: { id: string; to: string }[] = [];
  const imported: Record<string, string[]> = {};
  for (const e of d.elements) {
    if (e.importId === undefined) continue;
    imports.push(importJson(e) as { id: string; to: string });
    if (e.type === '__proto__') throw NOT_PLAIN;
    (imported[e.type] ??= []).push(e.id);
  }
  const outputNames = codePointOrder(Object.keys(d.outputs), notes);
  const doc: Record<string, unknown> = {
    '//': {
      metadata: {
        backend: d.backend.type,
        imports: imports.length > 0 ? orderedCopy(imported, notes, (ids) => ids) : undefined,
        overrides: { stack: ['terraform'] },
        stackName: stack,
        version: versions.cdktf,
      },
      outputs: { [stack]: Object.fromEntries(outputNames.map((name) => [name, name])) },
    },
  };
  const data = blocksCopy(d.elements, 'data', notes, (e) => stackElement(stack, e, notes));
  if (data) doc.data = data;
  if (imports.length > 0) doc.import = imports;
  doc.output = orderedCopy(d.outputs, notes, (o) => terraformCopy(o, notes));
  doc.provider = { aws: [terraformCopy(d.provider, notes)] };
  const resource = blocksCopy(d.elements, 'resource', notes, (e) => stackElement(stack, e, notes));
  if (resource) doc.resource = resource;
  doc.terraform = {
    backend: { [d.backend.type]: terraformCopy(d.backend.config, notes) },
    required_providers: { aws: { source: 'aws', version: d.awsProviderVersion } },
  };
  doc.variable = orderedCopy(d.variables, notes, (v) => terraformCopy({ ...v, type: new Expression(v.type) }, notes));
  return doc;
}

/** An element in the stack: cdktf's metadata (its construct path and logical id), then its body. */
function stackElement(stack: string, e: Element, notes: CopyNotes): Record<string, unknown> {
  const body = bodyCopy(e.body, notes);
  // A body key at or before `//` (none a provider has) would go first, or replace the metadata.
  for (const key in body) {
    if (byCodePoint(key, '//') <= 0) throw NOT_PLAIN;
    break;
  }
  return { '//': { metadata: { path: `${stack}/${e.path}`, uniqueId: e.id } }, ...body };
}
