/**
 * End to end with the real Terraform, offline: synthesize the default example,
 * `terraform validate` every stack, then `terraform plan` the plain root (which
 * validates it and every module it calls) and read each role's planned trust policy
 * from `terraform show -json`; then the access matrix against the planned
 * policies, held to the hand-written table, and the same through the CLI. Fails, saying what is missing, when Terraform
 * or the provider mirror is not there.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { toIamPolicy, normalizeIamPolicy } from '../src/policy/document';
import { plannedTrustPolicies, prepareDefaultExample, validateStacks, type PreparedExample } from './helpers/terraform/default-example';
import { sharedPlan } from './helpers/terraform/shared-plan';
import type { PlanJson } from './helpers/terraform/run';
import { tempDir } from './helpers/synth';
import { writeFileSync } from 'node:fs';
import { runCli } from '../src/cli/main';
import { buildMatrix } from '../src/access/proof/matrix';
import { readPlan, type PlanJson as AccessPlanJson } from '../src/access/sources/plan-reader';
import { DEFAULT_IDENTITIES, expectedTable } from './helpers/access-expected';

let prepared: PreparedExample;
let plan: PlanJson;
const workDir = tempDir('xacct-e2e-');

beforeAll(() => {
  prepared = prepareDefaultExample(workDir);
});
// The plain root is planned with the run's other roots (helpers/terraform/shared-plan.ts); this suite reads its share.
const planRoot = async () => (await sharedPlan('e2e-terraform', prepared.part)).plan;

test('terraform validate passes on every stack (one warning each: its backend is ignored as a child module); the plain root calls every module (and is planned below)', async () => {
  const result = await validateStacks(prepared);
  expect(result.valid).toBe(true);
  const names = prepared.stackDirs.map((d) => basename(d));
  expect(result.diagnostics.map((d) => [d.severity, d.summary, basename(dirname(d.range!.filename))]).sort()).toEqual(
    names.map((n) => ['warning', 'Backend configuration ignored', n]).sort(),
  );
  const root = readFileSync(join(prepared.rootDir, 'main.tf'), 'utf8');
  for (const dir of prepared.moduleDirs) expect(root).toContain(`source    = "../../modules/${basename(dir)}"`);
}, 240_000);

describe('terraform plan of the plain root', () => {
  beforeAll(async () => {
    plan ??= await planRoot();
  }, 300_000);

  test('plans every role, provider, attachment and policy, and nothing else', () => {
    const counts: Record<string, number> = {};
    for (const rc of plan.resource_changes ?? []) {
      expect(rc.change.actions).toEqual(['create']);
      counts[rc.type] = (counts[rc.type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      aws_iam_role: 10,
      aws_iam_openid_connect_provider: 2,
      aws_iam_role_policy_attachment: 4,
      aws_iam_role_policy: 2,
    });
  });

  test('every planned trust policy is known at plan time and equals the generated document', () => {
    const planned = plannedTrustPolicies(plan, prepared.model);
    const expected = new Map(prepared.model.accounts.flatMap((a) => a.roles.map((r) => [`${a.name}/${r.name}`, toIamPolicy(r.trustPolicy)] as const)));
    expect([...planned.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, policy] of expected) expect([key, normalizeIamPolicy(planned.get(key))]).toEqual([key, normalizeIamPolicy(policy)]);
  });

  test('the documented values, as Terraform will send them to IAM', () => {
    const p = plannedTrustPolicies(plan, prepared.model) as Map<string, any>;
    const host = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
    expect(p.get('data-lake/ingest-weather-dev').Statement[0].Condition.StringLike[`${host}:sub`]).toBe(
      'system:serviceaccount:dev:ingest.weather-????????-????-????-????-????????????',
    );
    expect(p.get('data-platform/sample-all').Statement[0].Condition.StringLike[`${host}:sub`]).toBe(
      'system:serviceaccount:*:sample-????????-????-????-????-????????????',
    );
    expect(p.get('data-lake/dataflow-s3-reader').Statement).toEqual([
      {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'accounts.google.com:aud': '112233445566778899000' } },
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
      },
    ]);
    for (const key of ['raw-data/airflow-emr', 'data-query/airflow-athena']) {
      expect(p.get(key).Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::333333333333:role/airflow' } }]);
    }
    expect(p.get('connections/connections-data-sync').Statement[0].Principal).toEqual({
      AWS: 'arn:aws:iam::204393242335:role/connections-role-test',
      Service: 's3.amazonaws.com',
    });
  });

  test('the airflow grant is planned with exactly the two target ARNs', () => {
    const grant = (plan.resource_changes ?? []).find((rc) => rc.type === 'aws_iam_role_policy' && rc.change.after?.name === 'assume-cross-account-roles');
    expect(grant?.module_address).toBe('module.shared_services');
    const statements = JSON.parse(grant!.change.after!.policy as string).Statement;
    expect(statements).toHaveLength(1);
    // The provider renders resources as a set, in its own order.
    expect({ ...statements[0], Resource: [...statements[0].Resource].sort() }).toEqual({
      Sid: 'AssumeCrossAccountRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: ['arn:aws:iam::444444444444:role/airflow-emr', 'arn:aws:iam::555555555555:role/airflow-athena'],
    });
  });

  test('dataflow-s3-reader is planned with a one-hour session', () => {
    const role = (plan.resource_changes ?? []).find((rc) => rc.type === 'aws_iam_role' && rc.change.after?.name === 'dataflow-s3-reader');
    expect(role?.change.after?.max_session_duration).toBe(3600);
  });
});

// The access matrix against the policies Terraform plans (this plan; one plan per run costs a provider process).
describe('GIVEN the planned policies of the default example', () => {
  beforeAll(async () => {
    plan ??= await planRoot();
  }, 300_000);

  it('THEN every role × identity matches the hand-written table', () => {
    const matrix = buildMatrix(prepared.model, readPlan(plan as AccessPlanJson, prepared.model));
    expect(matrix.roles).toHaveLength(10);
    expect(matrix.identities.map((i) => i.id)).toEqual(DEFAULT_IDENTITIES);
    const actual: Record<string, Record<string, string>> = {};
    for (const c of matrix.cells) (actual[c.role] ??= {})[c.identity] = c.actual;
    expect(actual).toEqual(expectedTable());
    expect(matrix.summary.failures).toBe(0);
  });

  it('THEN the cross-account grant read from the plan is what lets airflow in', () => {
    const policies = readPlan(plan as AccessPlanJson, prepared.model);
    const airflow = policies.callers.get('333333333333/airflow');
    expect(airflow?.policies.map((p) => p.name)).toEqual(['assume-cross-account-roles']);
    // Without the planned grant, the cross-account calls are denied even though the trust names airflow.
    const withoutGrant = {
      ...policies,
      callers: new Map([...policies.callers].map(([k, v]) => [k, k === '333333333333/airflow' ? { policies: [], unread: [] } : v])),
    };
    const m = buildMatrix(prepared.model, withoutGrant);
    const emr = m.cells.find((c) => c.role === 'raw-data/airflow-emr' && c.identity === 'arn:aws:iam::333333333333:role/airflow')!;
    expect(emr).toMatchObject({ actual: 'deny', ok: false });
    expect(emr.reason).toContain('none of its identity policies allows sts:AssumeRole');
  });

  it('WHEN `cross-account-iam access --plan` reads the plan JSON THEN it exits 0 and writes the matrix', async () => {
    const file = join(workDir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const out: string[] = [];
    const io = { cwd: workDir, env: {}, stdout: (s: string) => void out.push(s), stderr: () => undefined };
    const code = await runCli(
      ['access', '--plan', file, '--spec', join(__dirname, '..', 'examples', 'default', 'spec.yaml'), '--out', join(workDir, 'report')],
      io,
    );
    expect(code).toBe(0);
    expect(out.join('')).toContain('10 roles × 45 identities = 450 checks: 15 allowed (15 declared), 0 failing, 0 cannot decide.');
  });
});
