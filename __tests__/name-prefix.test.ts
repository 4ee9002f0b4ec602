/**
 * namePrefix per account or role: the IAM name is `<prefix><name>`, every ARN
 * and grant uses it, and the spec keeps referring to roles by their short name.
 */
import { inputProblems, model, role } from './helpers/model';
import type { SpecInput } from '../src/input/schema';

const spec = (over: Record<string, unknown> = {}): SpecInput =>
  ({
    version: 1,
    accounts: [
      {
        name: 'hub',
        id: '111111111111',
        region: 'eu-west-1',
        namePrefix: 'platform-',
        roles: [
          { name: 'airflow', trust: [{ type: 'aws-service', service: 'ec2.amazonaws.com' }] },
          { name: 'runner', namePrefix: 'ci-', trust: [{ type: 'aws-role', role: 'airflow' }] },
        ],
      },
      {
        name: 'data',
        id: '222222222222',
        region: 'eu-west-1',
        roles: [
          { name: 'reader', trust: [{ type: 'aws-role', role: 'airflow', account: 'hub' }] },
          { name: 'by-arn', trust: [{ type: 'aws-role', role: 'arn:aws:iam::111111111111:role/ci-runner' }] },
        ],
      },
    ],
    ...over,
  }) as SpecInput;

test('GIVEN an account prefix and a role prefix THEN names and ARNs carry them; references by short name and by full ARN resolve', () => {
  const m = model(spec());
  expect(role(m, 'hub', 'platform-airflow').arn).toBe('arn:aws:iam::111111111111:role/platform-airflow');
  expect(role(m, 'hub', 'ci-runner').trustPolicy.statements[0].principals).toEqual([
    { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/platform-airflow'] },
  ]);
  expect(role(m, 'data', 'reader').trustPolicy.statements[0].principals).toEqual([
    { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/platform-airflow'] },
  ]);
  const hub = m.accounts.find((a) => a.name === 'hub')!;
  // The grant goes to the prefixed role the spec manages, for both the by-name and the by-ARN trust.
  expect(hub.grants.map((g) => [g.roleName, g.roleTfId, g.targets])).toEqual([
    ['platform-airflow', 'airflow', ['arn:aws:iam::222222222222:role/reader']],
    ['ci-runner', 'runner', ['arn:aws:iam::222222222222:role/by-arn']],
  ]);
  expect(m.accounts.find((a) => a.name === 'data')!.dependsOn).toEqual(['hub']);
});

test('GIVEN a prefix that makes a name longer than 64 characters THEN the spec is rejected under IAM001', () => {
  const long = spec();
  (long.accounts[0] as { namePrefix: string }).namePrefix = 'p'.repeat(32);
  long.accounts[0].roles!.push({ name: 'a'.repeat(40), trust: [{ type: 'aws-service', service: 'ec2.amazonaws.com' }] });
  expect(inputProblems(long)).toEqual([
    expect.objectContaining({ path: 'accounts[0].roles[2].name', message: expect.stringContaining('has 72 characters; IAM allows at most 64') }),
  ]);
});

test.each(['team a-', '', 'x'.repeat(33)])('GIVEN namePrefix %j THEN the spec is rejected', (namePrefix) => {
  const bad = spec();
  (bad.accounts[0] as { namePrefix: string }).namePrefix = namePrefix;
  expect(
    inputProblems(bad)
      .map((p) => p.message)
      .join('\n'),
  ).toContain('a name prefix has 1 to 32 letters');
});
