/**
 * validateSpec asks zod to walk the schema for a small spec (`jitless`) and to
 * compile its parsers for a large one (load.ts, JIT_FROM_OBJECTS): both ways
 * must give the same data and the same issues, for valid and broken specs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { defaultSpec } from '../src/examples/default-spec';
import { specSchema } from '../src/input/schema';

/** The committed examples: every trust type of the presets among them. */
const EXAMPLES = ['default', 'eks-cross-account', 'presets'].map(
  (name) => parse(readFileSync(join(__dirname, '..', 'examples', name, 'spec.yaml'), 'utf8')) as unknown,
);

type Path = (string | number)[];

function allPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => allPaths(v, [...path, i]))];
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...path, k]))];
  return [path];
}

/** A copy of `spec` with the value at `path` replaced (or removed, for `undefined`), or an unknown key added next to it. */
function mutate(spec: unknown, path: Path, value: unknown, addKey: boolean): unknown {
  const copy = structuredClone(spec) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, copy);
  const key = path[path.length - 1];
  if (addKey && parent && typeof parent === 'object' && !Array.isArray(parent)) parent.unexpectedField = value;
  else if (value === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
  return copy;
}

const odd = fc.constantFrom<unknown>(undefined, null, 0, -1, 3.5, 1e21, '', 'nope', 'arn:aws:iam::123:role/x', true, [], {}, ['x'], { type: 'nope' });

const both = (input: unknown) => {
  const walked = specSchema.safeParse(input, { reportInput: true, jitless: true });
  const compiled = specSchema.safeParse(input, { reportInput: true, jitless: false });
  return { walked, compiled };
};

describe('GIVEN the committed example specs and the embedded default example', () => {
  it.each([defaultSpec, ...EXAMPLES].map((s, i) => [i, s]))('WHEN spec %i is validated both ways THEN the data is the same, key order included', (_i, spec) => {
    const { walked, compiled } = both(spec);
    expect(walked.success).toBe(true);
    expect(compiled.success).toBe(true);
    expect(JSON.stringify(walked.data)).toBe(JSON.stringify(compiled.data));
    expect(walked.data).toEqual(compiled.data);
  });
});

describe('GIVEN a spec with one value replaced, removed or an unknown field added', () => {
  it('WHEN it is validated both ways THEN both succeed or fail alike, with the same data or the same issues in the same order', () => {
    const specs = [defaultSpec, ...EXAMPLES];
    const arb = fc
      .nat({ max: specs.length - 1 })
      .chain((i) => fc.tuple(fc.constant(specs[i]), fc.constantFrom(...allPaths(specs[i])), odd, fc.boolean()))
      .map(([spec, path, value, addKey]) => mutate(spec, path, value, addKey));
    fc.assert(
      fc.property(arb, (input) => {
        const { walked, compiled } = both(input);
        expect(walked.success).toBe(compiled.success);
        if (walked.success && compiled.success) expect(JSON.stringify(walked.data)).toBe(JSON.stringify(compiled.data));
        else expect(walked.error?.issues).toEqual(compiled.error?.issues);
      }),
      { numRuns: 300 },
    );
  });
});
