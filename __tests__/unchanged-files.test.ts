/**
 * Skip what did not change (issue 25): a synth over its previous output
 * leaves every file whose bytes do not change as it was, mtime included
 * (modules are hard-linked into the staged tree, unchanged stack files are
 * not moved), and the result is byte for byte a fresh synth's. Atomicity under
 * a kill at every step is __tests__/output-swap-crash.test.ts's.
 */
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultSpec } from '../src/examples/default-spec';
import { TreeWriter } from '../src/output/write-tree';
import type { SpecInput } from '../src/input/schema';
import { readTree, synthTo, tempDir } from './helpers/synth';

const PAST = new Date('2001-02-03T04:05:06Z');

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

function withRole(account: string): SpecInput {
  const spec = structuredClone(defaultSpec) as SpecInput;
  const a = spec.accounts.find((x) => x.name === account)!;
  a.roles = [...(a.roles ?? []), { name: 'added-lambda', trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }] }];
  return spec;
}

describe('unchanged files are not rewritten', () => {
  const dir = tempDir('xacct-unchanged-');
  synthTo(defaultSpec as SpecInput, dir);
  const before = readTree(dir);
  for (const f of files(dir)) utimesSync(join(dir, f), PAST, PAST);
  synthTo(withRole('data-lake'), dir);
  const after = readTree(dir);
  const mtime = (f: string) => statSync(join(dir, f)).mtimeMs;

  it('GIVEN a synth over the previous output WHEN a role is added to one account THEN every file with the same bytes keeps its mtime, every other is new', () => {
    const same = [...after.keys()].filter((f) => before.get(f) === after.get(f));
    const changed = [...after.keys()].filter((f) => before.get(f) !== after.get(f));
    expect(same.length).toBeGreaterThan(30);
    expect(changed).toContain('modules/data-lake/main.tf.json');
    expect(changed).toContain('cdktf.out/stacks/data-lake/cdk.tf.json');
    expect(same).toContain('cdktf.out/stacks/data-platform/cdk.tf.json');
    expect(same).toContain('modules/data-platform/ACCESS.md');
    for (const f of same) expect([f, mtime(f)]).toEqual([f, PAST.getTime()]);
    for (const f of changed) expect([f, mtime(f) > PAST.getTime()]).toEqual([f, true]);
  });

  it('GIVEN the same synth into fresh folders THEN the trees are byte for byte the same, and no file is shared with the replaced tree', () => {
    const fresh = tempDir('xacct-unchanged-fresh-');
    synthTo(withRole('data-lake'), fresh);
    expect(after).toEqual(readTree(fresh));
    for (const f of files(dir)) expect([f, statSync(join(dir, f)).nlink]).toEqual([f, 1]);
  });

  const EXTRA: readonly (readonly [string, string])[] = [
    ['big.txt', `${'x'.repeat(1_500_000)}\n`],
    ['big-changed.txt', `${'x'.repeat(1_500_000)}\n`],
    ['utf.txt', 'café, Zoë, 日本\n'],
  ];
  /** The same size, one byte different, at the end: only a whole comparison tells. */
  const changed = (text: string) => `${text.slice(0, -2)}y\n`;

  it.each([0, 1000])(
    'GIVEN a tree writer (its writer thread after %i files) and the tree it replaces WHEN unchanged and changed files are written THEN the unchanged are the old inodes, the changed new files',
    (backgroundAfter) => {
      const old = tempDir('xacct-unchanged-old-');
      const staged = tempDir('xacct-unchanged-new-');
      const content = (i: number, version: string) => `file ${i} ${i % 5 === 0 ? version : 'same'}\n`;
      const first = new TreeWriter(old, { backgroundAfter });
      for (let i = 0; i < 80; i++) first.write(`d${i % 7}/f${i}.txt`, content(i, 'old'));
      // Beyond the writer's reused read buffer (1 MiB), and text whose bytes outnumber its characters.
      for (const [rel, text] of EXTRA) first.write(rel, text);
      first.finish();
      for (const f of files(old)) utimesSync(join(old, f), PAST, PAST);
      const second = new TreeWriter(staged, { backgroundAfter, unchangedFrom: old });
      for (let i = 0; i < 80; i++) second.write(`d${i % 7}/f${i}.txt`, content(i, 'new'));
      for (const [rel, text] of EXTRA) second.write(rel, rel === 'big-changed.txt' ? changed(text) : text);
      second.write('added.txt', 'new file\n');
      second.finish();
      for (let i = 0; i < 80; i++) {
        const rel = `d${i % 7}/f${i}.txt`;
        expect(readFileSync(join(staged, rel), 'utf8')).toBe(content(i, 'new'));
        const same = i % 5 !== 0;
        expect([rel, statSync(join(staged, rel)).ino === statSync(join(old, rel)).ino]).toEqual([rel, same]);
        if (same) expect(statSync(join(staged, rel)).mtimeMs).toBe(PAST.getTime());
      }
      for (const [rel, text] of EXTRA) {
        expect([rel, readFileSync(join(staged, rel), 'utf8') === (rel === 'big-changed.txt' ? changed(text) : text)]).toEqual([rel, true]);
        expect([rel, statSync(join(staged, rel)).ino === statSync(join(old, rel)).ino]).toEqual([rel, rel !== 'big-changed.txt']);
      }
      expect(readFileSync(join(staged, 'added.txt'), 'utf8')).toBe('new file\n');
    },
  );
});
