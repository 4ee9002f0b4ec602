/**
 * The `cross-account-iam` CLI, run in-process: every verb's --help and exit
 * codes, synth's output (the same bytes as `synthesize()`, wherever the spec
 * path was typed from), and every error path naming its spec and writing
 * nothing.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import { SYNTH_RECORD } from '../src/cli/project';
import type { CliIO } from '../src/cli/verb';
import { VERBS } from '../src/cli/verbs';
import { readTree, synthTo, tempDir } from './helpers/synth';

const ROOT = join(__dirname, '..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: { PATH: process.env.PATH, ...env }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A project folder (a package.json makes it the project root) with the default example as acme.yaml and a subfolder. */
function project(): string {
  const dir = tempDir('xacct-cli-');
  writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
  cpSync(join(ROOT, 'examples', 'default', 'spec.yaml'), join(dir, 'acme.yaml'));
  mkdirSync(join(dir, 'sub'));
  return dir;
}

const BAD_SPEC = 'version: 1\naccounts:\n  - name: a\n    id: 123\n    region: eu-west-1\n';

describe('GIVEN any verb', () => {
  it.each(Object.keys(VERBS))('WHEN `%s --help` THEN it prints its usage with the shared flags and exits 0', async (name) => {
    const r = await cli(ROOT, [name, '--help']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(new RegExp(`^usage: cross-account-iam ${name}\\b`, 'i'));
    expect(r.stdout).toMatch(/^exit codes: 0 /im);
  });

  it('WHEN `schema --help` THEN its exit codes are only those it returns (it has no findings)', async () => {
    const r = await cli(ROOT, ['schema', '--help']);
    expect(r.stdout).toMatch(/^exit codes: 0 success, 2 usage$/m);
  });

  it.each(Object.keys(VERBS))('WHEN `%s` gets an unknown option THEN it exits 2 with its usage', async (name) => {
    const r = await cli(ROOT, [name, '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^(cross-account-iam )?${name}: unknown option '?--no-such-flag`, 'i'));
    expect(r.stderr).toMatch(new RegExp(`^usage: cross-account-iam ${name}\\b`, 'im'));
  });

  it('WHEN --help THEN every verb is listed; an unknown verb exits 2', async () => {
    const help = await cli(ROOT, ['--help']);
    for (const name of Object.keys(VERBS)) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    const bad = await cli(ROOT, ['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  it('WHEN a flag with choices gets another value THEN it exits 2 naming the choices', async () => {
    const r = await cli(ROOT, ['synth', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format yaml: use one of json, hcl');
  });
});

describe('synth', () => {
  it('GIVEN the default example THEN it writes the same bytes as synthesize(), plus the record of its spec', async () => {
    const dir = tempDir('xacct-cli-');
    const r = await cli(dir, ['synth']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'spec: the embedded default example (no --spec, no SPEC_FILE and no ./spec.yaml)\nsynth summary for examples/default/spec.yaml (embedded)',
    );
    expect(JSON.parse(readFileSync(join(dir, 'cdktf.out', SYNTH_RECORD), 'utf8'))).toEqual({ embedded: 'examples/default/spec.yaml (embedded)' });
    const expected = synthTo();
    const stacks = readTree(join(dir, 'cdktf.out'));
    stacks.delete(SYNTH_RECORD);
    expect(stacks).toEqual(readTree(join(expected.dir, 'cdktf.out')));
    expect(readTree(join(dir, 'modules'))).toEqual(readTree(join(expected.dir, 'modules')));
  });

  it('GIVEN the same spec typed as ../acme.yaml in a subfolder and as acme.yaml at the root THEN the output is byte-identical and names acme.yaml', async () => {
    const dir = project();
    const fromRoot = await cli(dir, ['synth', '--spec', 'acme.yaml', '--stacks-dir', 'a/cdktf.out', '--modules-dir', 'a/modules']);
    const fromSub = await cli(join(dir, 'sub'), ['synth', '--spec', '../acme.yaml', '--stacks-dir', '../b/cdktf.out', '--modules-dir', '../b/modules']);
    expect([fromRoot.code, fromSub.code]).toEqual([0, 0]);
    const a = readTree(join(dir, 'a'));
    expect(readTree(join(dir, 'b'))).toEqual(a);
    expect(a.get('modules/README.md')).toContain('from `acme.yaml`');
    expect(JSON.parse(a.get(`cdktf.out/${SYNTH_RECORD}`)!)).toEqual({ spec: 'acme.yaml' });
  });

  it('GIVEN a bad spec THEN it exits 2, names the spec, line and fix, and leaves the previous output as it was', async () => {
    const dir = project();
    expect((await cli(dir, ['synth', '--spec', 'acme.yaml'])).code).toBe(0);
    const before = readTree(dir);
    writeFileSync(join(dir, 'bad.yaml'), BAD_SPEC);
    const r = await cli(join(dir, 'sub'), ['synth', '--spec', '../bad.yaml', '--stacks-dir', '../cdktf.out', '--modules-dir', '../modules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 problem in the spec; nothing was written.\nbad.yaml:4: accounts[0].id: an AWS account id is exactly 12 digits');
    const after = readTree(dir);
    after.delete('bad.yaml');
    expect(after).toEqual(before);
  });

  it('GIVEN a bad environment variable THEN the error names the spec and nothing is written', async () => {
    const dir = project();
    const r = await cli(dir, ['synth', '--spec', 'acme.yaml'], { MODULES_FORMAT: 'yaml' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^acme\.yaml: MODULES_FORMAT=yaml is not understood/);
    expect(existsSync(join(dir, 'cdktf.out'))).toBe(false);
    expect(existsSync(join(dir, 'modules'))).toBe(false);
  });

  it('GIVEN a missing spec file THEN it exits 2 naming it', async () => {
    const r = await cli(tempDir('xacct-cli-'), ['synth', '--spec', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml: cannot read the spec: ENOENT');
  });
});

describe('check', () => {
  it('GIVEN the default example THEN it lists the warnings, exits 0 and writes nothing', async () => {
    const dir = project();
    const r = await cli(dir, ['check', '--spec', 'acme.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('spec: acme.yaml (from --spec)');
    expect(r.stdout).toMatch(/acme\.yaml: 6 accounts, 0 errors, \d+ other findings\n$/);
    expect(readTree(dir).size).toBe(2);
  });

  it('GIVEN a lint error THEN it exits 1 and lists it; GIVEN a schema error THEN 2', async () => {
    const dir = project();
    const spec = readFileSync(join(dir, 'acme.yaml'), 'utf8').replace(
      '- name: sample-dev\n',
      '- name: sample-dev\n        suppressions: [{ rule: TRUST099, reason: "no such rule in the pack" }]\n',
    );
    writeFileSync(join(dir, 'lint.yaml'), spec);
    const lint = await cli(dir, ['check', '--spec', 'lint.yaml']);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/error \[LINT001\] lint\.yaml:\d+: accounts\[0\]\.roles\[0\]\.suppressions\[0\]\.rule/);
    writeFileSync(join(dir, 'bad.yaml'), BAD_SPEC);
    const bad = await cli(dir, ['check', '--spec', 'bad.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:4: accounts[0].id');
    expect(readTree(dir).size).toBe(4);
  });
});

describe('access', () => {
  it('GIVEN no spec and no synth THEN it exits 2 and says how to name one, never using the embedded example', async () => {
    const r = await cli(tempDir('xacct-cli-'), ['access']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('access: no spec named, and ');
    expect(r.stderr).toContain('fix: name the spec with --spec FILE, or run `cross-account-iam synth`');
    expect(r.stdout).toBe('');
  });

  it('GIVEN a synth of acme.yaml THEN access uses that spec, says so, and every declared workload passes', async () => {
    const dir = project();
    expect((await cli(dir, ['synth', '--spec', 'acme.yaml'])).code).toBe(0);
    const r = await cli(join(dir, 'sub'), ['access', '--stacks-dir', '../cdktf.out', '--out', '../report']);
    expect(r.stderr).toContain(`access: spec: acme.yaml (from the last synth, recorded in ../cdktf.out/${SYNTH_RECORD})`);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'report', 'access-matrix.json'))).toBe(true);
  });

  it('GIVEN a synth of the embedded example THEN access says it uses the embedded example', async () => {
    const dir = tempDir('xacct-cli-');
    expect((await cli(dir, ['synth'])).code).toBe(0);
    const r = await cli(dir, ['access']);
    expect(r.stderr).toContain(`access: spec: the embedded default example (the last synth, recorded in cdktf.out/${SYNTH_RECORD})`);
    expect(r.code).toBe(0);
  });
});

describe('diff', () => {
  it('GIVEN an account the spec does not have THEN it exits 2 listing the accounts, before anything runs or is written', async () => {
    const dir = project();
    const before = readTree(dir);
    const r = await cli(dir, ['diff', 'data-prod', '--spec', 'acme.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'acme.yaml: diff: account "data-prod" is not in the spec\n    fix: name one of its accounts: data-platform, data-lake, shared-services, raw-data, data-query, connections',
    );
    expect(readTree(dir)).toEqual(before);
  });

  it('GIVEN an account needing AWS provider 6.2.0 and a mirror holding only 5.100.0 THEN it exits 2 saying so, before cdktf runs', async () => {
    const dir = project();
    cpSync(join(ROOT, 'examples', 'eks-cross-account', 'spec.yaml'), join(dir, 'chain.yaml'));
    writeFileSync(join(dir, 'cdktf.json'), '{}');
    const mirror = join(dir, 'mirror');
    mkdirSync(join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64'), { recursive: true });
    writeFileSync(join(dir, 'tf.rc'), `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    const before = readTree(dir);
    const r = await cli(dir, ['diff', 'platform', '--spec', 'chain.yaml'], { TF_CLI_CONFIG_FILE: join(dir, 'tf.rc') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `chain.yaml: diff: account "platform" needs hashicorp/aws >= 6.2.0, < 7.0, and the provider mirror of TF_CLI_CONFIG_FILE (${mirror}) has 5.100.0\n    fix: put a version that fits into the mirror`,
    );
    expect(readTree(dir)).toEqual(before);
  });

  it('GIVEN no account THEN usage, exit 2', async () => {
    const r = await cli(ROOT, ['diff']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('name the account to plan');
  });
});
