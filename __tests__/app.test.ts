/**
 * The cdktf app as `cdktf synth` runs it (scripts/cdktf-app.cjs: main.ts
 * bundled by esbuild) writes what `synthesize()` writes in-process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTH_RECORD } from '../src/cli/project';
import { readTree, synthTo, tempDir } from './helpers/synth';

test('GIVEN the default example WHEN the precompiled app runs THEN cdktf.out/ and modules/ equal the in-process synth', () => {
  const dir = tempDir('xacct-app-');
  const env = { ...process.env, CDKTF_OUTDIR: join(dir, 'cdktf.out'), MODULES_DIR: join(dir, 'modules'), SPEC_FILE: '' };
  const stdout = execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'cdktf-app.cjs')], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(stdout).toContain(
    'spec: the embedded default example (no --spec, no SPEC_FILE and no ./spec.yaml)\nsynth summary for examples/default/spec.yaml (embedded)\n',
  );
  // The app (the CLI's synth) also records the spec it used, for `cross-account-iam access`.
  expect(JSON.parse(readFileSync(join(dir, 'cdktf.out', SYNTH_RECORD), 'utf8'))).toEqual({ embedded: 'examples/default/spec.yaml (embedded)' });
  rmSync(join(dir, 'cdktf.out', SYNTH_RECORD));
  const expected = synthTo();
  for (const sub of ['cdktf.out', 'modules']) {
    const a = readTree(join(expected.dir, sub));
    const b = readTree(join(dir, sub));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, content] of a) expect([file, b.get(file) === content]).toEqual([file, true]);
  }
});
