/**
 * The spec's zod schemas are built only to validate a spec, and the yaml
 * package is loaded only to read a YAML spec or write what the manifest
 * layout does not (src/input/yaml-lib.ts): a synth of the embedded example
 * (shipped validated) and every step after loading read the preset records,
 * the provider constraints and the backend's names without them. Loading them
 * cost about 12 and 2 ms of each CLI start (bench/README.md, round 5), so a
 * module that a later step imports again fails here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Runs the CLI from the source (tsx) and lists the modules of `src/` and zod it loaded, relative to the repository. */
function loadedBy(args: (dir: string) => string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lazy-schemas-'));
  try {
    const report = join(dir, 'loaded.json');
    const preload = join(dir, 'report.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));\n`,
    );
    const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '--require', preload, join(ROOT, 'src', 'cli', 'bin.ts'), ...args(dir)], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SPEC_FILE: '', MODULES_DIR: '', CDKTF_OUTDIR: '' },
    });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const files = JSON.parse(readFileSync(report, 'utf8')) as string[];
    return files.filter((f) => f.startsWith(ROOT)).map((f) => f.slice(ROOT.length + 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const schemaModules = (loaded: readonly string[]) =>
  loaded.filter(
    (f) => f.startsWith('node_modules/zod/') || /^src\/input\/(schema|trust-types\/index|sections\/(options|backend|role|account))\.ts$|-schema\.ts$/.test(f),
  );

describe('the CLI builds the spec schema only to validate a spec', () => {
  it('GIVEN the embedded default example WHEN synthesized THEN no zod module, no schema module and no yaml module is loaded', () => {
    const loaded = loadedBy((dir) => ['synth', '--stacks-dir', join(dir, 'cdktf.out'), '--modules-dir', join(dir, 'modules')]);
    // The run did load the steps that read the records: the check can see src/ modules at all.
    expect(loaded).toEqual(expect.arrayContaining(['src/input/trust-types/ci-presets.ts', 'src/input/sections/provider-version.ts', 'src/synth.ts']));
    expect(schemaModules(loaded)).toEqual([]);
    expect(loaded.filter((f) => f.startsWith('node_modules/yaml/'))).toEqual([]);
  });

  it('GIVEN a spec file WHEN synthesized THEN the schema is built (the check above would see it)', () => {
    const spec = join(ROOT, 'examples', 'default', 'spec.yaml');
    const loaded = loadedBy((dir) => ['synth', '--spec', spec, '--stacks-dir', join(dir, 'cdktf.out'), '--modules-dir', join(dir, 'modules')]);
    expect(schemaModules(loaded)).toEqual(expect.arrayContaining(['src/input/schema.ts', 'src/input/trust-types/gitlab-ci-schema.ts']));
    expect(schemaModules(loaded).some((f) => f.startsWith('node_modules/zod/'))).toBe(true);
    expect(loaded.some((f) => f.startsWith('node_modules/yaml/'))).toBe(true);
  });
});
