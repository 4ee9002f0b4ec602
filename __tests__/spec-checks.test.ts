/** Spec-wide checks added with the workloads: names that would collide in the output tree. */
import { inputProblems } from './helpers/model';

test('GIVEN an account named workloads THEN the spec is rejected: that is the folder of the workload settings', () => {
  const spec = { accounts: [{ name: 'Workloads', id: '123456789012', region: 'eu-west-1' }] };
  expect(inputProblems(spec)).toEqual([expect.objectContaining({ path: 'accounts[0].name', message: expect.stringContaining('folder of the workload settings'), fix: 'rename the account, e.g. "Workloads-account"' })]);
});

test('GIVEN an account named workloads-prod THEN it is accepted', () => {
  expect(inputProblems({ accounts: [{ name: 'workloads-prod', id: '123456789012', region: 'eu-west-1' }] })).toEqual([]);
});
