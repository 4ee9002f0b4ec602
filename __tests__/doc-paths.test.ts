/**
 * Every `src/...` path that CONTRIBUTING.md, README.md and docs/*.md name
 * exists, so a recipe or a doc that names a file moved by a reorganization
 * (src/spec -> src/input, the access sub-rooms) fails here instead of
 * misleading the next newcomer. A path with a placeholder
 * (`src/input/trust-types/<type>.ts`, `src/lint/rules/*.ts`) is checked up to
 * its folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const DOCS = ['CONTRIBUTING.md', 'README.md', ...readdirSync(join(ROOT, 'docs')).flatMap((f) => (f.endsWith('.md') ? [`docs/${f}`] : []))];

/** The `src/...` paths a text names: a placeholder (`<`, `*`, `{`) cuts a path back to its folder. */
function srcPaths(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w./-])src\/[\w./-]*/g)) {
    const path = m[0].replace(/[.-]+$/, '');
    const next = text[m.index + m[0].length];
    found.add(next === '<' || next === '*' || next === '{' ? path.slice(0, path.lastIndexOf('/') + 1) : path);
  }
  return [...found];
}

const named = DOCS.flatMap((doc) => srcPaths(readFileSync(join(ROOT, doc), 'utf8')).map((path) => [doc, path] as const));

test('GIVEN a text naming src paths THEN the paths are read whole, a placeholder cut back to its folder, a sentence end dropped', () => {
  expect(srcPaths('see `src/pipeline.ts`, `src/input/trust-types/<type>.ts` and src/lint/rules/*.ts; then src/order.ts.')).toEqual([
    'src/pipeline.ts',
    'src/input/trust-types/',
    'src/lint/rules/',
    'src/order.ts',
  ]);
});

test('GIVEN the docs THEN they name src paths (the scan finds them)', () => {
  expect(named.map(([, path]) => path)).toEqual(expect.arrayContaining(['src/pipeline.ts', 'src/input/trust-types/ci-presets.ts', 'src/description/kinds.ts']));
});

test.each(named)('GIVEN %s WHEN it names %s THEN that path exists', (_doc, path) => {
  expect(existsSync(join(ROOT, path))).toBe(true);
});
