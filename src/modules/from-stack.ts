/**
 * A synthesized account stack, turned into a plain Terraform child module:
 * `required_providers`, resources, data sources, variables and outputs, with
 * no provider configuration and no backend, split the way hand-written modules
 * are (`versions`, `main`, `variables`, `outputs`). No cdktf is needed to read
 * or call it.
 */
import type { AccountModel } from '../model/types';
import { moduleReadme } from './readme';

/** The Terraform JSON that cdktf writes for one stack (the parts we read). */
export interface StackJson {
  terraform?: { required_providers?: Record<string, { source: string; version?: string }>; backend?: unknown };
  provider?: unknown;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, { type?: string; default?: unknown; description?: string }>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
}

/** The AWS provider versions the modules accept: the major version they are tested with. */
export const MODULE_AWS_VERSION = '~> 5.100';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Drops cdktf's `//` metadata from every block instance. */
function stripMetadata<T extends Record<string, Record<string, Record<string, unknown>>>>(blocks: T | undefined): T | undefined {
  if (!blocks) return undefined;
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [type, instances] of Object.entries(blocks)) {
    out[type] = {};
    for (const [name, body] of Object.entries(instances)) {
      const { ['//']: _metadata, ...rest } = body;
      out[type][name] = rest;
    }
  }
  return out as T;
}

export function moduleFiles(stack: StackJson, account: AccountModel): Map<string, string> {
  const providers = Object.fromEntries(
    Object.entries(stack.terraform?.required_providers ?? {}).map(([name, p]) => [name, { source: p.source.includes('/') ? p.source : `hashicorp/${p.source}`, version: MODULE_AWS_VERSION }]),
  );
  const main: Record<string, unknown> = {};
  const data = stripMetadata(stack.data);
  const resource = stripMetadata(stack.resource);
  if (data) main.data = data;
  if (resource) main.resource = resource;
  return new Map([
    ['versions.tf.json', json({ terraform: { required_providers: providers } })],
    ['main.tf.json', json(main)],
    ['variables.tf.json', json({ variable: stack.variable ?? {} })],
    ['outputs.tf.json', json({ output: stack.output ?? {} })],
    ['README.md', moduleReadme(stack, account)],
  ]);
}
