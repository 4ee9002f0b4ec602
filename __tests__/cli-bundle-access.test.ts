/**
 * `access` through the built bundle (dist/cli.js, what the installed package
 * runs): the verb parses its flags with the CLI's one parser and calls the
 * access library, so no second command line runs on the CLI's arguments
 * (issue 26, class 9: every run used to print "unexpected argument access" or
 * "unknown option --stacks-dir" and the old usage, then run correctly).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers/synth';
import { buildCli } from './helpers/cli-bundle';

const ROOT = join(__dirname, '..');
const SPEC = join(ROOT, 'examples', 'default', 'spec.yaml');
const dir = tempDir('xacct-bundle-');
const bundle = join(dir, 'cli.js');

function node(args: string[]) {
  const r = spawnSync(process.execPath, [bundle, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NODE_PATH: join(ROOT, 'node_modules') },
  }); // the bundle's dependencies (cdktf) as an install would have them
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  await buildCli(bundle);
  const synth = node(['synth', '--spec', SPEC]);
  expect(synth.code).toBe(0);
}, 120_000);

describe('GIVEN the bundled CLI and a synth of the default example', () => {
  it('WHEN access runs with --stacks-dir THEN it exits 0, prints the matrix and no error or usage text', () => {
    const r = node(['access', '--stacks-dir', 'cdktf.out', '--out', 'report']);
    expect(r.err).not.toMatch(/unexpected argument|unknown option|usage:/);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^access: spec: .*examples\/default\/spec\.yaml \(from the last synth, recorded in cdktf\.out\/cross-account-iam\.json\)$/);
    expect(lines.slice(1)).toEqual([`wrote ${join(dir, 'report', 'access-matrix.md')}`, `wrote ${join(dir, 'report', 'access-matrix.json')}`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('450 checks: 15 allowed (15 declared), 0 failing, 0 cannot decide');
    expect(JSON.parse(readFileSync(join(dir, 'report', 'access-matrix.json'), 'utf8')).summary.failures).toBe(0);
  });

  it('WHEN access diff compares two specs THEN only the diff is printed, with no error text', () => {
    const r = node(['access', 'diff', SPEC, SPEC, '--out', 'diff-report']);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/unexpected argument|unknown option|usage:/);
    expect(r.out).toContain('No role gains or loses access (10 roles compared).');
    expect(existsSync(join(dir, 'diff-report', 'access-diff.json'))).toBe(true);
  });

  it("WHEN access gets a flag it does not take THEN it exits 2 with the one parser's message and the verb's usage", () => {
    const r = node(['access', '--synth', 'cdktf.out']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cross-account-iam access: unknown option --synth');
    expect(r.err).toContain('usage: cross-account-iam access');
    expect(r.err).not.toContain('npm run access');
  });
});
