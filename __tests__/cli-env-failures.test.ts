/**
 * Failures of the machine are exit 2 with one message naming the path and a
 * fix, never "internal error" and a stack trace, and nothing is written
 * (issue 26, class 6). Each case is a real failure: a read-only bind mount
 * (EROFS; root ignores chmod), a tiny tmpfs (ENOSPC), an output folder that
 * is a mount point (EBUSY), a file where a folder belongs (ENOTDIR), a folder
 * under /sys (EPERM). These need root and mount(8), as the suite runs here;
 * EACCES, which root never gets, is given to the mapping directly.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runCli } from '../src/cli/main';
import { envFailure } from '../src/cli/env-failure';
import { tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');
const SPEC = join(ROOT, 'examples', 'default', 'spec.yaml');
const EXPORT = join(ROOT, 'examples', 'brownfield', 'platform-111111111111.json');

const mounts: string[] = [];
function mount(args: readonly string[], at: string): void {
  execFileSync('mount', [...args, at], { stdio: 'pipe' });
  mounts.unshift(at);
}
afterAll(() => {
  for (const at of mounts) execFileSync('umount', [at], { stdio: 'pipe' });
});

/** A project folder with the default example as spec.yaml. */
function project(dir = tempDir('xacct-env-')): string {
  cpSync(SPEC, join(dir, 'spec.yaml'));
  return dir;
}

/** `dir`, mounted read-only over itself. */
function readOnly(dir: string): string {
  mount(['--bind', dir], dir);
  execFileSync('mount', ['-o', 'remount,bind,ro', dir], { stdio: 'pipe' });
  return dir;
}

/** A fresh tmpfs of `size` at `dir`. */
function tmpfs(size: string, dir = tempDir('xacct-tmpfs-')): string {
  mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs'], dir);
  return dir;
}

/** Every file and folder under `dir` (folders end with /). */
function entries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const isDir = statSync(p).isDirectory();
      out.push(`${relative(dir, p)}${isDir ? '/' : ''}`);
      if (isDir) walk(p);
    }
  };
  walk(dir);
  return out;
}

async function cli(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env: { PATH: process.env.PATH }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, lines: stderr.trimEnd().split('\n') };
}

/** The two lines every environment failure prints: what failed, and the fix. */
function expectEnvFailure(r: Awaited<ReturnType<typeof cli>>, problem: string | RegExp, fix: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.lines).toHaveLength(2);
  if (typeof problem === 'string') expect(r.lines[0]).toBe(problem);
  else expect(r.lines[0]).toMatch(problem);
  expect(r.lines[1]).toMatch(/^ {4}fix: /);
  expect(r.lines[1]).toMatch(fix);
}

describe('synth', () => {
  it('GIVEN a read-only project WHEN synth THEN exit 2 names cdktf.out and the read-only folder (not ENOENT), and nothing is written', async () => {
    const dir = readOnly(project());
    const r = await cli(dir, ['synth']);
    expectEnvFailure(
      r,
      `cross-account-iam synth: cannot mkdir ${dir}/cdktf.out: ${dir}: the file system is read-only (EROFS)`,
      /writable copy of the project, or point --stacks-dir and --modules-dir/,
    );
    expect(entries(dir)).toEqual(['spec.yaml']);
  });

  it('GIVEN a project on a full disk WHEN synth THEN exit 2 names the output folders and df, and no file or folder is left', async () => {
    const dir = project(tmpfs('32k'));
    const r = await cli(dir, ['synth']);
    expectEnvFailure(
      r,
      `cross-account-iam synth: cannot write ${dir}/cdktf.out and ${dir}/modules: no space is left on its device (ENOSPC)`,
      new RegExp(`free space on that device \\(df -h ${dir}\\)`),
    );
    expect(entries(dir)).toEqual(['spec.yaml']);
  });

  it('GIVEN modules/ is a mount point WHEN synth THEN exit 2 (EBUSY) names it and suggests a folder inside, and the mount stays empty', async () => {
    const dir = project();
    const modules = join(dir, 'modules');
    mkdirSync(modules);
    tmpfs('8m', modules);
    const r = await cli(dir, ['synth']);
    expectEnvFailure(
      r,
      `cross-account-iam synth: cannot rename ${modules}: it is busy: a mount point, or held open by another program (EBUSY)`,
      new RegExp(`name a folder inside the mount \\(e\\.g\\. ${modules}/out\\)`),
    );
    expect(entries(dir)).toEqual(['modules/', 'spec.yaml']);
  });

  it('GIVEN --stacks-dir below a file WHEN synth THEN exit 2 (ENOTDIR) names the path', async () => {
    const dir = project();
    writeFileSync(join(dir, 'out'), 'a file\n');
    const r = await cli(dir, ['synth', '--stacks-dir', 'out/cdktf.out']);
    // Node 20 meets the file at the stat of the ownership check, Node 22 at the mkdir before it.
    expectEnvFailure(
      r,
      new RegExp(`^cross-account-iam synth: cannot (stat|mkdir) ${dir}/out/cdktf\\.out: a part of the path is a file, not a folder \\(ENOTDIR\\)$`),
      /move away the file that stands where a folder belongs/,
    );
    expect(entries(dir)).toEqual(['out', 'spec.yaml']);
  });

  it('GIVEN --modules-dir under /sys WHEN synth THEN exit 2 (EPERM) names the folder the user asked for, not the staging folder', async () => {
    const dir = project();
    const r = await cli(dir, ['synth', '--modules-dir', '/sys/xacct-modules']);
    expectEnvFailure(
      r,
      'cross-account-iam synth: cannot mkdir /sys/xacct-modules: /sys: the operation is not permitted (EPERM)',
      /give your user write access to \/sys \(ls -ld \/sys\)/,
    );
    expect(entries(dir)).toEqual(['spec.yaml']);
    expect(readdirSync('/sys').filter((n) => n.includes('xacct'))).toEqual([]);
  });
});

describe('the other verbs that write', () => {
  it('GIVEN a read-only folder WHEN init THEN exit 2 (EROFS) and nothing is written', async () => {
    const dir = readOnly(tempDir('xacct-env-init-'));
    const r = await cli(dir, ['init', '--no-install']);
    expectEnvFailure(
      r,
      `cross-account-iam init: cannot open ${dir}/spec.yaml.init-tmp: ${dir}: the file system is read-only (EROFS)`,
      /init a folder you can write to/,
    );
    expect(entries(dir)).toEqual([]);
  });

  it('GIVEN a disk too small for all of its files WHEN init THEN exit 2 (ENOSPC) and none of them is left', async () => {
    const dir = tmpfs('8k');
    const r = await cli(dir, ['init', '--no-install']);
    expectEnvFailure(r, `cross-account-iam init: cannot write ${dir}: no space is left on its device (ENOSPC)`, new RegExp(`df -h ${dir}`));
    expect(entries(dir)).toEqual([]);
  });

  it('GIVEN a read-only --out WHEN access THEN exit 2 (EROFS) names the reports folder', async () => {
    const dir = project();
    expect((await cli(dir, ['synth'])).code).toBe(0);
    const out = readOnly(tempDir('xacct-env-out-'));
    const r = await cli(dir, ['access', '--out', join(out, 'report')]);
    expect(r.code).toBe(2);
    expect(r.lines.slice(1)).toEqual([
      `cross-account-iam access: cannot mkdir ${out}/report: ${out}: the file system is read-only (EROFS)`,
      '    fix: run it in a writable copy of the project, or write the reports elsewhere with --out DIR',
    ]);
    expect(entries(out)).toEqual([]);
  });

  it('GIVEN a read-only --out WHEN import THEN exit 2 (EROFS) and no spec is written', async () => {
    const out = readOnly(tempDir('xacct-env-import-'));
    const r = await cli(ROOT, ['import', '--iam-export', EXPORT, '--out', join(out, 'spec.yaml')]);
    expect(r.code).toBe(2);
    // the temporary file it failed to open is named as what the user asked for
    expect(r.lines.slice(-2)).toEqual([
      `cross-account-iam import: cannot open ${out}/spec.yaml: ${out}: the file system is read-only (EROFS)`,
      '    fix: run it in a writable copy of the project, or write the spec elsewhere with --out FILE, or to stdout',
    ]);
    expect(existsSync(join(out, 'spec.yaml'))).toBe(false);
  });
});

describe('the mapping', () => {
  const errno = (code: string, syscall: string, path?: string) => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall, ...(path ? { path } : {}) });

  it('GIVEN EACCES (which root never gets) THEN the message names the path and the fix asks for write access', () => {
    const dir = tempDir('xacct-env-eacces-');
    const e = envFailure(errno('EACCES', 'open', join(dir, 'cdktf.out', 'manifest.json')), 'synth');
    expect(e?.message).toBe(
      `cross-account-iam synth: cannot open ${dir}/cdktf.out/manifest.json: ${dir}: permission denied (EACCES)\n` +
        `    fix: give your user write access to ${dir} (ls -ld ${dir}), or point --stacks-dir and --modules-dir (or CDKTF_OUTDIR and MODULES_DIR) at a writable folder`,
    );
  });

  it.each([
    ['a plain Error', new Error('boom')],
    ['an errno code that is not about the machine', errno('ECONNRESET', 'read')],
    ['a string', 'EACCES'],
  ])('GIVEN %s THEN it is not an environment failure (it stays a bug, exit 3)', (_what, e) => {
    expect(envFailure(e, 'synth')).toBeUndefined();
  });
});
