/**
 * Same bytes everywhere (issue 26, class 8): output is ordered by code point
 * (`src/order.ts`), never by the process's locale. The synth runs in child
 * processes under `LANG=C`, `LANG=da_DK.UTF-8` and `LC_ALL=da_DK.UTF-8`; each
 * child first shows that `localeCompare` does order differently there (Node's
 * ICU honours the variables even where `locale -a` lists no such locale), so
 * the comparison of the trees could fail if any output still sorted that way.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { byCodePoint, byKey } from '../src/order';
import { readTree, tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');

/** Role names whose order differs between code point and a Danish or English collation. */
const ROLES = ['zz-job', 'aa-job', 'Ab-job', 'b_job', 'b-job'];

const SPEC = `
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    roles:
${ROLES.map((r) => `      - name: ${r}\n        trust: [{ type: aws-service, service: lambda.amazonaws.com }]\n`).join('')}`;

/** Runs the synth of SPEC in a child under `env`; returns its trees and how localeCompare ordered the role names there. */
function synthUnder(env: Record<string, string>): { tree: Map<string, string>; localeOrder: string[] } {
  const dir = tempDir('xacct-locale-');
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  const script = `
    const { synthesize } = require(${JSON.stringify(join(ROOT, 'src', 'synth.ts'))});
    const { parseSpecYaml } = require(${JSON.stringify(join(ROOT, 'src', 'input', 'load.ts'))});
    const text = require('node:fs').readFileSync(${JSON.stringify(spec)}, 'utf8');
    synthesize(parseSpecYaml(text, 'spec.yaml'), { outdir: ${JSON.stringify(join(dir, 'cdktf.out'))}, modulesDir: ${JSON.stringify(join(dir, 'modules'))} });
    process.stdout.write(JSON.stringify(${JSON.stringify(ROLES)}.sort((a, b) => a.localeCompare(b))));
  `;
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LANG|LANGUAGE|LC_.*)$/.test(k)));
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, env: { ...base, ...env }, encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  const tree = readTree(dir);
  tree.delete('spec.yaml');
  return { tree, localeOrder: JSON.parse(r.stdout) };
}

describe('GIVEN role names that a locale would order differently', () => {
  let c: ReturnType<typeof synthUnder>;
  let danish: ReturnType<typeof synthUnder>;
  let danishAll: ReturnType<typeof synthUnder>;
  beforeAll(() => {
    c = synthUnder({ LANG: 'C' });
    danish = synthUnder({ LANG: 'da_DK.UTF-8' });
    danishAll = synthUnder({ LC_ALL: 'da_DK.UTF-8', LANG: 'C' });
  }, 120_000);

  test('THEN the locales really differ: localeCompare puts "aa-job" after "zz-job" in Danish and not under C', () => {
    expect(danish.localeOrder.indexOf('aa-job')).toBeGreaterThan(danish.localeOrder.indexOf('zz-job'));
    expect(danishAll.localeOrder).toEqual(danish.localeOrder);
    expect(c.localeOrder.indexOf('aa-job')).toBeLessThan(c.localeOrder.indexOf('zz-job'));
    expect(c.localeOrder).not.toEqual([...ROLES].sort(byCodePoint));
  });

  test('WHEN synthesized under LANG=C, LANG=da_DK.UTF-8 and LC_ALL=da_DK.UTF-8 THEN every file of modules/ and cdktf.out/ is byte-identical', () => {
    expect(c.tree.size).toBeGreaterThan(5);
    for (const other of [danish, danishAll]) {
      expect([...other.tree.keys()]).toEqual([...c.tree.keys()]);
      for (const [file, content] of c.tree) expect([file, other.tree.get(file) === content]).toEqual([file, true]);
    }
  });

  test('THEN the module README lists its resources in code-point order of their names', () => {
    const readme = c.tree.get(join('modules', 'platform', 'README.md'))!;
    const rows = [...readme.matchAll(/^\| \[aws_iam_role\.([^\]]+)\]/gm)].map((m) => m[1]);
    expect(rows).toHaveLength(ROLES.length);
    expect(rows).toEqual([...rows].sort(byCodePoint));
    expect(rows).not.toEqual([...rows].sort((a, b) => a.localeCompare(b, 'da')));
  });
});

describe('GIVEN byCodePoint', () => {
  const codePoints = (s: string) => [...s].map((ch) => ch.codePointAt(0)!);
  const sign = (n: number) => Math.sign(n);
  const lexical = (a: number[], b: number[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };

  test('THEN it agrees with comparing the strings as lists of code points, astral characters included', () => {
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom('a', 'A', 'z', '-', '_', 'ø', '\uffff', '\ue000', '😀', '𝔸'), fc.string({ unit: 'grapheme', maxLength: 1 })),
    });
    fc.assert(fc.property(text, text, (a, b) => sign(byCodePoint(a, b)) === sign(lexical(codePoints(a), codePoints(b)))));
  });

  test('THEN "\\uffff" sorts before "😀" (U+1F600), which the default code-unit sort gets the other way round', () => {
    expect(['😀', '\uffff'].sort(byCodePoint)).toEqual(['\uffff', '😀']);
    expect(['\uffff', '😀'].sort()).toEqual(['😀', '\uffff']);
  });

  test('THEN byKey sorts entries by key and keeps the values', () => {
    expect(
      byKey(
        new Map([
          ['b', 1],
          ['a', 2],
          ['B', 3],
        ]),
      ),
    ).toEqual([
      ['B', 3],
      ['a', 2],
      ['b', 1],
    ]);
  });
});

describe('GIVEN the source', () => {
  test('THEN no file but src/order.ts orders text by locale (localeCompare, Intl.Collator), so a new feature cannot bring it back', () => {
    const offenders = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && f !== 'order.ts')
      .filter((f) => /\.localeCompare\(|Intl\.Collator|toLocale(Lower|Upper)Case\(/.test(readFileSync(join(ROOT, 'src', f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('THEN no file but src/order.ts sorts with the default comparison (UTF-16 code units, not code points): every sort names its order', () => {
    // src/order.ts's sortByCodePoint uses the engine's sort only where code units order as code points (held by stable-json.test.ts).
    const bare = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]).filter(
      (f) => f.endsWith('.ts') && f !== 'order.ts' && /\.sort\(\)/.test(readFileSync(join(ROOT, 'src', f), 'utf8')),
    );
    expect(bare).toEqual([]);
  });
});
