/**
 * The output swap in-process (src/output/swap.ts): a staged `modules/`
 * replaces the old one whole, an abort or a failed write leaves what is in
 * place as it was and no staging folder, and the recovery at the start of the
 * next command rolls a journal back before its commit point and forward
 * after it. Kills at each step, in a child process: output-swap-crash.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_MARKER } from '../src/output/ownership';
import { OutputSwap, recoverOutputs } from '../src/output/swap';
import { tempDir } from './helpers/synth';

/** A project folder with `modules/old/file` (`cdktf.out/` is made by the swap), and a swap over them with one module file and one stack staged. */
function staged(options = {}) {
  const parent = tempDir('xacct-swap-');
  const modules = join(parent, 'modules');
  const stacks = join(parent, 'cdktf.out');
  mkdirSync(join(modules, 'old'), { recursive: true });
  writeFileSync(join(modules, 'old', 'file'), 'old');
  const swap = new OutputSwap(stacks, modules, options);
  swap.write('a/main.tf.json', '{}');
  mkdirSync(join(swap.stacksStaging, 'stacks', 'a'), { recursive: true });
  writeFileSync(join(swap.stacksStaging, 'stacks', 'a', 'cdk.tf.json'), '{"new":1}');
  writeFileSync(join(swap.stacksStaging, 'manifest.json'), '{}');
  return { parent, modules, stacks, swap };
}

const temporary = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.'));

test('GIVEN an existing modules/ WHEN the swap commits THEN the new tree replaces it whole, with its marker, and nothing is left beside it', () => {
  const { parent, modules, stacks, swap } = staged();
  swap.write('README.md', '# x');
  expect(readFileSync(join(modules, 'old', 'file'), 'utf8')).toBe('old');
  swap.commit(['a'], { 'record.json': '{}\n' });
  expect(readdirSync(modules).sort()).toEqual([OUTPUT_MARKER, 'README.md', 'a']);
  expect(JSON.parse(readFileSync(join(modules, OUTPUT_MARKER), 'utf8')).files).toEqual(['README.md', 'a/main.tf.json']);
  expect(readdirSync(stacks).sort()).toEqual([OUTPUT_MARKER, 'manifest.json', 'record.json', 'stacks']);
  expect(readFileSync(join(stacks, 'stacks', 'a', 'cdk.tf.json'), 'utf8')).toBe('{"new":1}');
  expect(temporary(parent)).toEqual([]);
});

test('GIVEN a staged swap WHEN it is aborted THEN what is in place is untouched and the staging folders and the journal are gone', () => {
  const { parent, modules, stacks, swap } = staged();
  swap.abort();
  expect(readFileSync(join(modules, 'old', 'file'), 'utf8')).toBe('old');
  expect(temporary(parent)).toEqual([]);
  // The stacks folder was not there before the swap made it: nothing is left of it.
  expect(existsSync(stacks)).toBe(false);
});

test('GIVEN an empty stacks folder that was there before WHEN a swap over it is aborted THEN the folder stays', () => {
  const parent = tempDir('xacct-swap-');
  const stacks = join(parent, 'cdktf.out');
  mkdirSync(stacks);
  new OutputSwap(stacks, join(parent, 'nested', 'modules')).abort();
  expect(readdirSync(parent)).toEqual(['cdktf.out']);
  expect(readdirSync(stacks)).toEqual([]);
});

test('GIVEN a write the writer thread cannot make WHEN the swap commits THEN it throws naming the file, keeps the old tree and leaves no staging folder', () => {
  const { parent, modules, stacks, swap } = staged({ backgroundAfter: 0 });
  swap.write('x', 'a file');
  swap.write('x/y', 'below a file');
  expect(() => swap.commit(['a'])).toThrow(/cannot write .*\.modules\.tmp-[^/]+\/x\/y: EEXIST/);
  expect(readdirSync(modules)).toEqual(['old']);
  expect(temporary(parent)).toEqual([]);
  expect(existsSync(stacks)).toBe(false);
});

test('GIVEN a journal of a dead process in phase staging WHEN the next command recovers THEN the staging folders go and nothing in place changes', () => {
  const { parent, modules, stacks, swap } = staged();
  const journal = readdirSync(stacks).find((f) => f.startsWith('.swap-'))!;
  // As if the process that wrote it were gone: another pid, one that cannot be running.
  const dead = journal.replace(/^\.swap-\d+-/, '.swap-999999999-');
  writeFileSync(join(stacks, dead), readFileSync(join(stacks, journal)));
  recoverOutputs(stacks);
  expect(readdirSync(stacks).sort()).toEqual([journal]);
  expect(existsSync(swap.stacksStaging)).toBe(false);
  expect(readdirSync(modules)).toEqual(['old']);
  expect(temporary(parent)).toEqual([]);
});

test('GIVEN staging folders of a dead process and of this one WHEN the next command recovers THEN only the dead one is removed', () => {
  const stacks = join(tempDir('xacct-swap-'), 'cdktf.out');
  mkdirSync(join(stacks, '.staging-999999999-1'), { recursive: true });
  mkdirSync(join(stacks, `.staging-${process.pid}-1`));
  recoverOutputs(stacks);
  expect(readdirSync(stacks)).toEqual([`.staging-${process.pid}-1`]);
});
