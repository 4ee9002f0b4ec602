/**
 * `init` and `schema`: the scaffolded project's files, refusing to overwrite,
 * merging package.json; the generated JSON Schema checked with a real JSON
 * Schema validator (ajv, draft 2020-12) against the examples and the
 * scaffolded spec, and against specs it must reject.
 */
import Ajv2020 from 'ajv/dist/2020';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { specJsonSchema } from '../src/cli/verbs/schema';
import { scaffoldSpec } from '../src/cli/scaffold/spec-yaml';
import { readTree, tempDir } from './helpers/synth';
import { cli } from './helpers/cli';

const ROOT = join(__dirname, '..');

describe('schema', () => {
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(specJsonSchema());
  const yamlOf = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8'));

  it('WHEN `schema` runs THEN it prints the schema generated from the zod schema', async () => {
    const r = await cli(ROOT, ['schema']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toEqual(specJsonSchema());
    expect(printed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(printed.properties)).toEqual(expect.arrayContaining(['version', 'issuers', 'accounts', 'options']));
  });

  it.each(['examples/default/spec.yaml', 'examples/presets/spec.yaml', 'examples/eks-cross-account/spec.yaml'])('GIVEN %s THEN it validates', (file) => {
    expect([validate(yamlOf(file)), validate.errors]).toEqual([true, null]);
  });

  it('GIVEN the scaffolded spec THEN it validates', () => {
    expect([validate(parse(scaffoldSpec('x.json'))), validate.errors]).toEqual([true, null]);
  });

  it.each([
    ['a partition that does not exist', (s: any) => (s.accounts[0].partition = 'aws-mars')],
    ['a region that is not one', (s: any) => (s.accounts[0].region = 'Europe West')],
    ['an unknown field', (s: any) => (s.accounts[0].roles[0].trsut = [])],
    ['an unknown trust type', (s: any) => (s.accounts[0].roles[0].trust[0].type = 'anyone')],
    ['no accounts', (s: any) => (s.accounts = [])],
  ])('GIVEN %s THEN it is rejected', (_name, change) => {
    const spec = yamlOf('examples/default/spec.yaml');
    change(spec);
    expect(validate(spec)).toBe(false);
  });
});

describe('init', () => {
  it('GIVEN an empty folder THEN it writes a project whose spec checks clean, and says what to run next', async () => {
    const dir = join(tempDir('xacct-init-'), 'acme-iam');
    const r = await cli(ROOT, ['init', dir, '--no-install']);
    expect(r.code).toBe(0);
    expect([...readTree(dir).keys()].sort()).toEqual(['.gitignore', 'README.md', 'cdktf.json', 'package.json', 'spec.yaml']);
    const spec = readFileSync(join(dir, 'spec.yaml'), 'utf8');
    expect(spec.split('\n')[0]).toBe('# yaml-language-server: $schema=node_modules/cross-account-iam/dist/spec.schema.json');
    const cdktf = JSON.parse(readFileSync(join(dir, 'cdktf.json'), 'utf8'));
    expect(cdktf.app).toBe('node node_modules/cross-account-iam/dist/cli.js synth');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.scripts.synth).toBe('CHECKPOINT_DISABLE=1 cdktf synth');
    expect(pkg.devDependencies).toEqual({ 'cross-account-iam': '^0.1.0', 'cdktf-cli': '0.21.0' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('cdktf.out/\n');
    const check = await cli(dir, ['check']);
    expect(check.stdout).toContain('spec: spec.yaml (from ./spec.yaml)');
    // A scaffold is clean: no error, warning or info, and no suppression that matches nothing.
    expect(check.stdout).not.toMatch(/^(error|warning|info) \[/m);
    expect(check.stdout).toContain('spec.yaml: 2 accounts, 0 errors, 0 other findings');
    expect(check.code).toBe(0);
  });

  it('GIVEN an empty folder WHEN init, check, synth and access run in turn THEN each exits 0 and none prints a warning or an error', async () => {
    const dir = join(tempDir('xacct-first-hour-'), 'acme-iam');
    const runs = [await cli(ROOT, ['init', dir, '--no-install'])];
    for (const verb of ['check', 'synth', 'access']) runs.push(await cli(dir, [verb]));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    for (const r of runs) expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/\b(warning|error|warn)\b|\[(ERROR|WARN)\]|fix:/i);
    expect(runs[2].stdout).toMatch(/warnings: 0/);
    expect(runs[3].stdout).toMatch(/0 failing, 0 cannot decide/);
  });

  it('GIVEN a package.json THEN scripts and dev dependencies are added and what was there stays', async () => {
    const dir = tempDir('xacct-init-');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'mine', scripts: { synth: 'my-own' }, dependencies: { 'cross-account-iam': 'file:x.tgz' } }),
    );
    const r = await cli(dir, ['init', '--no-install']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('mine');
    expect(pkg.scripts.synth).toBe('my-own');
    expect(pkg.scripts.check).toBe('cross-account-iam check');
    expect(pkg.dependencies).toEqual({ 'cross-account-iam': 'file:x.tgz' });
    expect(pkg.devDependencies).toEqual({ 'cdktf-cli': '0.21.0' });
  });

  it('GIVEN a folder that has a spec.yaml THEN it exits 2, names it and writes nothing; --force overwrites', async () => {
    const dir = tempDir('xacct-init-');
    writeFileSync(join(dir, 'spec.yaml'), 'mine\n');
    const r = await cli(dir, ['init', '--no-install']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already has spec.yaml; nothing was written');
    expect([...readTree(dir).keys()]).toEqual(['spec.yaml']);
    expect((await cli(dir, ['init', '--no-install', '--force'])).code).toBe(0);
    expect(readFileSync(join(dir, 'spec.yaml'), 'utf8')).toContain('# yaml-language-server');
  });
});
