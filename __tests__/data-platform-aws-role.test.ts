/** How the data platform's `aws_role` value is chosen: role name in the cluster's account, full ARN elsewhere. */
import type { SpecInput } from '../src/input/schema';
import { lintModel } from '../src/lint';
import { awsRoleValue, clusterAccount } from '../src/workloads/data-platform';
import { model, inputProblems, role } from './helpers/model';

const work003 = (m: ReturnType<typeof model>) => lintModel(m).findings.filter((f) => f.ruleId === 'WORK003');

const URL = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF';

function spec(modes: [string, 'create' | 'existing'][], issuerAccount?: string): SpecInput {
  return {
    issuers: { cluster: { url: URL, ...(issuerAccount ? { account: issuerAccount } : {}) } },
    accounts: modes.map(([name, mode], i) => ({
      name,
      id: String(111111111111 * (i + 1)),
      region: 'eu-west-1',
      oidcProviders: { cluster: mode },
      roles: [{ name: `${name}-job`, trust: [{ type: 'data-platform-project', issuer: 'cluster', project: 'p', environment: 'dev' }] }],
    })),
  };
}

test('GIVEN one account with the provider existing THEN the cluster runs there: name there, ARN elsewhere', () => {
  const m = model(
    spec([
      ['platform', 'existing'],
      ['lake', 'create'],
    ]),
  );
  expect(clusterAccount(m, 'cluster')).toBe('platform');
  expect(awsRoleValue(m, m.accounts[0], role(m, 'platform', 'platform-job'), 'cluster')).toBe('platform-job');
  expect(awsRoleValue(m, m.accounts[1], role(m, 'lake', 'lake-job'), 'cluster')).toBe('arn:aws:iam::222222222222:role/lake-job');
  expect(work003(m)).toEqual([]);
});

test('GIVEN two accounts with the provider existing THEN the account is unknown: ARNs everywhere and one warning', () => {
  const m = model(
    spec([
      ['a', 'existing'],
      ['b', 'existing'],
    ]),
  );
  expect(clusterAccount(m, 'cluster')).toBeUndefined();
  expect(awsRoleValue(m, m.accounts[0], role(m, 'a', 'a-job'), 'cluster')).toBe('arn:aws:iam::111111111111:role/a-job');
  expect(work003(m)).toEqual([
    expect.objectContaining({
      ruleId: 'WORK003',
      level: 'warning',
      path: 'accounts[0].roles[0].trust[0].issuer',
      fix: 'set issuers.cluster.account to the account that runs the cluster',
    }),
  ]);
});

test('GIVEN issuers.<name>.account THEN it wins over the existing/create heuristic', () => {
  const m = model(
    spec(
      [
        ['a', 'existing'],
        ['b', 'create'],
      ],
      'b',
    ),
  );
  expect(clusterAccount(m, 'cluster')).toBe('b');
  expect(awsRoleValue(m, m.accounts[1], role(m, 'b', 'b-job'), 'cluster')).toBe('b-job');
  expect(awsRoleValue(m, m.accounts[0], role(m, 'a', 'a-job'), 'cluster')).toBe('arn:aws:iam::111111111111:role/a-job');
});

test('GIVEN issuers.<name>.account naming no declared account THEN the spec is rejected', () => {
  expect(inputProblems(spec([['a', 'existing']], 'nope'))).toEqual([
    expect.objectContaining({ path: 'issuers.cluster.account', message: 'account "nope" is not declared' }),
  ]);
});
