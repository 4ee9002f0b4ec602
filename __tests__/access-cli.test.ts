/**
 * `cross-account-iam access` (and `npm run access`, the same verb) end to end
 * on synthesized stacks, through the one CLI parser: a clean synth exits 0;
 * each way a trust policy silently goes wrong (a `*` under StringEquals, a
 * widened environment, an unknown operator) makes it exit 1 and say why; bad
 * input exits 2. Then the diff, between two specs and between two outputs.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../src/cli/main';
import { SYNTH_RECORD, synthRecordFiles } from '../src/cli/project';
import { defaultSpec, DEFAULT_SPEC_NAME } from '../src/examples/default-spec';
import { synthTo, tempDir } from './helpers/synth';

const synth = synthTo(undefined);
const SPEC = join(__dirname, '..', 'examples', 'default', 'spec.yaml');
// What `cross-account-iam synth` leaves beside its stacks: access then reads the spec that synth used.
writeFileSync(join(synth.outdir, SYNTH_RECORD), synthRecordFiles({ kind: 'embedded', name: DEFAULT_SPEC_NAME, how: 'the test' })[SYNTH_RECORD]);
const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';

async function access(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['access', ...args], { cwd: tempDir('xacct-access-cwd-'), env: {}, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

/** A copy of the synthesized stacks with one stack's JSON edited. */
function tampered(account: string, edit: (stack: any) => void): string {
  const dir = tempDir('xacct-tampered-');
  cpSync(synth.outdir, dir, { recursive: true });
  const file = join(dir, 'stacks', account, 'cdk.tf.json');
  const stack = JSON.parse(readFileSync(file, 'utf8'));
  edit(stack);
  writeFileSync(file, JSON.stringify(stack));
  return dir;
}

const trustOf = (stack: any, role: string) => stack.data.aws_iam_policy_document[`${role}_trust`].statement[0];

describe('npm run access on synthesized stacks', () => {
  it('GIVEN the default example WHEN checked THEN it exits 0 and writes the matrix as markdown and JSON', async () => {
    const outDir = join(tempDir(), 'report');
    const r = await access(['--stacks-dir', synth.outdir, '--out', outDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('450 checks: 15 allowed (15 declared), 0 failing, 0 cannot decide');
    expect(r.out).toMatch(/^data-platform\/sample-all\s+AA\.{43}$/m);
    const json = JSON.parse(readFileSync(join(outDir, 'access-matrix.json'), 'utf8'));
    expect(json.summary).toEqual({ cells: 450, expectedAllow: 15, allowed: 15, failures: 0, cannotDecide: 0 });
    expect(readFileSync(join(outDir, 'access-matrix.md'), 'utf8')).toContain('# Access matrix');
  });

  it('GIVEN a `*` under StringEquals WHEN checked THEN the declared workload is denied and it exits 1', async () => {
    const dir = tampered('data-lake', (stack) => {
      const c = trustOf(stack, 'ingest-weather-dev').condition.find((x: any) => x.variable.endsWith(':sub'));
      c.test = 'StringEquals';
      c.values = ['system:serviceaccount:dev:ingest.weather-*'];
    });
    const r = await access(['--stacks-dir', dir, '--out', join(dir, 'report')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'FAIL data-lake/ingest-weather-dev <- oidc data-platform-cluster sub=system:serviceaccount:dev:ingest.weather-<uuid> aud=sts.amazonaws.com: expected allow, got deny',
    );
    expect(r.out).toContain(
      `StringEquals ${HOST}:sub: "system:serviceaccount:dev:ingest.weather-4f6b1c2d-8e3a-4b7f-9c1d-2e5a6b7c8d9e" does not match "system:serviceaccount:dev:ingest.weather-*"`,
    );
  });

  it('GIVEN an environment widened to `*` WHEN checked THEN the other environment gets in, named with its statement, and it exits 1', async () => {
    const dir = tampered('data-platform', (stack) => {
      const c = trustOf(stack, 'sample-dev').condition.find((x: any) => x.variable.endsWith(':sub'));
      c.values = ['system:serviceaccount:*:sample-????????-????-????-????-????????????'];
    });
    const r = await access(['--stacks-dir', dir, '--out', join(dir, 'report')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'FAIL data-platform/sample-dev <- oidc data-platform-cluster sub=system:serviceaccount:prod:sample-<uuid> aud=sts.amazonaws.com: expected deny, got allow (trust S0)',
    );
    expect(r.out).toMatch(/^data-platform\/sample-dev\s+AX\.{43}$/m);
  });

  it('GIVEN an unknown operator WHEN checked THEN every check of that role cannot be decided, by name, and it exits 1', async () => {
    const dir = tampered('connections', (stack) => {
      trustOf(stack, 'connections-role-test').condition[0].test = 'StringEqualsAnyCase';
    });
    const r = await access(['--stacks-dir', dir, '--out', join(dir, 'report')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^connections\/connections-role-test\s+\?{45}$/m);
    expect(r.out).toContain('unknown condition operator "StringEqualsAnyCase"');
    expect(r.out).toContain('450 checks: 14 allowed (15 declared), 45 failing, 45 cannot decide');
  });

  it('GIVEN a trust policy known only when Terraform runs WHEN checked THEN it cannot be decided and says so', async () => {
    const dir = tampered('raw-data', (stack) => {
      trustOf(stack, 'airflow-emr').principals[0].identifiers = ['${var.trusted_role}'];
    });
    const r = await access(['--stacks-dir', dir, '--out', join(dir, 'report')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('known only when Terraform runs');
  });

  it.each([
    [['--bogus', 'x'], 'unknown option --bogus'],
    [['--stacks-dir', '/nonexistent/cdktf.out', '--spec', SPEC], 'no synthesized stacks here; run `cross-account-iam synth` first'],
    [['--plan', '/nonexistent/plan.json', '--spec', SPEC], 'cannot read it as JSON'],
    [['--stacks-dir', 'a', '--plan', 'b'], 'either --stacks-dir or --plan'],
    [['diff', 'only-one'], 'access diff needs two sides'],
    [['matrix'], 'unexpected argument matrix'],
    [['--stacks-dir', synth.outdir, '--hops', '0'], '--hops must be a whole number of at least 1'],
  ])('GIVEN %j THEN it exits 2 and says what to do', async (args, message) => {
    const r = await access(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('GIVEN stacks synthesized from another spec WHEN --spec names this one THEN it exits 2 saying which spec wrote them and what to run', async () => {
    const dir = tempDir();
    const file = join(dir, 'borealis.yaml');
    cpSync(SPEC, file);
    const r = await access(['--spec', file, '--stacks-dir', synth.outdir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`access: the stacks in ${synth.outdir} were synthesized from the embedded example (the last synth, recorded in`);
    expect(r.err).toMatch(/fix: run `cross-account-iam synth --spec \S*borealis\.yaml` first, or leave out --spec/);
    expect(r.err).not.toContain('role not found');
  });

  it('GIVEN a spec with an error THEN it exits 2 with the file, field path and fix', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'version: 1\naccounts: []\n');
    const r = await access(['--spec', file, '--stacks-dir', synth.outdir]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.yaml:2: accounts: the spec declares no account');
    expect(r.err).toContain('fix: add at least one account under accounts');
  });
});

describe('npm run access -- diff', () => {
  const dir = tempDir('xacct-diff-');
  const before = join(dir, 'before.yaml');
  const after = join(dir, 'after.yaml');
  const spec = JSON.parse(JSON.stringify(defaultSpec));
  writeFileSync(before, stringify(spec));
  // sample-dev now allows every environment; airflow runs as another service account.
  spec.accounts[0].roles[0].trust[0] = { type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'sample', allEnvironments: true };
  spec.accounts[2].roles[0].trust[0].serviceAccount = 'airflow-scheduler';
  writeFileSync(after, stringify(spec));

  it('GIVEN two specs THEN it lists per role the identities that gain and lose access, as markdown and JSON', async () => {
    const outDir = join(dir, 'report');
    const r = await access(['diff', before, after, '--out', outDir]);
    expect(r.code).toBe(0);
    const diff = JSON.parse(readFileSync(join(outDir, 'access-diff.json'), 'utf8'));
    expect(diff.unchangedRoles).toBe(8);
    expect(diff.roles.map((x: any) => [x.role, x.changes.map((c: any) => [c.change, c.identity, c.expectedAfter])])).toEqual([
      ['data-platform/sample-dev', [['gains', 'oidc data-platform-cluster sub=system:serviceaccount:prod:sample-<uuid> aud=sts.amazonaws.com', 'allow']]],
      [
        'shared-services/airflow',
        [
          ['loses', 'oidc airflow-cluster sub=system:serviceaccount:airflow:airflow-worker aud=sts.amazonaws.com', 'deny'],
          ['gains', 'oidc airflow-cluster sub=system:serviceaccount:airflow:airflow-scheduler aud=sts.amazonaws.com', 'allow'],
        ],
      ],
    ]);
    expect(r.out).toContain('2 roles change: 2 grants gained, 1 lost. 8 roles unchanged.');
    expect(r.out).toContain('| **gains** | `oidc data-platform-cluster sub=system:serviceaccount:prod:sample-<uuid> aud=sts.amazonaws.com` |');
    expect(existsSync(join(outDir, 'access-diff.md'))).toBe(true);
  });

  it('GIVEN the same spec twice THEN nothing changes', async () => {
    const r = await access(['diff', before, before, '--out', join(dir, 'same')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('No role gains or loses access (10 roles compared).');
  });

  it('GIVEN two synth outputs where the new one lets a near-miss in THEN the gain is flagged as not declared', async () => {
    const widened = tampered('data-platform', (stack) => {
      trustOf(stack, 'sample-dev').condition.find((x: any) => x.variable.endsWith(':aud')).values = ['sts.amazonaws.com', 'https://kubernetes.default.svc'];
    });
    const r = await access(['diff', synth.outdir, widened, '--spec', SPEC, '--out', join(dir, 'widened')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 role changes: 1 grant gained, 0 lost, **1 gained but not declared by the new spec**. 9 roles unchanged.');
    expect(r.out).toContain(
      '| **gains** **(not declared)** | `oidc data-platform-cluster sub=system:serviceaccount:dev:sample-<uuid> aud=https://kubernetes.default.svc` |',
    );
  });
});
