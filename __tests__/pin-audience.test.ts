/**
 * `pinAudience: false` on data-platform-project and kubernetes-service-account
 * (how `import` carries the data platform's documented trust, which has no
 * `aud`): it widens trust, so the lint pack refuses it unless suppressed
 * (TRUST002), and the access proof expects, and finds, every audience let in.
 */
import { buildMatrix } from '../src/access/matrix';
import { policySetFromModel } from '../src/access/policy-set';
import { isBlocking, lintModel } from '../src/lint';
import type { SpecInput } from '../src/spec/schema';
import { model } from './helpers';

const HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const spec = (suppress: boolean, pinAudience?: false): SpecInput => ({
  version: 1,
  issuers: { cluster: { url: `https://${HOST}` } },
  accounts: [
    {
      name: 'lake',
      id: '222222222222',
      region: 'eu-west-1',
      oidcProviders: { cluster: 'create' },
      roles: [
        {
          name: 'sample-dev',
          trust: [{ type: 'data-platform-project', issuer: 'cluster', project: 'sample', environment: 'dev', ...(pinAudience === false ? { pinAudience } : {}) }],
          suppressions: suppress ? [{ rule: 'TRUST002', reason: 'imported as it was; tighten it, then remove this suppression' }] : [],
        },
        { name: 'etl', trust: [{ type: 'kubernetes-service-account', issuer: 'cluster', namespace: 'jobs', serviceAccount: 'etl', ...(pinAudience === false ? { pinAudience } : {}) }], suppressions: suppress ? [{ rule: 'TRUST002', reason: 'imported as it was; tighten it, then remove this suppression' }] : [] },
      ],
    },
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
  const m = lintModel(model(spec(true, false))).model;
  for (const role of m.accounts[0].roles) expect(role.trustPolicy.statements[0].conditions?.map((c) => c.variable)).toEqual([`${HOST}:sub`]);
  // The default pins aud.
  expect(model(spec(false)).accounts[0].roles[0].trustPolicy.statements[0].conditions?.map((c) => c.variable)).toEqual([`${HOST}:sub`, `${HOST}:aud`]);
});

test('the access proof expects any audience to get in, and every cell holds', () => {
  const m = lintModel(model(spec(true, false))).model;
  const matrix = buildMatrix(m, policySetFromModel(m));
  const cells = matrix.cells.filter((c) => /wrong-aud|missing-aud/.test(matrix.identities.find((i) => i.id === c.identity)!.origins.map((o) => o.variant).join(',')));
  expect(cells.length).toBeGreaterThanOrEqual(2);
  for (const c of cells.filter((x) => matrix.identities.find((i) => i.id === x.identity)!.origins.some((o) => o.role === x.role))) {
    expect([c.role, c.identity, c.expected, c.actual]).toEqual([c.role, c.identity, 'allow', 'allow']);
  }
  expect(matrix.summary.failures).toBe(0);
  // Pinned, the same identities are expected and found denied.
  const pinned = model(spec(false));
  expect(buildMatrix(pinned, policySetFromModel(pinned)).summary.failures).toBe(0);
});
