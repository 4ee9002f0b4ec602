/**
 * The trust forms `import` needs to carry existing roles as they are, each with
 * lint-pack and access-proof coverage:
 * - `pinAudience: false` on data-platform-project and kubernetes-service-account
 *   (the data platform's documented trust has no `aud`): the lint pack refuses
 *   it unless suppressed (TRUST002), and the access proof expects, and finds,
 *   every audience let in;
 * - `aws-account` (the Airflow document's role for another account trusts its
 *   root): TRUST014 warns, TRUST015 warns or refuses, and the access proof lets
 *   in any principal of that account and no other.
 */
import { trustGraph } from '../src/access/report/graph';
import { buildMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { isBlocking, lintModel } from '../src/lint';
import type { SpecInput } from '../src/input/schema';
import { account, model } from './helpers/model';

const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const spec = (suppress: boolean, pinAudience?: false): SpecInput => ({
  version: 1,
  issuers: { cluster: { url: `https://${HOST}` } },
  accounts: [
    account(
      'lake',
      '222222222222',
      ['cluster'],
      [
        {
          name: 'sample-dev',
          trust: [
            { type: 'data-platform-project', issuer: 'cluster', project: 'sample', environment: 'dev', ...(pinAudience === false ? { pinAudience } : {}) },
          ],
          suppressions: suppress ? [{ rule: 'TRUST002', reason: 'imported as it was; tighten it, then remove this suppression' }] : [],
        },
        {
          name: 'etl',
          trust: [
            {
              type: 'kubernetes-service-account',
              issuer: 'cluster',
              namespace: 'jobs',
              serviceAccount: 'etl',
              ...(pinAudience === false ? { pinAudience } : {}),
            },
          ],
          suppressions: suppress ? [{ rule: 'TRUST002', reason: 'imported as it was; tighten it, then remove this suppression' }] : [],
        },
      ],
    ),
  ],
});

test('without a suppression, the lint pack refuses it with TRUST002 on each role', () => {
  const blocking = lintModel(model(spec(false, false))).findings.filter(isBlocking);
  expect(blocking.map((f) => [f.ruleId, f.path])).toEqual([
    ['TRUST002', 'accounts[0].roles[0].trust[0]'],
    ['TRUST002', 'accounts[0].roles[1].trust[0]'],
  ]);
});

test('the written trust has no aud condition, and the sub condition as always', () => {
  const m = model(spec(true, false));
  for (const role of m.accounts[0].roles) expect(role.trustPolicy.statements[0].conditions?.map((c) => c.variable)).toEqual([`${HOST}:sub`]);
  // The default pins aud.
  expect(model(spec(false)).accounts[0].roles[0].trustPolicy.statements[0].conditions?.map((c) => c.variable)).toEqual([`${HOST}:sub`, `${HOST}:aud`]);
});

test('the access proof expects any audience to get in, and every cell holds', () => {
  const m = model(spec(true, false));
  const matrix = buildMatrix(m, policySetFromModel(m));
  const cells = matrix.cells.filter((c) =>
    /wrong-aud|missing-aud/.test(
      matrix.identities
        .find((i) => i.id === c.identity)!
        .origins.map((o) => o.variant)
        .join(','),
    ),
  );
  expect(cells.length).toBeGreaterThanOrEqual(2);
  for (const c of cells.filter((x) => matrix.identities.find((i) => i.id === x.identity)!.origins.some((o) => o.role === x.role))) {
    expect([c.role, c.identity, c.expected, c.actual]).toEqual([c.role, c.identity, 'allow', 'allow']);
  }
  expect(matrix.summary.failures).toBe(0);
  // Pinned, the same identities are expected and found denied.
  const pinned = model(spec(false));
  expect(buildMatrix(pinned, policySetFromModel(pinned)).summary.failures).toBe(0);
});

describe('aws-account', () => {
  const accountSpec = (externalId?: string): SpecInput => ({
    version: 1,
    accounts: [
      { name: 'shared', id: '111111111111', region: 'eu-west-1', roles: [{ name: 'airflow', trust: [{ type: 'aws-service', service: 'ec2.amazonaws.com' }] }] },
      {
        name: 'query',
        id: '222222222222',
        region: 'eu-west-1',
        roles: [{ name: 'airflow-athena', trust: [{ type: 'aws-account', accountId: '111111111111', ...(externalId ? { externalId } : {}) }] }],
      },
    ],
  });

  test('writes the account root as the principal, with the external id when given', () => {
    const [s] = model(accountSpec('ext-42')).accounts[1].roles[0].trustPolicy.statements;
    expect(s).toEqual({
      effect: 'Allow',
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] }],
      conditions: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: ['ext-42'] }],
    });
  });

  test('the lint pack warns (TRUST014, TRUST015 for a spec account) and refuses a third-party account without external id', () => {
    const own = lintModel(model(accountSpec())).findings.filter((f) => f.path.startsWith('accounts[1]'));
    expect(own.map((f) => [f.ruleId, f.level])).toEqual(expect.arrayContaining([['TRUST014', 'warning']]));
    expect(own.filter(isBlocking)).toEqual([]);
    const third = { ...accountSpec(), accounts: [accountSpec().accounts[1]] } as SpecInput;
    expect(
      lintModel(model(third))
        .findings.filter(isBlocking)
        .map((f) => f.ruleId),
    ).toEqual(['TRUST015']);
  });

  test('the access proof: any principal of that account is expected and allowed, the same name elsewhere is denied', () => {
    for (const externalId of [undefined, 'ext-42']) {
      const m = model(accountSpec(externalId));
      const matrix = buildMatrix(m, policySetFromModel(m));
      expect(matrix.summary.failures).toBe(0);
      const cells = matrix.cells.filter((c) => c.role.endsWith('airflow-athena'));
      const allowed = cells.filter((c) => c.actual === 'allow').map((c) => c.identity);
      expect(allowed).toEqual(expect.arrayContaining([expect.stringMatching(/^arn:aws:iam::111111111111:role\/any-role-of-the-account/)]));
      expect(allowed.every((id) => id.includes('::111111111111:'))).toBe(true);
      if (externalId) expect(allowed.every((id) => id.includes(`sts:ExternalId=${externalId}`) && !id.includes(`${externalId}-other`))).toBe(true);
    }
  });

  test('the trust graph draws the account as one node', () => {
    expect(trustGraph(model(accountSpec()))).toMatch(/every principal \(account root\)/);
  });
});
