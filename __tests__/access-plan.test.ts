/**
 * The access matrix of the default example against the policies Terraform
 * actually plans: synthesize, `terraform plan` the plain root offline (the
 * harness in src/terraform), read `terraform show -json`, and hold every role
 * × identity to the hand-written table. Then the same through the CLI.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../src/access/cli';
import { buildMatrix } from '../src/access/matrix';
import { readPlan, type PlanJson } from '../src/access/plan-reader';
import { planRoot, prepareDefaultExample, type PreparedExample } from './helpers/terraform/default-example';
import { DEFAULT_IDENTITIES, expectedTable } from './helpers/access-expected';
import { tempDir } from './helpers/synth';

let prepared: PreparedExample;
let plan: PlanJson;
let workDir: string;

beforeAll(async () => {
  workDir = tempDir('xacct-access-plan-');
  prepared = await prepareDefaultExample(workDir);
  plan = (await planRoot(prepared)) as PlanJson;
}, 240_000);

describe('GIVEN the planned policies of the default example', () => {
  it('THEN every role × identity matches the hand-written table', () => {
    const matrix = buildMatrix(prepared.model, readPlan(plan, prepared.model));
    expect(matrix.roles).toHaveLength(10);
    expect(matrix.identities.map((i) => i.id)).toEqual(DEFAULT_IDENTITIES);
    const actual: Record<string, Record<string, string>> = {};
    for (const c of matrix.cells) (actual[c.role] ??= {})[c.identity] = c.actual;
    expect(actual).toEqual(expectedTable());
    expect(matrix.summary.failures).toBe(0);
  });

  it('THEN the cross-account grant read from the plan is what lets airflow in', () => {
    const policies = readPlan(plan, prepared.model);
    const airflow = policies.callers.get('333333333333/airflow');
    expect(airflow?.policies.map((p) => p.name)).toEqual(['assume-cross-account-roles']);
    // Without the planned grant, the cross-account calls are denied even though the trust names airflow.
    const withoutGrant = { ...policies, callers: new Map([...policies.callers].map(([k, v]) => [k, k === '333333333333/airflow' ? { policies: [], unread: [] } : v])) };
    const m = buildMatrix(prepared.model, withoutGrant);
    const emr = m.cells.find((c) => c.role === 'raw-data/airflow-emr' && c.identity === 'arn:aws:iam::333333333333:role/airflow')!;
    expect(emr).toMatchObject({ actual: 'deny', ok: false });
    expect(emr.reason).toContain('none of its identity policies allows sts:AssumeRole');
  });

  it('WHEN `npm run access -- --plan` reads the plan JSON THEN it exits 0 and writes the matrix', () => {
    const file = join(workDir, 'plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const out: string[] = [];
    const code = run(['--plan', file, '--out', join(workDir, 'report')], (s) => out.push(s), () => undefined);
    expect(code).toBe(0);
    expect(out.join('')).toContain('10 roles × 45 identities = 450 checks: 15 allowed (15 declared), 0 failing, 0 cannot decide.');
  });
});
