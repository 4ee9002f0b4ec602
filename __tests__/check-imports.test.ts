/**
 * Issue 20: `npm run check:imports` (scripts/check-imports.cjs, run by .ci/run) refuses an import
 * circle between files of src/ and an upward import between its folders, and holds CONTRIBUTING.md's
 * table to its order. Here: this repository passes, and each kind of problem in a small tree fails,
 * naming the file, the line and the fix.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './helpers/synth';

const SCRIPT = join(__dirname, '..', 'scripts', 'check-imports.cjs');
const { checkImports, ORDER } = require(SCRIPT) as {
  checkImports: (o: { root: string; order?: readonly string[]; rooms?: Record<string, readonly string[]>; contributing?: string | false }) => {
    files: number;
    imports: number;
    problems: string[];
  };
  ORDER: readonly string[];
};

/** A project with these files under src/ (and CONTRIBUTING.md when given). */
function tree(files: Record<string, string>): string {
  const root = tempDir('check-imports');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const order = ['base.ts', 'input', 'model', 'cli'];
const table = (...rows: string[]) =>
  `# C\n\n## The pipeline, and where each step lives\n\n| path | what |\n|---|---|\n${rows.map((r) => `| ${r} | x |`).join('\n')}\n\n## Next\n`;

describe('GIVEN this repository', () => {
  test('THEN src/ has no import circle and no upward import, and the CONTRIBUTING table lists ORDER', () => {
    const r = checkImports({ root: join(__dirname, '..') });
    expect(r.problems).toEqual([]);
    expect(r.files).toBeGreaterThan(100);
    expect(ORDER).toEqual(expect.arrayContaining(['input', 'model', 'description', 'render', 'lint', 'access', 'cli']));
  });
});

describe('GIVEN a small tree', () => {
  test('with imports only downward THEN no problem', () => {
    const root = tree({
      'src/base.ts': 'export const a = 1;\n',
      'src/input/x.ts': "import { a } from '../base';\nexport const x = a;\n",
      'src/cli/main.ts': "import { x } from '../input/x';\nimport pkg from '../../package.json';\nexport const m = [x, pkg];\n",
      'package.json': '{}',
    });
    expect(checkImports({ root, order, contributing: false })).toEqual({ files: 3, imports: 2, problems: [] });
  });

  test('with two files importing each other (one only for a type) THEN the circle is named with each line', () => {
    const root = tree({
      'src/model/a.ts': "import { b } from './b';\nexport const a = b;\n",
      'src/model/b.ts': "// b\nimport type { A } from './a';\nexport const b = 1 as unknown as A;\n",
    });
    const { problems } = checkImports({ root, order, contributing: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^import circle: src\/model\/a\.ts:1 -> src\/model\/b\.ts:2 -> src\/model\/a\.ts\n {4}fix: /);
  });

  test('with a circle through require() and typeof import() THEN it is found too', () => {
    const root = tree({ 'src/cli/a.ts': "export const load = () => require('./b');\n", 'src/cli/b.ts': "export type A = typeof import('./a');\n" });
    expect(checkImports({ root, order, contributing: false }).problems[0]).toMatch(/^import circle: src\/cli\/a\.ts:1 -> src\/cli\/b\.ts:1 -> src\/cli\/a\.ts/);
  });

  test('with a folder importing from a later one THEN the upward import is named, with the file and line', () => {
    const root = tree({ 'src/input/x.ts': "\nexport { main } from '../cli/main';\n", 'src/cli/main.ts': 'export const main = 1;\n' });
    expect(checkImports({ root, order, contributing: false }).problems).toEqual([
      expect.stringMatching(/^src\/input\/x\.ts:2: imports src\/cli\/main\.ts, upward: input comes before cli in the pipeline\n {4}fix: move /),
    ]);
  });

  test('with a file ORDER names on its own THEN it ranks apart from its folder', () => {
    const files = {
      'src/model/types.ts': 'export type T = 1;\n',
      'src/model/resolve.ts': "import { t } from '../input/t';\nexport const r = t;\n",
      'src/input/t.ts': "import type { T } from '../model/types';\nexport const t = 1 as T;\n",
    };
    expect(checkImports({ root: tree(files), order, contributing: false }).problems).toEqual([
      expect.stringContaining('src/input/t.ts:1: imports src/model/types.ts, upward'),
    ]);
    expect(checkImports({ root: tree(files), order: ['model/types.ts', 'input', 'model'], contributing: false }).problems).toEqual([]);
  });

  test('with a folder that has sub-rooms THEN a file imports only from its own sub-room or an earlier one', () => {
    const rooms = { model: ['read', 'prove', '.'] };
    const files = {
      'src/model/read/r.ts': 'export const r = 1;\n',
      'src/model/prove/p.ts': "import { r } from '../read/r';\nexport const p = r;\n",
      'src/model/run.ts': "import { p } from './prove/p';\nexport const run = p;\n",
    };
    expect(checkImports({ root: tree(files), order, rooms, contributing: false }).problems).toEqual([]);
    const upward = { ...files, 'src/model/read/r.ts': "\nimport { p } from '../prove/p';\nexport const r = 1;\n" };
    expect(checkImports({ root: tree({ ...upward, 'src/model/prove/p.ts': 'export const p = 1;\n' }), order, rooms, contributing: false }).problems).toEqual([
      expect.stringMatching(
        /^src\/model\/read\/r\.ts:2: imports src\/model\/prove\/p\.ts, upward inside model: read comes before prove \(read -> prove -> \.\)\n {4}fix: /,
      ),
    ]);
    const unlisted = { ...files, 'src/model/extra/e.ts': "import { r } from '../read/r';\nexport const e = r;\n" };
    expect(checkImports({ root: tree(unlisted), order, rooms, contributing: false }).problems).toEqual([
      expect.stringMatching(/^src\/model\/extra\/e\.ts: src\/model\/extra is not a sub-room of model\n {4}fix: add it to ROOMS\.model/),
    ]);
  });

  test('with a folder ORDER does not name, or an import that does not resolve THEN each is a problem', () => {
    const root = tree({ 'src/extra/x.ts': "import { y } from './missing';\nexport const x = y;\n" });
    const { problems } = checkImports({ root, order, contributing: false });
    expect(problems).toEqual([
      expect.stringMatching(/^src\/extra: not in the pipeline order\n {4}fix: add it to ORDER/),
      "src/extra/x.ts:1: cannot resolve './missing'",
    ]);
  });

  test('with a CONTRIBUTING table in another order than ORDER THEN it is a problem; in the same order, none', () => {
    const files = { 'src/base.ts': 'export {};\n', 'src/cli/m.ts': 'export {};\n' };
    const root = tree({ ...files, 'CONTRIBUTING.md': table('`src/base.ts`', '`src/model/`', '`src/input/`', '`src/cli/`', '`main.ts`') });
    expect(checkImports({ root, order }).problems).toEqual([
      expect.stringContaining('CONTRIBUTING.md: the pipeline table lists base.ts, model, input, cli\n    but ORDER'),
    ]);
    const same = tree({ ...files, 'CONTRIBUTING.md': table('`src/base.ts`, `src/input/`', '`src/model/`', '`src/cli/`') });
    expect(checkImports({ root: same, order }).problems).toEqual([]);
  });

  test('WHEN the script runs on a tree with a problem THEN it exits 1 and prints it; without, 0', () => {
    const bad = tree({ 'src/a.ts': "import './b';\n", 'src/b.ts': "import './a';\n", 'CONTRIBUTING.md': table('`src/a.ts`') });
    const r = spawnSync(process.execPath, [SCRIPT, bad], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('src/a.ts: not in the pipeline order');
    expect(r.stderr).toContain('import circle: src/a.ts:1 -> src/b.ts:1 -> src/a.ts');
    const good = tree({
      'src/errors.ts': 'export {};\n',
      'CONTRIBUTING.md': table(...ORDER.map((u) => (u.endsWith('.ts') ? `\`src/${u}\`` : `\`src/${u}/\``))),
    });
    const g = spawnSync(process.execPath, [SCRIPT, good], { encoding: 'utf8' });
    expect({ status: g.status, stdout: g.stdout }).toEqual({
      status: 0,
      stdout: 'check-imports: 1 files, 0 imports inside src/: no circle, no upward import\n',
    });
  });
});
