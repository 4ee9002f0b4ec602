/**
 * A spec written as JSON is located without a YAML parse (src/input/json-locator.ts):
 * for any JSON text and any path, existing or not, the line is the one the
 * YAML document of the same text gives.
 */
import fc from 'fast-check';
import { defaultSpec } from '../src/examples/default-spec';
import { jsonLocator } from '../src/input/json-locator';
import { parseSpecYaml } from '../src/input/load';
import { yamlLines } from './helpers/yaml-lines';

/** Every path into a value, plus a few that leave it (a missing key, an index past the end, a path through a scalar). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, 'missing'], [...prefix, 99]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

const keyArb = fc.oneof(fc.constantFrom('accounts', 'roles', 'trust', 'a b', 'quo"te', 'back\\slash', '0', '{', ']'), fc.string({ maxLength: 4 }));
const jsonArb = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
})).object;

describe('the JSON locator', () => {
  it('GIVEN any JSON text, indented or not WHEN any path is located THEN the line is the YAML document’s', () => {
    fc.assert(
      fc.property(jsonArb, fc.constantFrom(undefined, 1, 2, '\t'), (value, indent) => {
        const text = `${JSON.stringify(value, null, indent)}\n`;
        const fast = jsonLocator(text);
        const slow = yamlLines(text);
        for (const path of pathsOf(value)) expect([path, fast(path)]).toEqual([path, slow(path)]);
      }),
      { numRuns: 200 },
    );
  });

  it('GIVEN the default example as JSON with a finding WHEN it is loaded THEN the lines named are the YAML document’s', () => {
    const text = `${JSON.stringify(defaultSpec, null, 2)}\n`;
    const loaded = parseSpecYaml(text, 'spec.json');
    const slow = yamlLines(text);
    for (const path of pathsOf(defaultSpec)) expect([path, loaded.locate?.(path)]).toEqual([path, slow(path)]);
  });

  it('GIVEN an array index given as a string of digits WHEN located THEN it is found as the YAML document finds it', () => {
    const text = '{\n "accounts": [\n  {"name": "a"},\n  {"name": "b"}\n ]\n}\n';
    expect(jsonLocator(text)(['accounts', '1', 'name'])).toBe(4);
    expect(yamlLines(text)(['accounts', '1', 'name'])).toBe(4);
  });
});
