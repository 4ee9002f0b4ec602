/**
 * `import` of exports from the aws-cn and aws-us-gov partitions: each account
 * keeps its partition, gets a region of it (unless --region names one), and
 * the spec synthesizes with ARNs of that partition only. A --region of
 * another partition than an export's is refused, naming the file, the account
 * and both partitions, and nothing is written (issue 26, class 6).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../src/cli/main';
import { readTree, tempDir } from './helpers/synth';

const FIXTURES = join(__dirname, '..', 'examples', 'brownfield');

/** The brownfield fixtures with every ARN moved to `partition` (documents are JSON or URL-encoded). */
function exportsOf(partition: string): string {
  const dir = tempDir(`xacct-${partition}-`);
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.json'))) {
    const text = readFileSync(join(FIXTURES, f), 'utf8').replaceAll('arn:aws:', `arn:${partition}:`).replaceAll('arn%3Aaws%3A', `arn%3A${partition}%3A`);
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

async function cli(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, env: { PATH: process.env.PATH }, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const files = (dir: string) =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();

describe.each([
  ['aws-cn', 'cn-north-1'],
  ['aws-us-gov', 'us-gov-west-1'],
])('GIVEN the exports of partition %s', (partition, region) => {
  const dir = exportsOf(partition);

  it(`WHEN imported without --region THEN every account is in ${partition} with region ${region}, and the spec synthesizes ARNs of ${partition} only`, async () => {
    const r = await cli(dir, ['import', '--iam-export', ...files(dir), '--out', 'spec.yaml']);
    expect(r.code).toBe(0);
    const spec = parse(readFileSync(join(dir, 'spec.yaml'), 'utf8'));
    expect(spec.accounts.map((a: any) => [a.partition, a.region])).toEqual(spec.accounts.map(() => [partition, region]));
    expect(r.stderr).toMatch(/^38 roles imported into spec\.yaml/m);

    const synth = await cli(dir, ['synth', '--spec', 'spec.yaml']);
    expect(synth.code).toBe(0);
    const stacks = [...readTree(join(dir, 'cdktf.out', 'stacks')).values()].join('\n');
    const partitions = new Set([...stacks.matchAll(/"arn:([a-z-]+):/g)].map((m) => m[1]));
    expect([...partitions]).toEqual([partition]);
  });

  it('WHEN imported with --region of the commercial partition THEN it exits 2 naming each file, account and both partitions, and writes nothing', async () => {
    const r = await cli(dir, ['import', '--iam-export', 'platform-111111111111.json', '--region', 'eu-west-1', '--out', 'refused.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      '1 problem in the IAM export; nothing was written.\n' +
        `platform-111111111111.json: account 111111111111 is in partition ${partition} (its ARNs read arn:${partition}:), but --region eu-west-1 is a region of partition aws\n` +
        `    fix: give a region of ${partition} (e.g. --region ${region}), or leave --region out: each account then gets a region of its own partition\n`,
    );
    expect(existsSync(join(dir, 'refused.yaml'))).toBe(false);
  });
});

describe('GIVEN exports of the commercial partition', () => {
  it('WHEN imported with --region cn-north-1 THEN it exits 2 naming the partition (not an internal error), and writes nothing', async () => {
    const dir = tempDir('xacct-aws-');
    const r = await cli(dir, ['import', '--iam-export', join(FIXTURES, 'platform-111111111111.json'), '--region', 'cn-north-1', '--out', 'spec.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('account 111111111111 is in partition aws (its ARNs read arn:aws:), but --region cn-north-1 is a region of partition aws-cn');
    expect(r.stderr).toContain('fix: give a region of aws (e.g. --region us-east-1)');
    expect(readdirSync(dir)).toEqual([]);
  });
});
