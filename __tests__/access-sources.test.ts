/**
 * Reading policies from where they live: `aws_iam_policy_document` blocks of
 * the synthesized JSON (rendered as the provider renders them, or refused
 * with the reason) and `terraform show -json` plans (accounts matched through
 * the spec or the provider alias; values unknown until apply refused).
 */
import { buildMatrix } from '../src/access/proof/matrix';
import { readPlan, type PlanJson } from '../src/access/sources/plan-reader';
import { renderPolicyDocument } from '../src/access/sources/terraform-json';
import { resolveModel } from '../src/model/resolve';
import { toIamPolicy } from '../src/policy/document';
import { loadSpec } from '../src/synth';

const model = resolveModel(loadSpec(''));

describe('aws_iam_policy_document blocks to IAM JSON', () => {
  it('renders every trust document of the default example exactly as the model does', () => {
    for (const account of model.accounts) {
      for (const role of account.roles) {
        const block = {
          statement: role.trustPolicy.statements.map((s) => ({
            effect: s.effect,
            actions: s.actions,
            principals: s.principals?.map((p) => ({ type: p.type, identifiers: p.identifiers })),
            condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
          })),
        };
        expect(renderPolicyDocument(block)).toEqual({ policy: toIamPolicy(role.trustPolicy) });
      }
    }
  });

  it.each([
    [{ source_policy_documents: ['{}'], statement: [] }, 'argument "source_policy_documents" is not read'],
    [{ statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['${aws_iam_role.x.arn}'] }] }] }, 'known only when Terraform runs'],
    [
      {
        statement: [
          {
            actions: ['sts:AssumeRole'],
            condition: [
              { test: 'StringEquals', variable: 'k', values: ['a'] },
              { test: 'StringEquals', variable: 'k', values: ['b'] },
            ],
          },
        ],
      },
      'repeats the condition StringEquals k',
    ],
    [{ statement: [{ actions: ['sts:AssumeRole'], not_principals: [{ type: 'AWS', identifiers: ['*'] }] }] }, 'not_principals is not read'],
  ])('refuses %j, saying why', (block, why) => {
    const r = renderPolicyDocument(block);
    expect('problem' in r && r.problem).toContain(why);
  });
});

describe('terraform show -json', () => {
  const role = (module: string | undefined, name: string, policy: unknown, unknown = false) => ({
    address: `${module ? `${module}.` : ''}aws_iam_role.${name}`,
    module_address: module,
    mode: 'managed',
    type: 'aws_iam_role',
    name,
    change: {
      actions: ['create'],
      after: { name, path: '/', assume_role_policy: unknown ? undefined : JSON.stringify(policy) },
      after_unknown: { assume_role_policy: unknown },
    },
  });
  const trustOf = (account: string, name: string) =>
    toIamPolicy(model.accounts.find((a) => a.name === account)!.roles.find((r) => r.name === name)!.trustPolicy);

  it('matches a module to the spec account of the same name', () => {
    const set = readPlan({ resource_changes: [role('module.data_lake', 'ingest-weather-dev', trustOf('data-lake', 'ingest-weather-dev'))] } as PlanJson, model);
    expect(set.roles).toEqual([
      expect.objectContaining({ account: 'data-lake', accountId: '222222222222', arn: 'arn:aws:iam::222222222222:role/ingest-weather-dev' }),
    ]);
  });

  it('falls back to the provider alias of the module name when the spec has no such account', () => {
    const plan = {
      resource_changes: [role('module.elsewhere', 'x', trustOf('data-lake', 'ingest-weather-dev'))],
      configuration: {
        provider_config: {
          'aws.elsewhere': { expressions: { allowed_account_ids: { constant_value: ['888888888888'] }, region: { constant_value: 'cn-north-1' } } },
        },
      },
    };
    expect(readPlan(plan as PlanJson, model).roles[0]).toMatchObject({
      account: 'elsewhere',
      accountId: '888888888888',
      arn: 'arn:aws-cn:iam::888888888888:role/x',
    });
    expect(() => readPlan({ resource_changes: [role('module.nowhere', 'x', {})] } as PlanJson, model)).toThrow('no spec account is named like it');
  });

  it('GIVEN modules named unlike their accounts THEN each is matched by the modules/<account> folder its source names', () => {
    const plan = {
      resource_changes: [role('module.m_analytics', 'ingest-weather-dev', trustOf('data-lake', 'ingest-weather-dev')), role('module.m_other["x"]', 'y', {})],
      configuration: {
        root_module: { module_calls: { m_analytics: { source: './modules/data-lake' }, m_other: { source: '../generated/modules/data-query/' } } },
      },
    };
    expect(readPlan(plan as unknown as PlanJson, model).roles.map((r) => [r.account, r.accountId])).toEqual([
      ['data-lake', '222222222222'],
      ['data-query', model.accounts.find((a) => a.name === 'data-query')!.id],
    ]);
    const unknownFolder = { ...plan, configuration: { root_module: { module_calls: { m_analytics: { source: './modules/nope' } } } } };
    expect(() => readPlan({ ...unknownFolder, resource_changes: [plan.resource_changes[0]] } as unknown as PlanJson, model)).toThrow(
      'module.m_analytics: its source is the folder "nope", which is no spec account',
    );
  });

  it('makes a trust policy unknown until apply "cannot decide", and a missing role too', () => {
    const plan = { resource_changes: [role('module.data_lake', 'ingest-weather-dev', undefined, true)] } as PlanJson;
    const m = buildMatrix(model, readPlan(plan, model));
    const ingest = m.cells.filter((c) => c.role === 'data-lake/ingest-weather-dev');
    expect(new Set(ingest.map((c) => c.actual))).toEqual(new Set(['cannot-decide']));
    expect(ingest[0].reason).toContain('module.data_lake.aws_iam_role.ingest-weather-dev.assume_role_policy is known only after apply');
    const missing = m.cells.find((c) => c.role === 'data-platform/sample-dev')!;
    expect(missing).toMatchObject({ actual: 'cannot-decide', ok: false, reason: 'role not found in terraform plan' });
  });

  it('evaluates a role only the plan has against every identity, all expected to be denied', () => {
    const open = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'accounts.google.com' } }],
    };
    const m = buildMatrix(model, readPlan({ resource_changes: [role('module.data_lake', 'extra', open)] } as PlanJson, model));
    expect(m.roles.find((r) => r.key === 'data-lake/extra')).toMatchObject({ declared: false });
    const allowed = m.cells.filter((c) => c.role === 'data-lake/extra' && c.actual === 'allow');
    expect(allowed.map((c) => c.identity)).toEqual([
      'google sub=112233445566778899000 aud=112233445566778899000',
      'google sub=112233445566778899001 aud=112233445566778899001',
      'google sub=112233445566778899000 aud=(none)',
    ]);
    expect(allowed.every((c) => !c.ok && c.expected === 'deny')).toBe(true);
  });
});
