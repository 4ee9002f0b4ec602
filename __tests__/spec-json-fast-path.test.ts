/**
 * The JSON fast path (src/input/json-text.ts) gives what the general path
 * gives: for random specs written as JSON (the default example, changed at a
 * random field, indented or not, with repeated keys, numbers written as YAML
 * would not read them back, escapes, invisible characters, cdktf token markers
 * and deep nesting), the spec read and every problem (file, line, field,
 * message, fix) are those of the same text through the YAML parser, and so
 * are the lines of every field.
 */
import fc from 'fast-check';
import { isSpecError } from '../src/errors';
import { defaultSpec } from '../src/examples/default-spec';
import { INVISIBLE } from '../src/input/inspect';
import { INVISIBLE_IN_JSON_TEXT, readJsonText } from '../src/input/json-text';
import { parseSpecYaml, parseYamlText, type LoadedSpec } from '../src/input/load';
import { allPaths, type JsonPath } from './helpers/json-paths';

const FILE = 'spec.json';

type Json = unknown;
type Path = JsonPath;

/** What loading ends with: the spec and the lines of its fields, or the problems. */
function outcome(load: () => LoadedSpec, paths: readonly Path[]): unknown {
  try {
    const loaded = load();
    return { spec: loaded.spec, lines: paths.map((p) => loaded.locate?.(p)) };
  } catch (e) {
    if (!isSpecError(e)) throw e;
    return { problems: e.problems };
  }
}

/** Text that reaches each check the fast path skips or counts: escapes, invisible characters, token markers, quotes and colons. */
const trickyString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'a\u0000b',
      '\t',
      'line\n',
      '\u2028',
      '\u200b',
      '\u202e',
      '\u0085',
      '\ufeff',
      'é',
      '${TfToken[TOKEN.1]}',
      '#{TfToken[x',
      'back\\slash',
      'quo"te',
      '"k": 1',
      'k:',
      '3600.0',
      'data-platform',
      'team',
    ),
  },
);
const trickyNumber = fc.constantFrom(0, -1, 7, 3600, 3600.5, 1e21, 2 ** 53 + 2, 123456789012, 1e-7);
/** A value nested so that the spec's deepest object or array is around the loader's limit (64 levels), given the depth of where it goes. */
const deepAround = fc.integer({ min: 62, max: 67 }).map((total) => (at: number) => {
  let v: Json = 'x';
  for (let i = 0; i < total - at; i++) v = i % 2 ? [v] : { k: v };
  return v;
});
const newValue = fc.oneof(
  { arbitrary: trickyString.map((v) => () => v), weight: 4 },
  { arbitrary: deepAround, weight: 3 },
  { arbitrary: trickyNumber.map((v) => () => v), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => () => v), weight: 1 },
  { arbitrary: fc.constantFrom(true, null, [], {}).map((v) => () => v), weight: 1 },
);

/** Changes the text as JSON allows but JSON.parse and YAML may read differently. */
const textChange = fc.constantFrom('none', 'repeat-key', 'repeat-key-apart', 'float', 'exponent', 'long-number', 'space-before-colon', 'escape');
function changeText(text: string, change: string, at: number): string {
  const nth = (needle: string, replace: (found: string) => string) => {
    const hits: number[] = [];
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) hits.push(i);
    if (hits.length === 0) return text;
    const i = hits[at % hits.length];
    return text.slice(0, i) + replace(needle) + text.slice(i + needle.length);
  };
  switch (change) {
    case 'repeat-key':
      return nth('"name":', (k) => `"name": "again", ${k}`);
    case 'repeat-key-apart':
      return nth('"trust":', (k) => `"trust": [], "x\\u0041": 1, ${k}`).replace('"x\\u0041": 1, ', '"xA": 2, "x\\u0041": 1, ');
    case 'float':
      return nth('"maxSessionDuration": 3600', () => '"maxSessionDuration": 3600.0');
    case 'exponent':
      return nth('"maxSessionDuration": 3600', () => '"maxSessionDuration": 36e2');
    case 'long-number':
      return nth('"version": 1', () => '"version": 100000000000000000001');
    case 'space-before-colon':
      return nth('":', () => '" :');
    case 'escape':
      return nth('"name": "', (k) => `${k}\\u0061`);
    default:
      return text;
  }
}

describe('the JSON fast path', () => {
  it('GIVEN a random spec written as JSON WHEN it is loaded THEN the spec, the problems and the lines are the YAML path’s', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.nat(), newValue, fc.constantFrom(undefined, 1, 2, '\t'), textChange, fc.nat(), fc.nat(4), (at, value, indent, change, changeAt, keep) => {
        const spec = structuredClone(defaultSpec) as unknown as Record<string, Json>;
        const paths = allPaths(spec).filter((p) => p.length > 0);
        if (keep > 0) {
          const path = paths[at % paths.length];
          const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k], spec) as Record<string | number, Json>;
          parent[path[path.length - 1]] = value(path.length);
        }
        const text = changeText(`${JSON.stringify(spec, null, indent)}\n`, change, changeAt);
        if (readJsonText(text)) fast++;
        const located = allPaths(spec);
        expect(outcome(() => parseSpecYaml(text, FILE), located)).toEqual(outcome(() => parseYamlText(text, FILE), located));
      }),
      { numRuns: 200 },
    );
    // Most runs take the fast path: the property is about it.
    expect(fast).toBeGreaterThan(60);
  });

  it('GIVEN every UTF-16 code unit WHEN the text is searched for invisible characters THEN it finds those the value check refuses, but the white space between JSON tokens', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (INVISIBLE_IN_JSON_TEXT.test(ch) !== (INVISIBLE.test(ch) && !'\t\n\r'.includes(ch))) differ.push(c);
    }
    expect(differ).toEqual([]);
  });
});
