/**
 * Values that passed the schema and failed later, at init, plan, apply or in
 * every token (issue 26, class 7): each is refused where it is written, with
 * its file, line, field and fix, exit code 2 from the CLI and nothing written;
 * the nearest valid value passes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../src/cli/main';
import type { CliIO } from '../src/cli/verb';
import { MAX_KEY_BYTES } from '../src/input/sections/backend';
import { PARTITIONS } from '../src/input/primitives/patterns';
import { parseSpecYaml } from '../src/input/load';
import { resolveModel } from '../src/model/resolve';
import { onlyProblem, synthRefusal } from './helpers/spec';
import { readTree, tempDir } from './helpers/synth';

const SPEC = `
issuers:
  gitlab: { url: https://gitlab.com, clientIds: [https://gitlab.com] }
  buildkite: { url: https://agent.buildkite.com }
accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    oidcProviders: { gitlab: create, buildkite: create }
    roles:
      - name: job
        trust: [{ type: aws-service, service: s3.amazonaws.com }]
      - name: gitlab-deploy
        trust: [{ type: gitlab-ci, issuer: gitlab, project: platform/deploy, branches: [main], audience: https://gitlab.com }]
      - name: buildkite-deploy
        trust: [{ type: buildkite, issuer: buildkite, organization: acme, pipeline: deploy-app, branches: [main] }]
  - name: lake
    id: "222222222222"
    region: eu-west-1
    roles:
      - name: reader
        trust: [{ type: aws-role, role: job, account: platform }]
backend:
  s3: { bucket: acme-terraform-state, region: eu-central-1, keyPrefix: iam/prod }
`;

const accepts = (text: string) => resolveModel(parseSpecYaml(text, 'spec.yaml'));

/** Runs `cross-account-iam synth` on the spec in a fresh project; returns exit code and stderr after checking that nothing was written. */
async function cliSynth(text: string): Promise<{ code: number; stderr: string }> {
  const dir = tempDir('xacct-values-');
  writeFileSync(join(dir, 'package.json'), '{"name":"acme","private":true}\n');
  writeFileSync(join(dir, 'spec.yaml'), text);
  const before = readTree(dir);
  let stderr = '';
  const io: CliIO = { cwd: dir, env: { PATH: process.env.PATH }, stdout: () => undefined, stderr: (t) => (stderr += t) };
  const code = await runCli(['synth', '--spec', 'spec.yaml'], io);
  if (code !== 0) expect(readTree(dir)).toEqual(before);
  return { code, stderr };
}

type Case = readonly [name: string, from: string, to: string, path: string, message: RegExp, fix: RegExp];

const REFUSED: readonly Case[] = [
  [
    'a backend endpoint port above 65535',
    'keyPrefix: iam/prod }',
    'keyPrefix: iam, endpoint: "https://minio.example.com:70000" }',
    'backend.s3.endpoint',
    /has the port 70000; TCP ports are 1 to 65535/,
    /the port the store listens on/,
  ],
  [
    'a backend endpoint port 0',
    'keyPrefix: iam/prod }',
    'keyPrefix: iam, endpoint: "http://127.0.0.1:0" }',
    'backend.s3.endpoint',
    /has the port 0; TCP ports are 1 to 65535/,
    /minio\.example\.com:9000/,
  ],
  [
    'keyPrefix: ../..',
    'keyPrefix: iam/prod',
    'keyPrefix: ../..',
    'backend.s3.keyPrefix',
    /"\.\.\/\.\." has a "\." or "\.\." segment, a relative path/,
    /without "\." or "\.\."/,
  ],
  ['a "." segment in keyPrefix', 'keyPrefix: iam/prod', 'keyPrefix: iam/./prod', 'backend.s3.keyPrefix', /has a "\." or "\.\." segment/, /keyPrefix: iam/],
  ['a leading "/" in keyPrefix', 'keyPrefix: iam/prod', 'keyPrefix: /iam', 'backend.s3.keyPrefix', /no leading, trailing or doubled "\/"/, /keyPrefix: iam/],
  [
    'a backend roleArn of an unknown partition',
    'keyPrefix: iam/prod }',
    'keyPrefix: iam, roleArn: "arn:aws-moon:iam::999999999999:role/state" }',
    'backend.s3.roleArn',
    /names the partition "aws-moon", which is not an AWS partition/,
    /aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc/,
  ],
  [
    'a deployRole of an unknown partition',
    '    region: eu-west-1\n    roles:\n      - name: reader',
    '    region: eu-west-1\n    deployRole: "arn:awsx:iam::222222222222:role/terraform"\n    roles:\n      - name: reader',
    'accounts[1].deployRole',
    /names the partition "awsx"/,
    /one of the partitions/,
  ],
  [
    "a deployRole of a real partition that is not the account's",
    '    region: eu-west-1\n    roles:\n      - name: reader',
    '    region: eu-west-1\n    deployRole: "arn:aws-iso:iam::222222222222:role/terraform"\n    roles:\n      - name: reader',
    'accounts[1].deployRole',
    /is in partition aws-iso, but account "lake" is in aws/,
    /arn:aws:/,
  ],
  [
    'a Buildkite organization slug in upper case',
    'organization: acme',
    'organization: Acme',
    'accounts[0].roles[2].trust[0].organization',
    /a Buildkite organization slug is lower-case letters, digits and "-"/,
    /copy the organization slug from its URL/,
  ],
  [
    'a Buildkite pipeline slug with ".."',
    'pipeline: deploy-app',
    'pipeline: deploy..app',
    'accounts[0].roles[2].trust[0].pipeline',
    /a Buildkite pipeline slug is lower-case/,
    /deploy-app/,
  ],
  [
    'a Buildkite pipeline slug with "_"',
    'pipeline: deploy-app',
    'pipeline: deploy_app',
    'accounts[0].roles[2].trust[0].pipeline',
    /no token carries any other/,
    /from its URL/,
  ],
  [
    'a GitLab project path with a ".." segment',
    'project: platform/deploy',
    'project: platform/..',
    'accounts[0].roles[1].trust[0].project',
    /"platform\/\.\.": a GitLab path has no "\.\."/,
    /copy the path from the project URL/,
  ],
  [
    'a GitLab project path with ".." inside a segment',
    'project: platform/deploy',
    'project: platform/de..ploy',
    'accounts[0].roles[1].trust[0].project',
    /has no "\.\."/,
    /platform\/deploy/,
  ],
  [
    'a GitLab project path ending in .git',
    'project: platform/deploy',
    'project: platform/deploy.git',
    'accounts[0].roles[1].trust[0].project',
    /GitLab refuses the path segment "deploy\.git"/,
    /project URL/,
  ],
  [
    'awsProviderVersion ">= 99"',
    '\nbackend:',
    '\noptions:\n  awsProviderVersion: ">= 99"\nbackend:',
    'options.awsProviderVersion',
    /">= 99" admits no AWS provider from 5\.100\.0 up to \(not including\) 7\.0\.0/,
    /e\.g\. ">= 5\.100, < 7\.0" or "~> 6\.0"/,
  ],
  [
    'awsProviderVersion "~> 7.1"',
    '\nbackend:',
    '\noptions:\n  awsProviderVersion: "~> 7.1"\nbackend:',
    'options.awsProviderVersion',
    /admits no AWS provider from 5\.100\.0 up to/,
    /allow a version in that range/,
  ],
];

describe('GIVEN a value that used to pass and fail later', () => {
  test('THEN the base spec is accepted', () => {
    expect(accepts(SPEC).accounts.map((a) => a.name)).toEqual(['platform', 'lake']);
  });

  test.each(REFUSED)('WHEN %s THEN synth() refuses it at its field and line, with the fix, and writes nothing', (_, from, to, path, message, fix) => {
    expect(SPEC).toContain(from);
    const p = onlyProblem(synthRefusal(SPEC.replace(from, to)));
    expect([p.file, p.path]).toEqual([expect.stringMatching(/^spec\.yaml:\d+$/), path]);
    expect(p.message).toMatch(message);
    expect(p.fix).toMatch(fix);
  });

  test.each(REFUSED)('WHEN %s THEN `cross-account-iam synth` exits 2, names file, line and field, and writes nothing', async (_, from, to, path, message) => {
    const { code, stderr } = await cliSynth(SPEC.replace(from, to));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^1 problem in the spec; nothing was written\.\n/);
    expect(stderr).toMatch(new RegExp(`^spec\\.yaml:\\d+: ${path.replace(/[[\].]/g, '\\$&')}: `, 'm'));
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('GIVEN the nearest valid values', () => {
  test.each<[string, string, string]>([
    ['endpoint port 65535', 'keyPrefix: iam/prod }', 'keyPrefix: iam, endpoint: "https://minio.example.com:65535", usePathStyle: true }'],
    ['a keyPrefix with dots inside segments', 'keyPrefix: iam/prod', 'keyPrefix: iam.v2/..prod/prod..'],
    ['an awsProviderVersion with no upper bound', '\nbackend:', '\noptions:\n  awsProviderVersion: ">= 5.100"\nbackend:'],
    ['an awsProviderVersion that admits only 6.x', '\nbackend:', '\noptions:\n  awsProviderVersion: ">= 6.40, != 6.41.0"\nbackend:'],
    ['an awsProviderVersion below 6.0', '\nbackend:', '\noptions:\n  awsProviderVersion: "< 6.0"\nbackend:'],
    ['a GitLab path in mixed case (GitLab keeps the case in project_path)', 'project: platform/deploy', 'project: Platform/Deploy-App'],
    ['a GitLab path of an older project starting with "_"', 'project: platform/deploy', 'project: _legacy/tools.v2'],
    ['a Buildkite slug of digits and dashes', 'pipeline: deploy-app', 'pipeline: 2024-deploy-app'],
  ])('WHEN %s THEN it is accepted', (_, from, to) => {
    expect(SPEC).toContain(from);
    expect(accepts(SPEC.replace(from, to)).accounts).toHaveLength(2);
  });

  test.each(PARTITIONS.map((p) => [p]))('WHEN the backend roleArn is in partition %s THEN it is accepted as the backend roleArn', (partition) => {
    const arn = `arn:${partition}:iam::999999999999:role/state`;
    const m = accepts(SPEC.replace('keyPrefix: iam/prod }', `keyPrefix: iam, roleArn: "${arn}" }`));
    expect(m.accounts[0].backend?.roleArn).toBe(arn);
  });

  test('WHEN the CLI synthesizes the base spec THEN it exits 0 (the harness can pass)', async () => {
    expect((await cliSynth(SPEC)).code).toBe(0);
  });
});

describe("GIVEN a state key near S3's 1,024-byte limit", () => {
  // The longest key is platform's lock object: <prefix>/platform.tfstate.tflock, 24 bytes beyond the prefix.
  const withPrefix = (prefix: string, extra = '') => SPEC.replace('keyPrefix: iam/prod }', `keyPrefix: ${prefix}${extra} }`);
  const longest = MAX_KEY_BYTES - '/platform.tfstate.tflock'.length;

  test(`WHEN the lock object's key is exactly ${MAX_KEY_BYTES} bytes THEN it is accepted`, () => {
    const m = accepts(withPrefix('k'.repeat(longest)));
    expect(Buffer.byteLength(`${m.accounts[0].backend!.key}.tflock`)).toBe(MAX_KEY_BYTES);
  });

  test('WHEN it is one byte longer THEN the spec-wide keyPrefix is refused once, naming the account with the longest key and the longest prefix that fits', () => {
    const p = onlyProblem(synthRefusal(withPrefix('k'.repeat(longest + 1))));
    expect(p.path).toBe('backend.s3.keyPrefix');
    expect(p.file).toMatch(/^spec\.yaml:\d+$/);
    expect(p.message).toMatch(
      /^account "platform" would keep the lock object of its state at a key of 1025 bytes \("k{60}\.\.\."\); S3 object keys are at most 1024 bytes$/,
    );
    expect(p.fix).toBe(`shorten the key prefix to at most ${longest} bytes`);
  });

  test('WHEN use_lockfile is off THEN the state key itself is what must fit', () => {
    expect(accepts(withPrefix('k'.repeat(longest + 1), ', useLockfile: false')).accounts).toHaveLength(2);
    const p = onlyProblem(synthRefusal(withPrefix('k'.repeat(longest + 8), ', useLockfile: false')));
    expect(p.message).toMatch(/^account "platform" would keep its state at a key of 1025 bytes/);
  });

  test("WHEN an account's own keyPrefix is too long THEN that field is refused", () => {
    const text = SPEC.replace(
      '    region: eu-west-1\n    roles:\n      - name: reader',
      `    region: eu-west-1\n    backend:\n      s3: { keyPrefix: ${'k'.repeat(MAX_KEY_BYTES)} }\n    roles:\n      - name: reader`,
    );
    const p = onlyProblem(synthRefusal(text));
    expect(p.path).toBe('accounts[1].backend.s3.keyPrefix');
    expect(p.message).toMatch(/^account "lake" would keep the lock object of its state at a key of 1044 bytes/);
  });
});
