/**
 * Output folders (class 4 of issue 26): synth replaces only a folder it wrote
 * itself (its marker, or the output of a synth from before the marker) or one
 * that is empty or missing. A folder that holds the spec, the current folder
 * or a parent of it, a project root, `/`, a file or the other output folder is
 * refused with exit 2, a message naming the folder and a fix, and nothing
 * written. A symlinked output folder is written through, and said so.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_MARKER } from '../src/output/ownership';
import { readTree, tempDir } from './helpers/synth';
import { cli } from './helpers/cli';

const ROOT = join(__dirname, '..');

/** proj/ (a project root: package.json) with the spec, cfg/spec.yaml, notes.txt, docs/notes.md, other-out/ (another app's cdktf.out), sub/, and other/ (another project). */
function project(): string {
  const dir = join(tempDir('xacct-out-'), 'proj');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(dir, 'cfg'));
  mkdirSync(join(dir, 'docs'));
  mkdirSync(join(dir, '..', 'other'));
  writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
  writeFileSync(join(dir, '..', 'other', 'package.json'), '{"name":"other","private":true}\n');
  cpSync(join(ROOT, 'examples', 'default', 'spec.yaml'), join(dir, 'spec.yaml'));
  cpSync(join(ROOT, 'examples', 'default', 'spec.yaml'), join(dir, 'cfg', 'spec.yaml'));
  writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
  writeFileSync(join(dir, 'docs', 'notes.md'), '# mine\n');
  // What another cdktf app wrote: a manifest and a stack, nothing of ours.
  mkdirSync(join(dir, 'other-out', 'stacks', 'mine'), { recursive: true });
  writeFileSync(join(dir, 'other-out', 'manifest.json'), '{"version":"0.21.0","stacks":{}}\n');
  writeFileSync(join(dir, 'other-out', 'stacks', 'mine', 'cdk.tf.json'), '{}\n');
  return dir;
}

/** Everything under the temp folder that holds proj/ and other/: files by content, symlinks by target (not followed). */
function everything(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(`${rel}${name}`, `-> ${readlinkSync(p)}`);
      else if (st.isDirectory()) walk(p, `${rel}${name}/`);
      else out.set(`${rel}${name}`, readFileSync(p, 'utf8'));
    }
  };
  walk(join(dir, '..'), '');
  return out;
}

describe('GIVEN a folder that is not an output folder', () => {
  it.each([
    [
      'the project, from a subfolder (issue: deleted every file of the project)',
      'sub',
      ['--spec', '../spec.yaml', '--modules-dir', '..'],
      'the modules folder <proj> is the current folder or one of its parents',
    ],
    [
      'the folder that holds the spec',
      '.',
      ['--spec', 'cfg/spec.yaml', '--modules-dir', 'cfg'],
      'the modules folder <proj>/cfg holds the spec <proj>/cfg/spec.yaml',
    ],
    ['a file', '.', ['--modules-dir', 'notes.txt'], 'the modules folder <proj>/notes.txt is a file, not a folder'],
    [
      'the current folder, as the stacks folder',
      '.',
      ['--stacks-dir', '.'],
      'the stacks folder <proj> is the current folder: synth replaces an output folder whole',
    ],
    ['the root folder', '.', ['--modules-dir', '/'], 'the modules folder / is the root folder'],
    ['another project root', '.', ['--modules-dir', '../other'], 'the modules folder <tmp>/other is a project root (it has package.json)'],
    [
      'a folder of the user',
      '.',
      ['--modules-dir', 'docs'],
      `the modules folder <proj>/docs is not empty and was not written by cross-account-iam synth (it has no ${OUTPUT_MARKER}): replacing it would delete notes.md`,
    ],
    [
      'the cdktf.out of another app',
      '.',
      ['--stacks-dir', 'other-out'],
      `the stacks folder <proj>/other-out is not empty and was not written by cross-account-iam synth (it has no ${OUTPUT_MARKER}): replacing it would delete manifest.json, stacks`,
    ],
    [
      'the stacks folder',
      '.',
      ['--modules-dir', 'out', '--stacks-dir', 'out'],
      'the modules folder <proj>/out is the same folder as the stacks folder <proj>/out',
    ],
    [
      'a folder inside the stacks folder',
      '.',
      ['--modules-dir', 'cdktf.out/modules'],
      'the modules folder <proj>/cdktf.out/modules is nested with the stacks folder <proj>/cdktf.out',
    ],
  ])('WHEN synth is given %s THEN it exits 2 naming the folder and the fix, and writes nothing', async (_what, from, argv, message) => {
    const dir = project();
    const before = everything(dir);
    const r = await cli(join(dir, from), ['synth', ...argv]);
    expect({ code: r.code, stderr: r.stderr.replaceAll(dir, '<proj>').replaceAll(join(dir, '..'), '<tmp>') }).toEqual({
      code: 2,
      stderr: expect.stringContaining(`${message}`) as unknown as string,
    });
    expect(r.stderr).toMatch(/; nothing was written\n {4}fix: (name|give|move) /);
    expect(r.stdout).not.toContain('synth summary');
    expect(everything(dir)).toEqual(before);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
  });

  it('WHEN the modules folder holds a file synth did not write THEN a new synth exits 2 naming it, and the folder stays as it was', async () => {
    const dir = project();
    expect((await cli(dir, ['synth'])).code).toBe(0);
    writeFileSync(join(dir, 'modules', 'data-lake', 'extra.tf'), '# mine\n');
    const before = everything(dir);
    const r = await cli(dir, ['synth']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `the modules folder ${join(dir, 'modules')} holds a file that synth did not write (data-lake/extra.tf), which replacing it would delete; nothing was written\n    fix: move it out of`,
    );
    expect(everything(dir)).toEqual(before);
  });

  it('WHEN the modules folder is the stacks folder of an earlier synth THEN it exits 2 and writes nothing', async () => {
    const dir = project();
    expect((await cli(dir, ['synth', '--modules-dir', 'm', '--stacks-dir', 'old-stacks'])).code).toBe(0);
    const before = everything(dir);
    const r = await cli(dir, ['synth', '--modules-dir', 'old-stacks']);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining(`the modules folder ${join(dir, 'old-stacks')} holds the stacks of an earlier synth, not modules`),
    ]);
    expect(everything(dir)).toEqual(before);
  });
});

describe('GIVEN an output folder synth may replace', () => {
  it('WHEN the folders are missing, then ours, then empty THEN synth writes them, with the marker, each time', async () => {
    const dir = project();
    expect((await cli(dir, ['synth'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'modules', OUTPUT_MARKER), 'utf8'))).toMatchObject({
      tree: 'modules',
      files: expect.arrayContaining(['README.md', 'data-lake/main.tf.json']),
    });
    expect(JSON.parse(readFileSync(join(dir, 'cdktf.out', OUTPUT_MARKER), 'utf8'))).toEqual({ writtenBy: 'cross-account-iam synth', tree: 'stacks' });
    const first = readTree(dir);
    expect((await cli(dir, ['synth'])).code).toBe(0);
    expect(readTree(dir)).toEqual(first);
    mkdirSync(join(dir, 'empty'));
    expect((await cli(dir, ['synth', '--modules-dir', 'empty'])).code).toBe(0);
    expect(readTree(join(dir, 'empty'))).toEqual(readTree(join(dir, 'modules')));
  });

  it('WHEN the output of a synth from before the marker is there THEN synth takes it over and adds the marker', async () => {
    const dir = project();
    expect((await cli(dir, ['synth'])).code).toBe(0);
    rmSync(join(dir, 'modules', OUTPUT_MARKER));
    rmSync(join(dir, 'cdktf.out', OUTPUT_MARKER));
    expect((await cli(dir, ['synth'])).code).toBe(0);
    expect(existsSync(join(dir, 'modules', OUTPUT_MARKER)) && existsSync(join(dir, 'cdktf.out', OUTPUT_MARKER))).toBe(true);
  });

  it('WHEN modules/ is a symlink to a folder THEN synth writes through it, keeps the link and says so; a dangling link is refused', async () => {
    const dir = project();
    mkdirSync(join(dir, '..', 'shared-modules'));
    symlinkSync(join(dir, '..', 'shared-modules'), join(dir, 'modules'));
    const r = await cli(dir, ['synth']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `the modules folder ${join(dir, 'modules')} is a symlink: the output was written to ${join(dir, '..', 'shared-modules')}, and the link kept`,
    );
    expect(lstatSync(join(dir, 'modules')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(dir, '..', 'shared-modules'))).toContain('README.md');
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect((await cli(dir, ['synth'])).code).toBe(0);
    expect(lstatSync(join(dir, 'modules')).isSymbolicLink()).toBe(true);

    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    const before = everything(dir);
    const bad = await cli(dir, ['synth', '--modules-dir', 'dangling']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      expect.stringContaining(
        `the modules folder ${join(dir, 'dangling')} (a symlink to ${join(dir, 'gone')}) points nowhere: its target does not exist; nothing was written\n    fix: create ${join(dir, 'gone')}, or remove the link`,
      ),
    ]);
    expect(everything(dir)).toEqual(before);
  });

  it('WHEN a symlinked modules folder points at the project THEN it is refused like the project itself', async () => {
    const dir = project();
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const before = everything(dir);
    const r = await cli(join(dir, 'sub'), ['synth', '--spec', '../spec.yaml', '--modules-dir', 'loop']);
    expect([r.code, r.stderr]).toEqual([
      2,
      expect.stringContaining(`the modules folder ${join(dir, 'sub', 'loop')} (a symlink to ${dir}) is the current folder or one of its parents`),
    ]);
    expect(everything(dir)).toEqual(before);
  });
});
