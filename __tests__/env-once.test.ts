/**
 * The environment is read once, in the CLI (src/cli/main.ts, `processIO`; main.ts, the cdktf app,
 * runs the CLI): the library takes it as an option and reads no variable of its own. The one
 * other reader is the executable's launcher (src/cli/launcher.ts), which runs before the CLI's
 * bundle is loaded and reads only where its code cache is and whether it is off.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { runAccess } from '../src/access/run';
import { chooseSpec } from '../src/cli/project';
import type { CliIO } from '../src/cli/verb';
import { EnvError } from '../src/errors';
import { DEFAULT_SPEC_NAME } from '../src/examples/default-spec';
import { loadSpecOrExample } from '../src/examples/spec-or-example';
import { swapOptionsFrom } from '../src/output/swap';
import { loadSpec, synthesize } from '../src/synth';
import { tempDir } from './helpers/synth';

const SRC = join(__dirname, '..', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));

/** Where a file's code (not its comments) reads `process.env`. */
function envReads(file: string): number[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'process' && n.name.text === 'env')
      lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return lines;
}

/** Sets variables in process.env for `fn`, then puts them back. */
function withProcessEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test("GIVEN the source of src/ WHEN its code is read THEN only the CLI's processIO reads process.env, and the launcher, once, for the code cache", () => {
  const reads = files(SRC).flatMap((f) => envReads(f).map((line) => `${f.slice(SRC.length + 1)}:${line}`));
  expect(reads.map((r) => r.replace(/:\d+$/, '')).sort()).toEqual(['cli/launcher.ts', 'cli/main.ts']);
});

describe('GIVEN variables in process.env that the library used to read', () => {
  test('WHEN synthesize runs without env THEN it reads none of them; WHEN given the same env THEN it does', () => {
    const dir = tempDir('xacct-env-once-');
    const bad = { ACCESS_MATRIX: 'sometimes', MODULES_FORMAT: 'yaml', OFFLINE_DRY_RUN: 'maybe' };
    const options = { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') };
    const result = withProcessEnv(bad, () => synthesize(loadSpec(), options));
    expect(result.summary.offline).toBe(false);
    expect(() => synthesize(loadSpec(), { ...options, env: { ACCESS_MATRIX: 'sometimes' } })).toThrow(EnvError);
    expect(() => synthesize(loadSpec(), { ...options, env: { MODULES_FORMAT: 'yaml' } })).toThrow('MODULES_FORMAT=yaml is not understood');
  });

  test('WHEN SPEC_FILE names a missing file THEN loadSpec, loadSpecOrExample and runAccess without env use the embedded example; the CLI takes SPEC_FILE from its io', () => {
    withProcessEnv({ SPEC_FILE: '/nonexistent/spec.yaml' }, () => {
      expect(loadSpec().file).toBe(DEFAULT_SPEC_NAME);
      expect(loadSpecOrExample(undefined).file).toBe(DEFAULT_SPEC_NAME);
      expect(loadSpecOrExample('').file).toBe(DEFAULT_SPEC_NAME);
      const dir = tempDir('xacct-env-once-access-');
      synthesize(loadSpec(), { outdir: join(dir, 'cdktf.out'), modulesDir: false });
      expect(runAccess({ synth: join(dir, 'cdktf.out'), out: join(dir, 'report') }).exitCode).toBe(0);
    });
    const io: CliIO = { cwd: tempDir('xacct-env-once-cli-'), env: { SPEC_FILE: '/elsewhere/spec.yaml' }, stdout: () => undefined, stderr: () => undefined };
    expect(chooseSpec(undefined, io)).toMatchObject({ kind: 'file', path: '/elsewhere/spec.yaml', how: 'SPEC_FILE' });
    expect(() => loadSpecOrExample('/nonexistent/spec.yaml')).toThrow(/nonexistent\/spec\.yaml/);
  });
});

test("GIVEN the crash-test hook and the cdktf CLI's marker WHEN read from an env THEN the swap gets them as options; an unset or bad hook is none", () => {
  expect(swapOptionsFrom({ CROSS_ACCOUNT_IAM_CRASH_AT_STEP: '3', CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: '' })).toEqual({
    keepStaleStacks: true,
    crashAtStep: 3,
  });
  expect(swapOptionsFrom({})).toEqual({ keepStaleStacks: false });
  expect(swapOptionsFrom({ CROSS_ACCOUNT_IAM_CRASH_AT_STEP: '' })).toEqual({ keepStaleStacks: false });
  expect(swapOptionsFrom({ CROSS_ACCOUNT_IAM_CRASH_AT_STEP: '0' })).toEqual({ keepStaleStacks: false });
});
