/**
 * What a synth removes of its own (src/output/remove.ts): its journal, and
 * what a commit leaves of a staging tree, without Node's recursive remover
 * when the tree is only folders, and with it otherwise.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeFile, removeTree } from '../src/output/remove';
import { tempDir } from './helpers/synth';

describe('GIVEN removeFile', () => {
  it('WHEN the file is there THEN it goes; WHEN it is not THEN nothing happens', () => {
    const dir = tempDir('xacct-remove-');
    const file = join(dir, 'journal.json');
    writeFileSync(file, '{}');
    removeFile(file);
    expect(existsSync(file)).toBe(false);
    expect(() => removeFile(file)).not.toThrow();
  });

  it('WHEN the path is a folder THEN it throws and the folder stays', () => {
    const dir = tempDir('xacct-remove-');
    expect(() => removeFile(dir)).toThrow();
    expect(existsSync(dir)).toBe(true);
  });
});

describe('GIVEN removeTree', () => {
  it('WHEN the tree is only folders THEN all of it goes', () => {
    const dir = join(tempDir('xacct-remove-'), 'staging');
    mkdirSync(join(dir, 'stacks', 'a'), { recursive: true });
    mkdirSync(join(dir, 'stacks', 'b'), { recursive: true });
    removeTree(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('WHEN the tree holds files, part-way down THEN all of it goes all the same', () => {
    const dir = join(tempDir('xacct-remove-'), 'staging');
    mkdirSync(join(dir, 'stacks', 'a'), { recursive: true });
    mkdirSync(join(dir, 'stacks', 'b'), { recursive: true });
    writeFileSync(join(dir, 'stacks', 'b', 'cdk.tf.json'), '{}');
    writeFileSync(join(dir, 'manifest.json'), '{}');
    removeTree(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it('WHEN the tree holds a link to a folder outside THEN the link goes and the folder it names stays, with its files', () => {
    const root = tempDir('xacct-remove-');
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'keep');
    const dir = join(root, 'staging');
    mkdirSync(join(dir, 'stacks'), { recursive: true });
    symlinkSync(outside, join(dir, 'stacks', 'link'), 'dir');
    removeTree(dir);
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(join(outside, 'keep.txt'))).toBe(true);
  });

  it('WHEN the tree is not there THEN nothing happens', () => {
    expect(() => removeTree(join(tempDir('xacct-remove-'), 'gone'))).not.toThrow();
  });
});
