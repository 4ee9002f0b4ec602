/**
 * Tree output once a worker thread takes over the writing: every file lands
 * with its content (past the back-pressure limit too). A failed write, and
 * staged trees put in place or dropped: output-swap.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TreeWriter } from '../src/output/write-tree';
import { tempDir } from './helpers/synth';

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

test.each([0, 5])(
  'GIVEN 3,000 files in nested folders and backgroundAfter %i THEN every file is written with its content by the time finish returns',
  (backgroundAfter) => {
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
  },
);
