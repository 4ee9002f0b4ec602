/** One stable JSON for every renderer (src/render/stable-json.ts): cdktf's key order, as text and as a copy. */
import { stableCopy as modulesStableCopy } from '../src/modules/stable-json';
import { stableCopy, stableJson } from '../src/render/stable-json';

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
});
