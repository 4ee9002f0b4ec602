/** Spec-wide checks added with the workloads: names that would collide in the output tree (lint rule SPEC001, not suppressible). */
import { blockingProblems } from './helpers/spec';

test('GIVEN an account named workloads THEN the spec is rejected: that is the folder of the workload settings', () => {
  const spec = { accounts: [{ name: 'Workloads', id: '123456789012', region: 'eu-west-1' }] };
  expect(blockingProblems(spec)).toEqual([
    expect.objectContaining({
      ruleId: 'SPEC001',
      path: 'accounts[0].name',
      message: expect.stringContaining('folder of the workload settings'),
      fix: 'rename the account, e.g. "Workloads-account"',
    }),
  ]);
});

test('GIVEN an account named workloads-prod THEN it is accepted', () => {
  expect(blockingProblems({ accounts: [{ name: 'workloads-prod', id: '123456789012', region: 'eu-west-1' }] })).toEqual([]);
});
