/**
 * `cross-account-iam schema`: the JSON Schema of the spec, generated from the
 * zod schema (zod 4's `z.toJSONSchema`), never written by hand. Editors use
 * it through the `# yaml-language-server: $schema=...` line that `init` writes.
 */
import { z } from 'zod';
import { specSchema } from '../../input/schema';
import { usageText, verbArgs } from '../args';
import type { CliIO, Verb } from '../verb';

/**
 * zod leaves out the examples and default of a field that transforms what it
 * reads (ids, UUIDs, and lists or objects holding them, such as `roles`), as
 * values of its output; ours are written as a user types them, so they stay, a
 * field's own examples over those of the schema it wraps (a test checks each
 * against its field).
 */
function keepExamples(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const examples = z.globalRegistry.get(ctx.zodSchema as z.core.$ZodType)?.examples;
  if (Array.isArray(examples)) ctx.jsonSchema.examples = examples;
  const def = ctx.zodSchema._zod.def;
  if (def.type === 'default' && ctx.jsonSchema.default === undefined) ctx.jsonSchema.default = JSON.parse(JSON.stringify(def.defaultValue));
}

/**
 * The JSON Schema of what a spec file may contain (zod's input side: defaults
 * are optional). Each field's description, examples and default come from its
 * `.meta()` where the field is defined.
 */
export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specSchema, { io: 'input', unrepresentable: 'any', override: keepExamples }),
    title: 'cross-account-iam spec',
    description: 'AWS accounts, OIDC issuers and the roles their workloads assume; `cross-account-iam synth` turns it into Terraform.',
  };
}

export const verb: Verb = {
  name: 'schema',
  summary: 'print the JSON Schema of the spec (for editors and CI validation)',
  usage: usageText({
    synopsis: ['schema'],
    description: `
Prints the JSON Schema (draft 2020-12) of the spec file to stdout, generated
from the same zod schema the CLI validates with. The schema checks the shape;
\`cross-account-iam check\` also checks references and runs the lint pack.`,
    flags: [],
    exit: '0 success, 2 usage',
  }),
  run(argv: readonly string[], io: CliIO): number {
    const args = verbArgs(argv, [], { usage: verb.usage, stdout: io.stdout }, 'none');
    if (!args) return 0;
    io.stdout(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    return 0;
  },
};
