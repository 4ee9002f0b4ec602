/**
 * cdktf.out/ after a synth holds exactly the spec's stacks, each whole: stacks
 * the spec dropped are removed, the cdktf CLI's working files in the kept
 * stack folders survive, and a synth that fails or is killed part-way leaves
 * every stack as it was or whole and new.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { OutputSwap } from '../src/output/swap';
import { writeCdktfOut } from '../src/render/cdktf-out';
import { describeAccount } from '../src/description/account';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';
import { synthesize } from '../src/synth';
import { readTree, tempDir } from './helpers/synth';

const account = (name: string, id: string, role = 'reader'): SpecInput['accounts'][number] => ({
  name,
  id,
  region: 'eu-west-1',
  roles: [{ name: role, trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }] }],
});
const spec = (...accounts: SpecInput['accounts']): SpecInput => ({ version: 1, accounts });
const synthTo = (dir: string, input: SpecInput, engine: 'direct' | 'cdktf' = 'direct') =>
  synthesize(validateSpec(input, 'spec.yaml'), { outdir: join(dir, 'cdktf.out'), modulesDir: false, engine, offline: false });
const stacksIn = (dir: string) => readdirSync(join(dir, 'cdktf.out', 'stacks')).sort();
const leftovers = (dir: string) => readdirSync(join(dir, 'cdktf.out')).filter((f) => f.startsWith('.staging-') || f.startsWith('.swap-'));

describe.each(['direct', 'cdktf'] as const)('GIVEN a cdktf.out/ of three accounts (%s engine)', (engine) => {
  test('WHEN the spec drops one and synth runs again THEN its stack folder is gone, the manifest lists the two, and the CLI files of the kept stacks survive', () => {
    const dir = tempDir('xacct-stale-');
    synthTo(dir, spec(account('a', '111111111111'), account('b', '222222222222'), account('c', '333333333333')), engine);
    expect(stacksIn(dir)).toEqual(['a', 'b', 'c']);
    // What `cdktf diff a` leaves in a stack folder: Terraform's working files.
    writeFileSync(join(dir, 'cdktf.out', 'stacks', 'a', '.terraform.lock.hcl'), '# lock\n');
    mkdirSync(join(dir, 'cdktf.out', 'stacks', 'a', '.terraform'));

    synthTo(dir, spec(account('a', '111111111111', 'writer'), account('b', '222222222222')), engine);
    expect(stacksIn(dir)).toEqual(['a', 'b']);
    const manifest = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toEqual(['a', 'b']);
    expect(readdirSync(join(dir, 'cdktf.out', 'stacks', 'a')).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'cdk.tf.json']);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'a', 'cdk.tf.json'), 'utf8')).resource.aws_iam_role)).toEqual(['writer']);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('GIVEN a cdktf.out/ of a previous synth', () => {
  const model = resolveModel(validateSpec(spec(account('a', '111111111111'), account('b', '222222222222'), account('c', '333333333333')), 'spec.yaml'));

  test('WHEN rendering fails at the second account THEN every file in cdktf.out/ is as it was and no staging folder is left', () => {
    const dir = tempDir('xacct-interrupt-');
    synthTo(dir, spec(account('a', '111111111111', 'old'), account('b', '222222222222', 'old')));
    const before = readTree(join(dir, 'cdktf.out'));
    const staged = new OutputSwap(join(dir, 'cdktf.out'), undefined);
    let n = 0;
    expect(() => {
      try {
        writeCdktfOut(model, staged.stacksStaging, (a) => {
          if (++n === 2) throw new Error('interrupted');
          return describeAccount(a);
        });
        staged.commit(model.accounts.map((a) => a.name));
      } catch (e) {
        staged.abort();
        throw e;
      }
    }).toThrow('interrupted');
    expect(readTree(join(dir, 'cdktf.out'))).toEqual(before);
    expect(leftovers(dir)).toEqual([]);
  });

  test('WHEN a synth process is killed while it writes THEN each stack is the old one or the new one, whole', async () => {
    const dir = tempDir('xacct-kill-');
    const old = generateSpec(20);
    synthTo(dir, old as SpecInput);
    const before = readTree(join(dir, 'cdktf.out'));
    // The same accounts, every role with one more tag: every stack file changes.
    const next = generateSpec(20);
    for (const a of next.accounts) for (const r of a.roles ?? []) r.tags = { ...r.tags, release: 'v2' };
    const specFile = join(dir, 'next.json');
    writeFileSync(specFile, JSON.stringify(next));
    const script = [
      "const { synthesize } = require('./src/synth');",
      "const { validateSpec } = require('./src/input/load');",
      `synthesize(validateSpec(require(${JSON.stringify(specFile)}), 'next.json'), { outdir: ${JSON.stringify(join(dir, 'cdktf.out'))}, modulesDir: false, offline: false });`,
    ].join('\n');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: join(__dirname, '..'), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<NodeJS.Signals | null>((done) => child.once('close', (_code, sig) => done(sig)));
    // Kill it as soon as it has staged some stacks, before it can have put them all in place.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        const staging = existsSync(join(dir, 'cdktf.out')) ? leftovers(dir).find((f) => f.startsWith('.staging-')) : undefined;
        const staged = staging && existsSync(join(dir, 'cdktf.out', staging, 'stacks')) ? readdirSync(join(dir, 'cdktf.out', staging, 'stacks')).length : 0;
        if (staged >= 5 || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        }
      }, 2);
    });
    // Killed, not finished (nor failed) first: otherwise this test would prove nothing.
    expect([await closed, stderr]).toEqual(['SIGKILL', '']);
    const fresh = tempDir('xacct-kill-next-');
    synthTo(fresh, next as SpecInput);
    const after = readTree(join(dir, 'cdktf.out'));
    const complete = readTree(join(fresh, 'cdktf.out'));
    for (const [file, content] of after) {
      if (/^\.(staging|swap)-/.test(file)) continue;
      expect([file, content === before.get(file) ? 'old' : content === complete.get(file) ? 'new' : 'neither']).not.toEqual([file, 'neither']);
    }
    expect([...after.keys()].filter((f) => !/^\.(staging|swap)-/.test(f))).toEqual([...before.keys()]);
    // Killed while staging (its folder is left behind, for the next synth's process to ignore): nothing in place changed.
    if (leftovers(dir).length > 0) for (const [file, content] of before) expect([file, after.get(file) === content]).toEqual([file, true]);

    // The next synth clears what the killed one left, and completes.
    synthTo(dir, next as SpecInput);
    expect(leftovers(dir)).toEqual([]);
    expect(readTree(join(dir, 'cdktf.out'))).toEqual(complete);
  });
});
