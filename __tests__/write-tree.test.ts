/**
 * Tree output once a worker thread takes over the writing: every file lands
 * with its content (past the back-pressure limit too), and a failed write is
 * an error naming the file, with the old tree left in place.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StagedTree, TreeWriter } from '../src/output/write-tree';
import { tempDir } from './helpers/synth';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

test.each([0, 5])('GIVEN 3,000 files in nested folders and backgroundAfter %i THEN every file is written with its content by the time finish returns', (backgroundAfter) => {
  const root = join(tempDir(), 'out');
  const w = new TreeWriter(root, { backgroundAfter });
  const expected = new Map<string, string>();
  for (let i = 0; i < 3000; i++) {
    const rel = `a${i % 7}/b${i % 13}/f${i}.txt`;
    // Some large files, so batches are cut by size as well as by count.
    const content = i % 500 === 0 ? 'x'.repeat(300_000) + i : `file ${i}\n`;
    expected.set(rel, content);
    w.write(rel, content);
  }
  w.finish();
  expect(filesUnder(root).sort()).toEqual([...expected.keys()].sort());
  for (const [rel, content] of expected) expect(readFileSync(join(root, rel), 'utf8')).toBe(content);
});

test('GIVEN a write the thread cannot make WHEN committed THEN it throws naming the file, keeps the old tree and leaves no staging folder', () => {
  const parent = tempDir();
  const dir = join(parent, 'modules');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'old'), 'old');
  const tree = new StagedTree(dir, { backgroundAfter: 0 });
  tree.write('a', 'a file');
  tree.write('a/b', 'below a file');
  expect(() => tree.commit()).toThrow(/cannot write .*modules\.tmp-[^/]+\/a\/b: EEXIST/);
  expect(readdirSync(dir)).toEqual(['old']);
  expect(readdirSync(parent)).toEqual(['modules']);
});

test('GIVEN a tree written by the thread WHEN aborted THEN the staging folder is gone and stays gone', () => {
  const parent = tempDir();
  const tree = new StagedTree(join(parent, 'modules'), { backgroundAfter: 0 });
  for (let i = 0; i < 500; i++) tree.write(`d${i}/f`, String(i));
  tree.abort();
  expect(readdirSync(parent)).toEqual([]);
  expect(existsSync(join(parent, 'modules'))).toBe(false);
});
