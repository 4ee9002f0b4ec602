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
import { blocksCopy, bodyCopy } from './blocks-copy';
import { renderStackJson, type RenderVersions } from './stack-json';
import { stableJson } from './stable-json';
import { stampedVersions } from './versions';
import { codePointOrder, NOT_PLAIN, orderedCopy, stableLayout, terraformCopy, type CopyNotes } from './terraform-copy';

export function renderStackText(description: AccountDescription, versions: RenderVersions): string {
  const copied = stackJson(description, versions);
  if (copied === undefined || copied.digitKey) return stableJson(renderStackJson(description, versions));
  let out = '';
  for (const [key, text] of copied.members) out += `${out === '' ? '' : ','}\n  "${key}": ${stableLayout(text, '  ')}`;
  return `{${out}\n}`;
}

/** The stack's top-level members, in cdktf's order. */
type StackKey = '//' | 'data' | 'import' | 'output' | 'provider' | 'resource' | 'terraform' | 'variable';

/** The stack's members as `JSON.stringify` writes them at depth 1 (keys in cdktf's order), and whether it has a key starting with a digit. */
interface CopiedStack {
  readonly version: string;
  readonly members: readonly (readonly [StackKey, string])[];
  readonly digitKey: boolean;
}

/** Each description's stack, written once: the module's files are parts of it (modules/module-json.ts). */
const written = new WeakMap<AccountDescription, CopiedStack>();

/** The stack's members as `JSON.stringify` writes them, once per description; `undefined` for what only the general writer writes. */
function stackJson(d: AccountDescription, versions: RenderVersions): CopiedStack | undefined {
  let copied = written.get(d);
  if (copied === undefined || copied.version !== versions.cdktf) {
    const notes: CopyNotes = { digitKey: false };
    try {
      const members = stackCopy(d, versions, notes).map(([key, value]) => [key, memberJson(key, value)] as const);
      copied = { version: versions.cdktf, members, digitKey: notes.digitKey };
    } catch (e) {
      if (e !== NOT_PLAIN) throw e;
      return undefined;
    }
    written.set(d, copied);
  }
  return copied;
}

/** `JSON.stringify` of a value at depth 1: what follows `"<key>": ` in the document. */
function memberJson(key: StackKey, value: unknown): string {
  return JSON.stringify({ [key]: value }, null, 2).slice(`{\n  "${key}": `.length, -'\n}'.length);
}

/**
 * A top-level member of the stack (`data`, `resource`, `output`, `variable`)
 * as `JSON.stringify` writes it at depth 1 (an empty object as `{}`), and
 * whether the stack has a key starting with a digit; `null` when the stack
 * has no such member, `undefined` when only the general writer writes it.
 */
export function stackMember(d: AccountDescription, key: StackKey): { readonly text: string; readonly digitKey: boolean } | null | undefined {
  const copied = written.get(d) ?? stackJson(d, stampedVersions());
  if (copied === undefined) return undefined;
  const found = copied.members.find(([k]) => k === key);
  return found === undefined ? null : { text: found[1], digitKey: copied.digitKey };
}

/** renderStackJson's document as its members in cdktf's order, each copied with its keys in that order. */
function stackCopy(d: AccountDescription, versions: RenderVersions, notes: CopyNotes): [StackKey, unknown][] {
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
  const members: [StackKey, unknown][] = [
    [
      '//',
      {
        metadata: {
          backend: d.backend.type,
          imports: imports.length > 0 ? orderedCopy(imported, notes, (ids) => ids) : undefined,
          overrides: { stack: ['terraform'] },
          stackName: stack,
          version: versions.cdktf,
        },
        outputs: { [stack]: Object.fromEntries(outputNames.map((name) => [name, name])) },
      },
    ],
  ];
  const data = blocksCopy(d.elements, 'data', notes, (e) => stackElement(stack, e, notes));
  if (data) members.push(['data', data]);
  if (imports.length > 0) members.push(['import', imports]);
  members.push(['output', orderedCopy(d.outputs, notes, (o) => terraformCopy(o, notes))]);
  members.push(['provider', { aws: [terraformCopy(d.provider, notes)] }]);
  const resource = blocksCopy(d.elements, 'resource', notes, (e) => stackElement(stack, e, notes));
  if (resource) members.push(['resource', resource]);
  members.push([
    'terraform',
    {
      backend: { [d.backend.type]: terraformCopy(d.backend.config, notes) },
      required_providers: { aws: { source: 'aws', version: d.awsProviderVersion } },
    },
  ]);
  members.push(['variable', orderedCopy(d.variables, notes, (v) => terraformCopy({ ...v, type: new Expression(v.type) }, notes))]);
  return members;
}

/** An element in the stack: cdktf's metadata (its construct path and logical id), then its body. */
function stackElement(stack: string, e: Element, notes: CopyNotes): Record<string, unknown> {
  return bodyCopy(e.body, notes, ['//', { metadata: { path: `${stack}/${e.path}`, uniqueId: e.id } }]);
}
