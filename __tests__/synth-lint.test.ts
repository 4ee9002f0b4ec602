/** The pack inside synthesize(): errors stop it before anything is written; warnings print and come back. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { isSpecError, SpecError } from '../src/errors';
import { defaultSpec, DEFAULT_SPEC_NAME } from '../src/examples/default-spec';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { OUTPUT_MARKER } from '../src/output/ownership';
import { specWith } from './helpers/spec';

const ROOT = join(__dirname, '..');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lint-synth-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const badSpec = () =>
  specWith((s) => {
    s.accounts[0].roles[0].trust.push({ type: 'web-identity', issuers: [{ issuer: 'eks', subjects: ['*'] }] });
    s.accounts[0].roles.push({ name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor' }] });
  });

describe('synthesize with lint errors', () => {
  it('throws one SpecError listing every error, and writes nothing', () => {
    const outdir = join(dir, 'cdktf.out');
    const modulesDir = join(dir, 'modules');
    let error: unknown;
    try {
      synthesize(validateSpec(badSpec(), 'bad.yaml'), { outdir, modulesDir, log: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems.map((p) => [p.file, p.path, p.ruleId])).toEqual([
      // The web-identity entry (trust[1]) wrote the "*", not the service account's entry on the same cluster.
      ['bad.yaml', 'accounts[0].roles[0].trust[1]', 'TRUST004'],
      ['bad.yaml', 'accounts[0].roles[1].trust[0]', 'TRUST015'],
    ]);
    expect((error as SpecError).message).toMatch(/^2 problems in the spec; nothing was written\.\n/);
    expect((error as SpecError).message).toContain('bad.yaml: accounts[0].roles[0].trust[1] [TRUST004]: ');
    expect((error as SpecError).message).toContain('    fix: name the one subject: system:serviceaccount:<namespace>:<service-account>');
    expect(existsSync(outdir)).toBe(false);
    expect(existsSync(modulesDir)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves an existing modules/ as it was', () => {
    const modulesDir = join(dir, 'modules');
    mkdirSync(modulesDir);
    writeFileSync(join(modulesDir, 'README.md'), 'previous run');
    expect(() => synthesize(validateSpec(badSpec(), 'bad.yaml'), { outdir: join(dir, 'out'), modulesDir, log: () => undefined })).toThrow(SpecError);
    expect(readdirSync(modulesDir)).toEqual(['README.md']);
    expect(readFileSync(join(modulesDir, 'README.md'), 'utf8')).toBe('previous run');
  });
});

describe('synthesize the default example', () => {
  it('writes the modules, logs the warnings, and returns every finding', () => {
    const lines: string[] = [];
    const result = synthesize(validateSpec(defaultSpec, DEFAULT_SPEC_NAME), {
      outdir: join(dir, 'out'),
      modulesDir: join(dir, 'modules'),
      log: (t) => lines.push(t),
    });
    // No TRUST015 for the roles that trust the airflow role of shared-services: a specific role of a spec account (issue 11).
    expect(result.findings.map((f) => f.ruleId)).toEqual(['TRUST006', 'TRUST003']);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning \[TRUST006\] /);
    expect(readdirSync(join(dir, 'modules')).sort()).toEqual([
      OUTPUT_MARKER,
      'ACCESS.md',
      'README.md',
      'access.html',
      'connections',
      'data-lake',
      'data-platform',
      'data-query',
      'raw-data',
      'shared-services',
      'workloads',
    ]);
  });

  it('writes the auto-fixed and externalId conditions into the generated module', () => {
    const spec = specWith((s) =>
      s.accounts[0].roles.push({
        name: 'vendor',
        trust: [{ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor', externalId: 'shared-secret-123' }],
      }),
    );
    synthesize(validateSpec(spec, 'spec.yaml'), { outdir: join(dir, 'out'), modulesDir: join(dir, 'modules'), log: () => undefined });
    const main = JSON.parse(readFileSync(join(dir, 'modules', 'a', 'main.tf.json'), 'utf8'));
    expect(main.data.aws_iam_policy_document.vendor_trust.statement[0].condition).toEqual([
      { test: 'StringEquals', variable: 'sts:ExternalId', values: ['shared-secret-123'] },
    ]);
  });
});

// main.ts as cdktf.json runs it: scripts/cdktf-app.cjs, main.ts bundled by esbuild (a second faster than tsx compiling it).
describe('main.ts', () => {
  it('prints every problem with file (relative to the project), path, rule id and fix, exits 2 and writes nothing', () => {
    const specFile = join(dir, 'bad.yaml');
    writeFileSync(specFile, stringify(badSpec()));
    const run = spawnSync(process.execPath, ['scripts/cdktf-app.cjs'], {
      cwd: ROOT,
      env: { ...process.env, SPEC_FILE: specFile, MODULES_DIR: join(dir, 'modules'), CDKTF_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('2 problems in the spec; nothing was written.');
    expect(run.stderr).toMatch(
      new RegExp(`${relative(ROOT, specFile).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: accounts\\[0\\]\\.roles\\[0\\]\\.trust\\[1\\] \\[TRUST004\\]: `),
    );
    expect(run.stderr).toContain('[TRUST015]');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

describe('errors from every stage carry file, path and fix', () => {
  it.each([
    ['a schema error', { accounts: [] }],
    ['a broken reference', specWith((s) => (s.accounts[0].roles[0].trust[0].issuer = 'nope'))],
  ])('%s', (_name, input) => {
    let error: unknown;
    try {
      synthesize(validateSpec(input, 'x.yaml'), { outdir: join(dir, 'out'), modulesDir: join(dir, 'modules'), log: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(isSpecError(error)).toBe(true);
    for (const p of (error as SpecError).problems) {
      expect(p.file).toMatch(/^x\.yaml/);
      expect(p.path).not.toBe('');
      expect(p.fix).not.toBe('');
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
