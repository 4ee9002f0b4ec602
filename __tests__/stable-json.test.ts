/** One stable JSON for every renderer (src/render/stable-json.ts): cdktf's key order, as text and as a copy. */
import { stableCopy as modulesStableCopy } from '../src/modules/stable-json';
import fc from 'fast-check';
import { byCodePoint } from '../src/order';
import { sortedJson, sortedKeys, stableCopy, stableJson } from '../src/render/stable-json';

const input = { b: 1, a: { z: [{ y: 2, x: undefined, é: 3, Z: 4 }], skip: undefined }, B: {} };

describe('stable JSON', () => {
  test('GIVEN the old import path of the modules renderer WHEN imported THEN it is the one stableCopy', () => {
    expect(modulesStableCopy).toBe(stableCopy);
  });

  test('GIVEN an object with keys out of order and undefined members WHEN copied THEN keys are by code point at every level and undefined members are gone', () => {
    const copy = stableCopy(input) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(copy)).toEqual(['B', 'a', 'b']);
    expect(Object.keys(copy.a)).toEqual(['z']);
    expect(Object.keys((copy.a.z as Record<string, unknown>[])[0])).toEqual(['Z', 'y', 'é']);
    expect(input.a.z[0]).toHaveProperty('x'); // a copy: the input is untouched
  });

  test('GIVEN the copy and the original WHEN written as text THEN both give the same bytes, in the order the copy has', () => {
    expect(stableJson(stableCopy(input))).toBe(stableJson(input));
    expect(JSON.stringify(stableCopy(input))).toBe('{"B":{},"a":{"z":[{"Z":4,"y":2,"é":3}]},"b":1}');
    expect(stableJson({ b: [], a: {} })).toBe('{\n  "a": {\n  },\n  "b": [\n  ]\n}');
  });

  test('GIVEN keys with astral characters and U+E000..U+FFFF WHEN sorted THEN the order is by code point, not by code unit', () => {
    const node = { '\u{1F600}': 1, '\uFF5E': 2, a: 3, '\uE000b': 4, '\uD83D': 5 };
    expect(sortedKeys(node)).toEqual(Object.keys(node).sort(byCodePoint));
    expect(sortedKeys(node)).not.toEqual(Object.keys(node).sort());
  });

  test('GIVEN any JSON-like value WHEN written by sortedJson THEN it is the text of JSON.stringify of the sorted copy, byte for byte', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('\u{1F600}', '\uFF5E', '\uE000', '10', '2', 'toJSON', '__proto__'));
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(() => 1),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 5 }),
    })).node;
    fc.assert(
      fc.property(value, (v) => sortedJson(v) === String(JSON.stringify(stableCopy(v), null, 2))),
      { numRuns: 300 },
    );
  });

  test('GIVEN a toJSON member or a bigint WHEN written by sortedJson THEN it does what the copy and JSON.stringify do', () => {
    const withToJson = { b: 1, a: { toJSON: () => 'x' } };
    expect(sortedJson(withToJson)).toBe(JSON.stringify(stableCopy(withToJson), null, 2));
    expect(() => sortedJson({ a: 1n })).toThrow(TypeError);
    expect(sortedJson({ a: {}, b: [], c: [undefined] })).toBe('{\n  "a": {},\n  "b": [],\n  "c": [\n    null\n  ]\n}');
  });
});
