/**
 * `cross-account-iam schema`: the JSON Schema of the spec, generated from the
 * zod schema (zod 4's `z.toJSONSchema`), never written by hand. Editors use
 * it through the `# yaml-language-server: $schema=...` line that `init` writes.
 */
import { z } from 'zod';
import { specSchema } from '../../spec/schema';
import { usageText, verbArgs } from '../args';
import type { CliIO, Verb } from '../verb';

/** The JSON Schema of what a spec file may contain (zod's input side: defaults are optional). */
export function specJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specSchema, { io: 'input', unrepresentable: 'any' }),
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
