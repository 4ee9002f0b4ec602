/**
 * An account's stack as Terraform JSON (`cdk.tf.json`), rendered from its
 * description: the document cdktf synthesizes from an {@link AccountStack},
 * without building the construct tree or resolving tokens. A test keeps the
 * two byte-identical. Every literal is escaped (`terraformJson`), so
 * Terraform reads each value of the spec as it was typed.
 */
import { bodyJson, importJson, outputsJson, variablesJson, type AccountDescription, type Body } from '../description/account';
import { terraformJson } from '../description/expressions';

export interface RenderVersions {
  /** The cdktf version stamped in the metadata. */
  readonly cdktf: string;
}

type Blocks = Record<string, Record<string, Body>>;

export function renderStackJson(description: AccountDescription, versions: RenderVersions): Record<string, unknown> {
  const stack = description.name;
  const blocks: Record<'resource' | 'data', Blocks> = { resource: {}, data: {} };
  const imports: Body[] = [];
  const imported: Record<string, string[]> = {};
  for (const e of description.elements) {
    // cdktf's per-element metadata: the construct path and the logical id.
    (blocks[e.mode][e.type] ??= {})[e.id] = { '//': { metadata: { path: `${stack}/${e.path}`, uniqueId: e.id } }, ...bodyJson(e.body) };
    if (e.importId !== undefined) {
      imports.push(importJson(e));
      (imported[e.type] ??= []).push(e.id);
    }
  }
  const outputNames = Object.fromEntries(Object.keys(description.outputs).map((name) => [name, name]));
  const out: Record<string, unknown> = {
    '//': {
      // `overrides`: cdktf notes that AccountStack overrides the `terraform` block (the provider version constraint).
      metadata: {
        backend: description.backend.type,
        imports: imports.length > 0 ? imported : undefined,
        overrides: { stack: ['terraform'] },
        stackName: stack,
        version: versions.cdktf,
      },
      outputs: { [stack]: outputNames },
    },
    terraform: {
      backend: { [description.backend.type]: terraformJson(description.backend.config) },
      required_providers: { aws: { source: 'aws', version: description.awsProviderVersion } },
    },
    provider: { aws: [bodyJson(description.provider)] },
    variable: variablesJson(description),
    output: outputsJson(description),
  };
  if (Object.keys(blocks.data).length > 0) out.data = blocks.data;
  if (Object.keys(blocks.resource).length > 0) out.resource = blocks.resource;
  if (imports.length > 0) out.import = imports;
  return out;
}
