/**
 * Reads a spec from YAML or from a TypeScript object and validates it. Every
 * problem is reported at once, with the file, the field path (and line, for
 * YAML) and the fix. Parsing never throws anything but a SpecError.
 */
import { readFileSync } from 'node:fs';
import { jsonLocator } from './json-locator';
import type { Document } from 'yaml';
import { formatPath, problems, SpecError, type Problem } from '../errors';
import { decodeSpecBytes } from './decode';
import { MAX_DEPTH, samePath, scanValues, scanYaml, type LossyNumber, type ValueScan } from './inspect';
import { readJsonText } from './json-text';
import { lateLoader } from './late-code';
import { yamlLib } from './yaml-lib';
import { yamlLocator } from './yaml-locator';
import type { Spec, SpecInput } from './schema';
import { zodProblems, type Locate } from './zod-problems';

/**
 * The spec's schema, built on first use: its 886 zod schemas cost about 40 ms
 * of CPU, which the embedded example's path (`loadSpecOrExample` without a
 * file) never pays (bench/README.md, round 3).
 */
const specSchema = lateLoader(() => (require('./schema') as typeof import('./schema')).specSchema);

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

export type { Locate };

/** `file:line` when the line of `path` is known, else `file`. */
export function fileAt(loaded: Pick<LoadedSpec, 'file' | 'locate'>, path: readonly PropertyKey[]): string {
  const line = loaded.locate?.(path);
  return line ? `${loaded.file}:${line}` : loaded.file;
}

/**
 * From this many objects and arrays on, zod compiles a parser for each object
 * schema (its JIT, `new Function`); below, it walks the schema. Compiling costs
 * more than it saves for a small spec: the default example (68 objects and arrays)
 * validates in 8 ms instead of 17 ms, 1000 generated accounts (122,000) take the
 * same time either way, 3000 accounts 15% longer without it (bench/README.md,
 * round 3). The same issues either way.
 */
const JIT_FROM_OBJECTS = 10_000;

/**
 * Validates plain data against the schema, after the checks that cover every
 * field (control characters, nesting). `numbers` are the YAML numbers that do
 * not read back as written: refused wherever the field takes text. `known` is
 * what `scanValues` finds in `input`, when the caller knows it already (the
 * JSON path, from the text: json-text.ts).
 */
export function validateSpec(input: unknown, file = '<inline>', locate?: Locate, numbers: readonly LossyNumber[] = [], known?: ValueScan): LoadedSpec {
  const at = (path: readonly PropertyKey[]) => {
    const line = locate?.(path);
    return line ? `${file}:${line}` : file;
  };
  const scan = known ?? scanValues(input);
  if (scan.tooDeep) throw new SpecError([problems.nestedTooDeep(at(scan.tooDeep), formatPath(scan.tooDeep), MAX_DEPTH)]);
  let result: ReturnType<ReturnType<typeof specSchema>['safeParse']>;
  try {
    result = specSchema().safeParse(input, { reportInput: true, jitless: scan.objects < JIT_FROM_OBJECTS });
  } catch (e) {
    // Input zod cannot walk (a cyclic object from the TypeScript API).
    throw new SpecError([problems.unparseable(file, (e as Error).message)]);
  }
  const fromSchema = result.success ? [] : zodProblems(result.error, file, locate);
  const local: { path: readonly PropertyKey[]; problem: Problem }[] = [
    ...scan.controls.map((c) => ({
      path: c.path,
      problem: problems.controlCharacter(at(c.path), formatPath(c.path) || '(top level)', c.value, c.index, c.isKey),
    })),
    ...scan.tokenMarkers.map((c) => ({
      path: c.path,
      problem: problems.cdktfTokenMarker(at(c.path), formatPath(c.path) || '(top level)', c.value, c.index, c.isKey),
    })),
    ...textNumbers(input, numbers, fromSchema, file, at),
  ];
  // A field refused for a reason that covers the whole field is not also refused by the schema.
  const all = [...local, ...fromSchema.filter((z) => !local.some((l) => samePath(l.path, z.path)))];
  if (all.length > 0) throw new SpecError(all.map((p) => p.problem));
  if (!result.success) throw new Error('unreachable: a failed parse always has issues');
  return { file, spec: result.data, locate };
}

/**
 * The YAML numbers that did not read back as written, in fields that take
 * text (an id, a name): refused with the value read and the quoting fix. A
 * field that takes a number (`maxSessionDuration: 3600.0`) keeps the number.
 * Which field takes text is asked of the schema itself, by validating the
 * spec once more with those numbers written as their source text.
 */
function textNumbers(
  input: unknown,
  numbers: readonly LossyNumber[],
  fromSchema: readonly { path: readonly PropertyKey[]; problem: Problem }[],
  file: string,
  at: (path: readonly PropertyKey[]) => string,
): { path: readonly PropertyKey[]; problem: Problem }[] {
  if (numbers.length === 0) return [];
  const asText = structuredClone(input) as Record<string, unknown>;
  for (const n of numbers) setIn(asText, n.path, n.source);
  const again = specSchema().safeParse(asText);
  const numeric = (n: LossyNumber) => !again.success && again.error.issues.some((i) => i.code === 'invalid_type' && samePath(i.path, n.path));
  return numbers
    .filter((n) => !numeric(n))
    .map((n) => {
      const key = [...n.path].reverse().find((s) => typeof s === 'string');
      const detail = fromSchema.find((z) => samePath(z.path, n.path))?.problem.message;
      return {
        path: n.path,
        problem: problems.lossyNumber(at(n.path), formatPath(n.path) || '(top level)', {
          source: n.source,
          read: n.read,
          key: key as string | undefined,
          detail,
        }),
      };
    });
}

function setIn(root: Record<string, unknown>, path: readonly (string | number)[], value: unknown): void {
  let node: unknown = root;
  for (const seg of path.slice(0, -1)) {
    if (!node || typeof node !== 'object') return;
    node = (node as Record<string | number, unknown>)[seg];
  }
  if (node && typeof node === 'object' && path.length > 0) (node as Record<string | number, unknown>)[path[path.length - 1]] = value;
}

/** A spec's text, JSON or YAML: JSON that JSON.parse reads as YAML would takes the fast path (json-text.ts). */
export function parseSpecYaml(text: string, file: string): LoadedSpec {
  const json = readJsonText(text);
  if (json) return validateSpec(json.data, file, jsonLocator(text), [], json.scan);
  return parseYamlText(text, file);
}

/** A spec's text through the YAML parser, JSON or not: the general path, which the JSON fast path must agree with (`__tests__/spec-json.test.ts`). */
export function parseYamlText(text: string, file: string): LoadedSpec {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    if (e instanceof RangeError) throw new SpecError([problems.nestedTooDeep(file, '', MAX_DEPTH)]);
    throw new SpecError([problems.yamlSyntax(file, '', (e as Error).message)]);
  }
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => {
        const pos = e.pos?.[0] !== undefined ? lineCounter.linePos(e.pos[0]) : undefined;
        if (e.code === 'MULTIPLE_DOCS') return problems.severalDocuments(file, pos?.line);
        if (e.code === 'DUPLICATE_KEY') return problems.duplicateKey(file, pos?.line, keyAt(text, e.pos[0]));
        // The parser's own recursion gave out: the YAML is valid, only too deep.
        if (/call stack/i.test(e.message)) return problems.nestedTooDeep(pos ? `${file}:${pos.line}` : file, '', MAX_DEPTH);
        const where = pos ? `line ${pos.line}, column ${pos.col}` : '';
        return problems.yamlSyntax(file, where, e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
      }),
    );
  }
  const locate = yamlLocator(doc, lineCounter);
  const scan = scanYaml(doc);
  if (scan.tooDeep) {
    const line = scan.tooDeep.offset !== undefined ? lineCounter.linePos(scan.tooDeep.offset).line : undefined;
    throw new SpecError([problems.nestedTooDeep(line ? `${file}:${line}` : file, formatPath(scan.tooDeep.path), MAX_DEPTH)]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof RangeError) throw new SpecError([problems.nestedTooDeep(file, '', MAX_DEPTH)]);
    throw new SpecError([problems.yamlSyntax(file, '', (e as Error).message)]);
  }
  return validateSpec(data ?? {}, file, locate, scan.lossy);
}

/** Reads a YAML spec. `name` is how errors and generated files name it (default: the path as given). */
export function loadSpecFile(file: string, name = file): LoadedSpec {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SpecError([problems.unreadable(name, (e as NodeJS.ErrnoException).code ?? (e as Error).message)]);
  }
  return parseSpecYaml(decodeSpecBytes(bytes, name), name);
}

/** The map key that starts at `offset` (the parser reports only where a repeated key starts). */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset);
  const double = /^"(?:[^"\\]|\\.)*"/.exec(rest);
  if (double) return JSON.parse(double[0]) as string;
  const single = /^'(?:[^']|'')*'/.exec(rest);
  if (single) return single[0].slice(1, -1).replace(/''/g, "'");
  return /^[^:\n]*/.exec(rest)![0].trim();
}
