/**
 * The pieces of the direct engine: cdktf's JSON formatting, HCL string
 * literals in `merge`, and the staged (atomic) module tree.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { hclString, mergeTags } from '../src/description/expressions';
import { stableJson } from '../src/render/stable-json';
import { StagedTree } from '../src/output/write-tree';
import { tempDir } from './helpers/synth';

// The formatter cdktf writes its files with (a dependency of cdktf, not of ours).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonStableStringify = require(require.resolve('json-stable-stringify', { paths: [dirname(require.resolve('cdktf'))] })) as (v: unknown, o: { space: number }) => string;

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

describe('StagedTree', () => {
  const seed = (dir: string) => {
    mkdirSync(join(dir, 'old'), { recursive: true });
    writeFileSync(join(dir, 'old', 'file'), 'old');
  };

  /** A seeded `modules/` and a staged tree over it with one file written. */
  const staged = () => {
    const parent = tempDir();
    const dir = join(parent, 'modules');
    seed(dir);
    const tree = new StagedTree(dir);
    tree.write('a/main.tf.json', '{}');
    return { parent, dir, tree };
  };

  test('GIVEN an existing tree WHEN a new one is committed THEN it replaces the old one whole and leaves nothing beside it', () => {
    const { parent, dir, tree } = staged();
    tree.write('README.md', '# x');
    expect(readFileSync(join(dir, 'old', 'file'), 'utf8')).toBe('old');
    tree.commit();
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'a']);
    expect(readdirSync(parent)).toEqual(['modules']);
  });

  test('GIVEN an existing tree WHEN the new one is aborted THEN the old one is untouched and the staging dir is gone', () => {
    const { parent, dir, tree } = staged();
    tree.abort();
    expect(readFileSync(join(dir, 'old', 'file'), 'utf8')).toBe('old');
    expect(readdirSync(parent)).toEqual(['modules']);
  });

  test('GIVEN no files WHEN committed THEN an empty tree is put in place', () => {
    const dir = join(tempDir(), 'modules');
    new StagedTree(dir).commit();
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
