/**
 * Terraform allows `import` blocks only in a root module, so adopting what
 * the plain modules manage takes blocks in the root that calls them, with
 * module addresses (`module.<account>.aws_iam_role.<id>`). Synth writes them
 * to `modules/imports.tf.json` when anything is adopted; copy that file next
 * to the root module (the one in modules/README.md calls each account module
 * by the same name).
 */
import type { AccountDescription } from '../description/account';
import { templateLiteral } from '../description/expressions';
import { accountIdent } from '../names';

export const ROOT_IMPORTS_FILE = 'imports.tf.json';

export interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

/** The import blocks a root needs for one account's module. */
export function moduleImportBlocks(description: AccountDescription): ImportBlock[] {
  return description.elements.flatMap((e) =>
    e.importId !== undefined ? [{ to: `module.${accountIdent(description.name)}.${e.type}.${e.id}`, id: e.importId }] : [],
  );
}

/** `imports.tf.json`: Terraform JSON with one `import` block per adopted object (its id a literal, escaped). */
export function rootImportsFile(blocks: readonly ImportBlock[]): string {
  return `${JSON.stringify({ import: blocks.map((b) => ({ to: b.to, id: templateLiteral(b.id) })) }, null, 2)}\n`;
}
