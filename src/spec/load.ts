/**
 * Reads a spec from YAML or from a TypeScript object and validates it. Every
 * problem is reported at once, with the file, the field path (and line, for
 * YAML) and the fix. Parsing never throws anything but a SpecError.
 */
import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, problems, SpecError, type Problem } from '../errors';
import { specSchema, type Spec, type SpecInput } from './schema';

/** Types a spec written in TypeScript; validation happens when it is loaded. */
export function defineSpec(spec: SpecInput): SpecInput {
  return spec;
}

/** A validated spec and where it came from. */
export interface LoadedSpec {
  readonly file: string;
  readonly spec: Spec;
  /** The line of a field path in the file, for YAML specs; used to point lint findings at their line. */
  readonly locate?: Locate;
}

/** The line a field path starts on, or undefined. */
export type Locate = (path: readonly PropertyKey[]) => number | undefined;

/** `file:line` when the line of `path` is known, else `file`. */
export function fileAt(loaded: Pick<LoadedSpec, 'file' | 'locate'>, path: readonly PropertyKey[]): string {
  const line = loaded.locate?.(path);
  return line ? `${loaded.file}:${line}` : loaded.file;
}

export function validateSpec(input: unknown, file = '<inline>', locate?: Locate): LoadedSpec {
  let result: ReturnType<typeof specSchema.safeParse>;
  try {
    result = specSchema.safeParse(input);
  } catch (e) {
    // Input zod cannot walk (a cyclic or absurdly deep object from the TypeScript API).
    throw new SpecError([problems.unparseable(file, (e as Error).message)]);
  }
  if (!result.success) throw new SpecError(zodProblems(result.error, file, locate));
  return { file, spec: result.data, locate };
}

export function parseSpecYaml(text: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new SpecError([problems.yamlSyntax(file, '', (e as Error).message)]);
  }
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => {
        const pos = e.pos?.[0] !== undefined ? lineCounter.linePos(e.pos[0]) : undefined;
        const where = pos ? `line ${pos.line}, column ${pos.col}` : '';
        return problems.yamlSyntax(file, where, e.message.split('\n')[0]);
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new SpecError([problems.yamlSyntax(file, '', (e as Error).message)]);
  }
  return validateSpec(data ?? {}, file, locator(doc, lineCounter));
}

/** Reads a YAML spec. `name` is how errors and generated files name it (default: the path as given). */
export function loadSpecFile(file: string, name = file): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecError([problems.unreadable(name, (e as NodeJS.ErrnoException).code ?? (e as Error).message)]);
  }
  return parseSpecYaml(text, name);
}

function locator(doc: Document, lc: LineCounter): Locate {
  return (path) => {
    // Walk up until a node exists: a missing field is reported at its parent.
    for (let n = path.length; n >= 0; n--) {
      try {
        const node = doc.getIn(path.slice(0, n) as unknown[], true);
        if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
      } catch {
        // A path through an alias or a scalar: try the parent.
      }
    }
    return undefined;
  };
}

const GENERIC_FIX: Record<string, string> = {
  invalid_type: 'write a value of the expected type',
  unrecognized_keys: 'remove the field or correct its spelling',
  invalid_value: 'use one of the allowed values',
  too_small: 'add the missing entries or a larger value',
  too_big: 'remove entries or use a smaller value',
  invalid_format: 'correct the format',
};

function zodProblems(error: z.ZodError, file: string, locate?: Locate): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as PropertyKey[];
    const line = locate?.(path);
    const fieldPath = formatPath(path) || '(top level)';
    const [ruleId, text] = splitRule(issue.message);
    const [message, fixText] = splitFix({ ...issue, message: text } as z.core.$ZodIssue);
    out.push({ file: line ? `${file}:${line}` : file, path: fieldPath, message, fix: fixText, ...(ruleId ? { ruleId } : {}) });
  }
  return out;
}

/** `[IAM001] what | fix: how` -> the rule id, if any, and the rest. */
function splitRule(message: string): [string | undefined, string] {
  const m = /^\[([A-Z]{3,5}\d{3})\] /.exec(message);
  return m ? [m[1], message.slice(m[0].length)] : [undefined, message];
}

function splitFix(issue: z.core.$ZodIssue): [string, string] {
  const sep = issue.message.indexOf(' | fix: ');
  if (sep >= 0) return [issue.message.slice(0, sep), issue.message.slice(sep + 8)];
  if (issue.code === 'unrecognized_keys') {
    return [`unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`, GENERIC_FIX.unrecognized_keys];
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return [`missing required field (${issue.expected})`, 'add the field'];
  }
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return [issue.message, `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`];
  }
  return [issue.message, GENERIC_FIX[issue.code] ?? 'correct the value'];
}
