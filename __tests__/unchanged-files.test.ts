/**
 * Skip what did not change (issue 25): a synth over its previous output
 * leaves every file whose bytes do not change as it was, mtime included
 * (modules are hard-linked into the staged tree, unchanged stack files are
 * not moved), and the result is byte for byte a fresh synth's. Atomicity under
 * a kill at every step is __tests__/output-swap-crash.test.ts's.
 */
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { defaultSpec } from '../src/examples/default-spec';
import type { SpecInput } from '../src/spec/schema';
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

  it('GIVEN an organization of 25 accounts (its files past the first 256 written by the writer thread) WHEN synthesized twice THEN no file is rewritten', () => {
    const org = tempDir('xacct-unchanged-org-');
    synthTo(generateSpec(25) as SpecInput, org);
    const all = files(org);
    expect(all.length).toBeGreaterThan(300);
    for (const f of all) utimesSync(join(org, f), PAST, PAST);
    synthTo(generateSpec(25) as SpecInput, org);
    expect(files(org)).toEqual(all);
    for (const f of all) expect([f, statSync(join(org, f)).mtimeMs]).toEqual([f, PAST.getTime()]);
  }, 60_000);
});
