/**
 * The pieces of the direct engine: cdktf's JSON formatting, HCL string
 * literals in `merge`.
 */
import { dirname } from 'node:path';
import fc from 'fast-check';
import { hclString, mergeTags } from '../src/description/expressions';
import { stableJson } from '../src/render/stable-json';

// The formatter cdktf writes its files with (a dependency of cdktf, not of ours).
const jsonStableStringify = require(require.resolve('json-stable-stringify', { paths: [dirname(require.resolve('cdktf'))] })) as (
  v: unknown,
  o: { space: number },
) => string;

describe('stableJson', () => {
  test('GIVEN any JSON value WHEN formatted THEN it is exactly what cdktf writes (json-stable-stringify, space 2)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stableJson(value)).toBe(jsonStableStringify(value, { space: 2 }));
      }),
      { numRuns: 300 },
    );
  });

  test('GIVEN empty objects and arrays and undefined members THEN they are written as cdktf writes them', () => {
    const value = { b: {}, a: [], c: undefined, d: [1, { z: 1, y: [] }] };
    expect(stableJson(value)).toBe(jsonStableStringify(value, { space: 2 }));
    expect(stableJson(value)).toBe('{\n  "a": [\n  ],\n  "b": {\n  },\n  "d": [\n    1,\n    {\n      "y": [\n      ],\n      "z": 1\n    }\n  ]\n}');
  });
});

describe('HCL string literals in merge()', () => {
  test('GIVEN characters AWS allows in tags THEN they are quoted as they are, as cdktf renders them', () => {
    expect(mergeTags({ team: 'data platform', 'cost-center': 'cc:42/x=y+z@é' }, 'var.tags').text).toBe(
      '${merge({"team" = "data platform", "cost-center" = "cc:42/x=y+z@é"}, var.tags)}',
    );
    expect(mergeTags({}, 'var.tags').text).toBe('${merge({}, var.tags)}');
  });

  test('GIVEN quotes, backslashes and template sequences THEN they are escaped (cdktf left quotes and backslashes as they were: broken HCL)', () => {
    expect(hclString('say "hi"')).toBe('"say \\"hi\\""');
    expect(hclString('C:\\dir')).toBe('"C:\\\\dir"');
    expect(hclString('${x} %{if}')).toBe('"$${x} %%{if}"');
    expect(hclString('a\nb\tc\r')).toBe('"a\\nb\\tc\\r"');
    expect(hclString('"')).toBe('"\\""');
  });
});
