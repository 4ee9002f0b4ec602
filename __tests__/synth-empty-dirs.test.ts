/**
 * An empty MODULES_DIR or CDKTF_OUTDIR counts as unset: resolved as it is, ''
 * would be the current folder, which the staged write of modules/ replaces whole.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, synthesize } from '../src/synth';
import { tempDir } from './helpers/synth';

test('empty MODULES_DIR and CDKTF_OUTDIR fall back to ./modules and ./cdktf.out', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'keep-me.txt'), 'a file of the user\n');
  const saved = process.cwd();
  process.chdir(dir);
  try {
    const result = synthesize(loadSpec(''), { accessMatrix: false, env: { MODULES_DIR: '', CDKTF_OUTDIR: '' } });
    expect(result.modulesDir).toBe(join(process.cwd(), 'modules'));
    expect(result.outdir).toBe(join(process.cwd(), 'cdktf.out'));
  } finally {
    process.chdir(saved);
  }
  expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'keep-me.txt', 'modules']);
  expect(existsSync(join(dir, 'modules', 'README.md'))).toBe(true);
});
