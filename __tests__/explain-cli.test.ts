/**
 * `cross-account-iam explain` on the command line: --caller for an aws-role
 * trust (allowed, and denied without its external id), --claims from a file
 * and from stdin (`-`), a JWT, --role, --json's shape, the exit codes (0
 * allowed, 1 denied, 2 bad input naming the field and the fix), and that it
 * writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExplain } from '../src/access/explain/explain';
import { explainText } from '../src/access/explain/explain-text';
import { loadSpecFile } from '../src/input/load';
import { cli } from './helpers/cli';
import { tempDir } from './helpers/synth';
import { unsignedJwt } from './helpers/vendor-tokens';

const ROOT = join(__dirname, '..');
const PARTNER = 'arn:aws:iam::333333333333:role/partner';
const SPEC = `version: 1
issuers:
  gitlab: { url: https://gitlab.com, clientIds: [https://gitlab.com] }
accounts:
  - name: tools
    id: "111111111111"
    region: eu-west-1
    roles:
      - name: deployer
        trust:
          - { type: aws-service, service: ec2.amazonaws.com }
  - name: prod
    id: "222222222222"
    region: eu-west-1
    oidcProviders: { gitlab: create }
    roles:
      - name: partner-access
        trust:
          - { type: aws-role, role: "${PARTNER}", externalId: acme-partner-7f3a }
      - name: deploy-target
        trust:
          - { type: aws-role, role: deployer, account: tools }
      - name: gitlab-deploy
        trust:
          - { type: gitlab-ci, issuer: gitlab, project: platform/deploy, branches: [main], tags: ["v*"], audience: https://gitlab.com }
      - name: gitlab-release
        trust:
          - { type: gitlab-ci, issuer: gitlab, project: platform/deploy, branches: ["release/*"], audience: https://gitlab.com }
`;
/** The line of the spec where `text` first appears. */
const lineOf = (text: string) => SPEC.slice(0, SPEC.indexOf(text)).split('\n').length;
const MAIN = {
  iss: 'https://gitlab.com',
  sub: 'project_path:platform/deploy:ref_type:branch:ref:main',
  aud: 'https://gitlab.com',
  project_path: 'platform/deploy',
};
const FEATURE = { ...MAIN, sub: 'project_path:platform/deploy:ref_type:branch:ref:feature-x' };

/** Every file under `dir` with its size and mtime, to see that nothing was written. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      return `${f} ${s.size} ${s.mtimeMs}`;
    });
}

function project(files: Record<string, string> = {}): string {
  const dir = tempDir('xacct-explain-');
  writeFileSync(join(dir, 'spec.yaml'), SPEC);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('GIVEN a spec with an aws-role trust that needs an external id, and GitLab roles', () => {
  it('WHEN --caller is the trusted role and sends the external id THEN it is allowed (exit 0)', async () => {
    const r = await cli(project(), ['explain', '--caller', PARTNER, '--external-id', 'acme-partner-7f3a']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prod/partner-access: ALLOWED by trust S0, as the spec declares');
    expect(r.stderr).toBe('explain: spec: spec.yaml (from ./spec.yaml)\n');
  });

  it('WHEN --caller is a session of the trusted role without the external id THEN it is denied (exit 1), naming sts:ExternalId absent', async () => {
    const r = await cli(project(), ['explain', '--caller', 'arn:aws:sts::333333333333:assumed-role/partner/nightly', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.roles.map((x: { role: string }) => x.role)).toEqual(['prod/partner-access']);
    expect(report.roles[0]).toMatchObject({
      verdict: 'deny',
      declared: false,
      statement: 'trust S0',
      failed: [{ key: 'sts:ExternalId', operator: 'StringEquals', expected: ['acme-partner-7f3a'], actual: null }],
    });
    // The only change that admits a caller without the id drops the requirement: offered, at its line.
    expect(report.roles[0].fix).toEqual([
      { file: 'spec.yaml', line: lineOf('externalId: acme'), path: 'accounts[1].roles[0].trust[0].externalId', change: 'remove', from: 'acme-partner-7f3a' },
    ]);
    const text = await cli(project(), ['explain', '--caller', 'arn:aws:sts::333333333333:assumed-role/partner/nightly']);
    expect(text.stdout).toContain('failed: StringEquals sts:ExternalId');
    expect(text.stdout).toContain('    sent:     absent');
    expect(text.stdout).toContain('drops a requirement');
  });

  it('WHEN --caller is a role of a spec account trusted by name THEN only the role that names it is checked, and allowed', async () => {
    const r = await cli(project(), ['explain', '--caller', 'arn:aws:iam::111111111111:role/deployer', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).roles.map((x: { role: string; verdict: string }) => `${x.role} ${x.verdict}`)).toEqual(['prod/deploy-target allow']);
  });

  it('WHEN the claims come on stdin (`--claims -`) THEN every role trusting the issuer is checked: allowed into one (exit 0)', async () => {
    const r = await cli(project(), ['explain', '--claims', '-'], JSON.stringify(MAIN));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('prod/gitlab-deploy: ALLOWED');
    expect(r.stdout).toContain('prod/gitlab-release: DENIED');
    expect(r.stdout).toContain('ALLOWED: 1 of 2 roles checked');
  });

  it('WHEN a JWT of another branch is explained for --role ACCOUNT/NAME THEN it is denied (exit 1) with the failing sub and the branch to add, at its line', async () => {
    const dir = project({ 'token.jwt': `${unsignedJwt(FEATURE)}\n` });
    const r = await cli(dir, ['explain', '--claims', 'token.jwt', '--role', 'prod/gitlab-deploy']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('a JWT, decoded only: its signature was not checked');
    expect(r.stdout).toContain('prod/gitlab-deploy: DENIED (closest statement: trust S0)');
    expect(r.stdout).toContain('failed: StringEquals gitlab.com:sub');
    expect(r.stdout).toContain('expected: "project_path:platform/deploy:ref_type:branch:ref:main"');
    expect(r.stdout).toContain('token:    "project_path:platform/deploy:ref_type:branch:ref:feature-x"');
    expect(r.stdout).toContain(
      `smallest spec change that admits it: spec.yaml:${lineOf('branches: [main]')}: accounts[1].roles[2].trust[0].branches: add "feature-x"`,
    );
    expect(r.stdout).not.toContain('gitlab-release');
  });

  it('WHEN aud is a list of one value (as some issuers write it) THEN it is that value; unknown claims are listed, not used', async () => {
    const r = await cli(
      project(),
      ['explain', '--claims', '-', '--role', 'gitlab-deploy', '--json'],
      JSON.stringify({ ...MAIN, aud: [MAIN.aud], custom: { nested: true } }),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).input).toMatchObject({ claims: { aud: MAIN.aud }, ignoredClaims: ['project_path', 'custom'] });
  });

  it("WHEN a tag the role does not name is explained THEN the closest statement is the tags' one, and the tag is what to add", async () => {
    const r = await cli(
      project(),
      ['explain', '--claims', '-', '--role', 'gitlab-deploy', '--json'],
      JSON.stringify({ ...MAIN, sub: 'project_path:platform/deploy:ref_type:tag:ref:x1.0' }),
    );
    expect(r.code).toBe(1);
    const [role] = JSON.parse(r.stdout).roles;
    expect(role).toMatchObject({ statement: 'trust S1', failed: [{ operator: 'StringLike', expected: ['project_path:platform/deploy:ref_type:tag:ref:v*'] }] });
    expect(role.fix).toEqual([{ file: 'spec.yaml', line: lineOf('tags: ["v*"]'), path: 'accounts[1].roles[2].trust[0].tags', change: 'add', to: 'x1.0' }]);
  });

  it('WHEN --role names a role by its name only THEN that role is checked', async () => {
    const r = await cli(
      project(),
      ['explain', '--claims', '-', '--role', 'gitlab-release', '--json'],
      JSON.stringify({ ...MAIN, sub: 'project_path:platform/deploy:ref_type:branch:ref:release/1.2' }),
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).roles.map((x: { role: string }) => x.role)).toEqual(['prod/gitlab-release']);
  });

  it('WHEN --json THEN the report has the documented shape', async () => {
    const r = await cli(project(), ['explain', '--claims', '-', '--json'], JSON.stringify(FEATURE));
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['spec', 'input', 'allowed', 'roles']);
    expect(report).toMatchObject({
      spec: 'spec.yaml',
      allowed: false,
      input: {
        kind: 'token',
        format: 'json',
        signatureChecked: false,
        issuer: 'https://gitlab.com',
        claims: { sub: FEATURE.sub, aud: FEATURE.aud },
        ignoredClaims: ['project_path'],
      },
    });
    for (const role of report.roles) {
      expect(Object.keys(role)).toEqual(['role', 'arn', 'verdict', 'declared', 'because', 'statement', 'reason', 'principal', 'failed', 'fix', 'notes']);
      for (const f of role.failed) expect(Object.keys(f)).toEqual(['key', 'operator', 'expected', 'actual']);
    }
    expect(report.roles[1]).toMatchObject({
      role: 'prod/gitlab-release',
      fix: [{ path: 'accounts[1].roles[3].trust[0].branches', change: 'add', to: 'feature-x' }],
    });
  });

  it('WHEN explain runs THEN nothing is written, whatever the verdict', async () => {
    const dir = project({ 'token.json': JSON.stringify(FEATURE) });
    const before = tree(dir);
    for (const argv of [
      ['--claims', 'token.json'],
      ['--caller', PARTNER],
      ['--claims', 'nope.json'],
    ])
      await cli(dir, ['explain', ...argv]);
    expect(tree(dir)).toEqual(before);
  });
});

describe('GIVEN a token allowed into a role although no trust entry declares it (a trust broader than the spec)', () => {
  it('WHEN it is printed THEN it says so: a near-miss getting in, and how to narrow', () => {
    const dir = project();
    const { report } = runExplain({ spec: loadSpecFile(join(dir, 'spec.yaml'), 'spec.yaml'), token: JSON.stringify(MAIN), role: 'gitlab-deploy' });
    expect(report.roles[0]).toMatchObject({ verdict: 'allow', declared: true });
    // What the proof would flag: the written trust lets in a token the spec's meaning does not.
    const leaked = { ...report, roles: [{ ...report.roles[0], declared: false, because: null }] };
    const text = explainText(leaked);
    expect(text).toContain('prod/gitlab-deploy: ALLOWED by trust S0, but NO trust entry of the spec declares this token: it is a near-miss getting in');
    expect(text).toContain("fix: narrow the role's trust");
    expect(text).toContain('ALLOWED: 1 of 1 role checked');
  });
});

describe('GIVEN `explain --help`', () => {
  it('THEN it says the signature is not checked, nothing is sent or written, and the exit codes', async () => {
    const r = await cli(project(), ['explain', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('its signature is NOT checked, nothing is sent anywhere');
    expect(r.stdout).toContain('nothing is written');
    expect(r.stdout).toMatch(/^exit codes: 0 allowed \(into --role, or into at least one role\), 1 denied, 2 bad input/m);
    for (const flag of ['--claims FILE', '--caller ARN', '--external-id ID', '--role NAME|ACCOUNT/NAME', '--spec FILE', '--json'])
      expect(r.stdout).toContain(flag);
  });
});

describe('GIVEN bad input', () => {
  it.each([
    ['neither --claims nor --caller', [], undefined, /^explain: --claims: neither a token nor a caller was given\n    fix: give --claims FILE/m],
    ['both --claims and --caller', ['--claims', '-', '--caller', PARTNER], '{}', /^explain: --caller: both a token and a caller were given\n    fix: /m],
    ['claims that are not JSON nor a JWT', ['--claims', '-'], 'not a token', /^stdin: is neither a JSON object nor a JWT .*\n    fix: give the token/m],
    [
      'a JWT whose payload is not JSON',
      ['--claims', '-'],
      'eyJhbGciOiJub25lIn0.bm90IGpzb24.',
      /^stdin: payload: the JWT payload is not a base64url-encoded JSON object\n    fix: /m,
    ],
    ['claims without iss', ['--claims', '-'], '{"sub":"x","aud":"y"}', /^stdin: iss: the token has no iss claim.*\n    fix: add "iss"/m],
    [
      'an unknown role',
      ['--claims', '-', '--role', 'prod/nope'],
      JSON.stringify(MAIN),
      /^--role: the spec has no role prod\/nope\n    fix: give NAME or ACCOUNT\/NAME of a role of the spec: tools\/deployer, prod\/partner-access/m,
    ],
    ['a caller that is not an ARN', ['--caller', 'partner'], undefined, /^--caller: "partner" is not an IAM or STS ARN\n    fix: give a role/m],
    ['a claims file that does not exist', ['--claims', 'missing.json'], undefined, /^missing.json: cannot read it \(ENOENT\)\n    fix: /m],
    [
      'an external id with a token',
      ['--claims', '-', '--external-id', 'x'],
      JSON.stringify(MAIN),
      /^explain: --external-id: an external id is sent by an AWS caller/m,
    ],
  ])('WHEN %s THEN exit 2 with the field and the fix, and nothing on stdout', async (_what, argv, stdin, message) => {
    const r = await cli(project(), ['explain', ...(argv as string[])], stdin as string | undefined);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
  });

  it('WHEN a token of an issuer no role trusts is explained THEN it is denied everywhere (exit 1)', async () => {
    const r = await cli(project(), ['explain', '--claims', '-'], JSON.stringify({ ...MAIN, iss: 'https://gitlab.example.com' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no role of the spec trusts this issuer https://gitlab.example.com: DENIED everywhere');
  });
});

describe('GIVEN the real command line', () => {
  it('WHEN the token is piped to `explain --claims -` THEN it is read from standard input', () => {
    const dir = project();
    const argv = [
      '--import',
      'tsx',
      join(ROOT, 'src', 'cli', 'bin.ts'),
      'explain',
      '--claims',
      '-',
      '--role',
      'gitlab-deploy',
      '--spec',
      join(dir, 'spec.yaml'),
    ];
    const r = spawnSync(process.execPath, argv, { cwd: ROOT, input: unsignedJwt(MAIN), encoding: 'utf8', env: { PATH: process.env.PATH } });
    expect(r.stderr).toContain('explain: spec: ');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('prod/gitlab-deploy: ALLOWED');
  });
});
