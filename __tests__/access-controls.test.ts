/**
 * The controls every trust entry takes, through the access proof on inline
 * specs: a session-tags opt-in lets exactly its entry's callers tag their
 * session (another role of the same issuer refuses it), and each extra
 * condition keeps out a caller without its key or with another value.
 */
import { buildMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { inputProblems as problemsOf, model, oneAccount, role } from './helpers/model';

const issuers = { buildkite: { url: 'https://agent.buildkite.com' }, github: { url: 'https://token.actions.githubusercontent.com' } };
const bk = (extra: Record<string, unknown> = {}) => ({
  type: 'buildkite',
  issuer: 'buildkite',
  organization: 'acme',
  pipeline: 'deploy',
  branches: ['main'],
  ...extra,
});
const SUB = 'sub=organization:acme:pipeline:deploy:ref:refs/heads/main:commit:9f3182061f1e2cca4702c368cbc039b7dc9d4485:step:deploy aud=sts.amazonaws.com';

const m = model(
  oneAccount(
    [
      { name: 'tagged', trust: [bk({ sessionTags: true })] },
      { name: 'untagged', trust: [bk()] },
      {
        name: 'gated',
        trust: [
          {
            type: 'github-actions',
            issuer: 'github',
            repository: 'o/r',
            branches: ['main'],
            conditions: [
              { test: 'StringEquals', claim: 'actor', values: ['release-bot'] },
              { test: 'StringEquals', key: 'aws:SourceIp', values: ['203.0.113.7'] },
            ],
          },
        ],
      },
      {
        name: 'from-bucket',
        trust: [
          {
            type: 'aws-service',
            service: 's3.amazonaws.com',
            conditions: [
              { test: 'StringEquals', key: 'aws:SourceAccount', values: ['123456789012'] },
              { test: 'ArnLike', key: 'aws:SourceArn', values: ['arn:aws:s3:::reports-*'] },
            ],
          },
        ],
      },
    ],
    { issuers },
  ),
);
const matrix = buildMatrix(m, policySetFromModel(m));
const cell = (r: string, identity: string) => {
  const c = matrix.cells.find((x) => x.role === `acct/${r}` && x.identity === identity);
  if (!c)
    throw new Error(
      `no cell ${r} <- ${identity}; have ${matrix.cells
        .filter((x) => x.role === `acct/${r}`)
        .map((x) => x.identity)
        .join('\n')}`,
    );
  return c;
};

test('THEN every check of the matrix passes', () => {
  expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
});

test('GIVEN sessionTags on one entry THEN sts:TagSession is beside the assume action there only', () => {
  expect(role(m, 'acct', 'tagged').trustPolicy.statements[0].actions).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
  expect(role(m, 'acct', 'untagged').trustPolicy.statements[0].actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
  const tagging = `[sts:TagSession] oidc buildkite ${SUB}`;
  expect([cell('tagged', tagging).expected, cell('tagged', tagging).actual]).toEqual(['allow', 'allow']);
  expect([cell('untagged', tagging).expected, cell('untagged', tagging).actual]).toEqual(['deny', 'deny']);
  expect(cell('untagged', tagging).reason).toBe('no statement allows sts:TagSession');
});

test('GIVEN extra conditions on a claim and a global key THEN both are ANDed, and a caller missing either or with another value is denied', () => {
  const [s] = role(m, 'acct', 'gated').trustPolicy.statements;
  expect(s.conditions!.slice(2)).toEqual([
    { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:actor', values: ['release-bot'] },
    { test: 'StringEquals', variable: 'aws:SourceIp', values: ['203.0.113.7'] },
  ]);
  const base = 'oidc github sub=repo:o/r:ref:refs/heads/main aud=sts.amazonaws.com';
  expect(cell('gated', `${base} actor=release-bot aws:SourceIp=203.0.113.7`)).toMatchObject({ expected: 'allow', actual: 'allow' });
  expect(cell('gated', `${base} aws:SourceIp=203.0.113.7`)).toMatchObject({
    expected: 'deny',
    actual: 'deny',
    reason: expect.stringContaining('actor: key absent'),
  });
  expect(cell('gated', `${base} actor=release-bot-other aws:SourceIp=203.0.113.7`)).toMatchObject({ expected: 'deny', actual: 'deny' });
  expect(cell('gated', `${base} actor=release-bot aws:SourceIp=203.0.113.7-other`)).toMatchObject({
    expected: 'deny',
    actual: 'deny',
    reason: expect.stringContaining('aws:SourceIp'),
  });
});

test('GIVEN extra conditions on a service trust THEN the confused-deputy keys are required', () => {
  expect(cell('from-bucket', 'service s3.amazonaws.com aws:SourceAccount=123456789012 aws:SourceArn=arn:aws:s3:::reports-example')).toMatchObject({
    expected: 'allow',
    actual: 'allow',
  });
  expect(cell('from-bucket', 'service s3.amazonaws.com aws:SourceArn=arn:aws:s3:::reports-example')).toMatchObject({ expected: 'deny', actual: 'deny' });
  expect(cell('from-bucket', 'service s3.amazonaws.com aws:SourceAccount=123456789012 aws:SourceArn=arn:aws:s3:::reports-example-other')).toMatchObject({
    expected: 'allow',
    actual: 'allow',
  });
});

test.each([
  [
    { type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringNotEquals', key: 'aws:SourceAccount', values: ['1'] }] },
    "an extra condition's test is one of",
  ],
  [
    { type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringEquals', key: 'aws:SourceAccount', claim: 'actor', values: ['1'] }] },
    'exactly one of key and claim',
  ],
  [
    { type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringEquals', key: 'custom:Thing', values: ['1'] }] },
    'not a condition key an extra condition may test',
  ],
  [{ type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringEquals', key: 'aws:SourceAccount', values: [] }] }, 'at least one value'],
  [{ ...bk(), conditions: [{ test: 'StringEquals', claim: 'sub', values: ['x'] }] }, 'sub and aud are what the trust itself pins'],
  [{ type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringEquals', claim: 'actor', values: ['x'] }] }, 'trusts no OIDC issuer'],
  [{ ...bk(), conditions: [{ test: 'StringEquals', claim: 'step_key', values: ['deploy'] }] }, 'STS does not accept claim "step_key"'],
  [{ type: 'aws-service', service: 's3.amazonaws.com', sessionTags: true }, 'sessionTags'],
])('GIVEN %j THEN the spec is rejected: %s', (trust, message) => {
  expect(
    problemsOf(oneAccount([{ name: 'r', trust: [trust] }], { issuers }))
      .map((p) => p.message)
      .join('\n'),
  ).toContain(message);
});
