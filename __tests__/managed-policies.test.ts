/**
 * Customer-managed policies: defined once per account, attached by name,
 * written as `aws_iam_policy` with a literal policy document, and linted like
 * every identity policy.
 */
import { bodyJson, describeAccount } from '../src/description/account';
import { lintModel } from '../src/lint';
import { inputProblems, model, oneAccount, role } from './helpers/model';
import { terraformJson } from '../src/description/expressions';

const policies = [
  { name: 'state-read', path: '/ci/', description: 'Read CI state', statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::state/*'] }] },
];
const spec = (extra: Record<string, unknown> = {}) => {
  const s = oneAccount([
    { name: 'plan', managedPolicies: ['state-read', 'ReadOnlyAccess'], trust: [{ type: 'aws-service', service: 'ec2.amazonaws.com' }] },
  ]) as { accounts: Record<string, unknown>[] };
  Object.assign(s.accounts[0], { policies, ...extra });
  return s as never;
};

test('THEN the policy is an aws_iam_policy with its document, and the attachment references it', () => {
  const m = model(spec());
  const account = m.accounts[0];
  expect(account.policies.map((p) => [p.name, p.arn])).toEqual([['state-read', 'arn:aws:iam::123456789012:policy/ci/state-read']]);
  expect(role(m, 'acct', 'plan').managedPolicyArns.map((p) => [p.arn, p.policyTfId])).toEqual([
    ['arn:aws:iam::123456789012:policy/ci/state-read', 'state-read'],
    ['arn:aws:iam::123456789012:policy/ReadOnlyAccess', undefined],
  ]);
  const d = describeAccount(account);
  const policy = d.elements.find((e) => e.type === 'aws_iam_policy')!;
  expect(bodyJson(policy.body)).toMatchObject({
    name: 'state-read',
    path: '/ci/',
    description: 'Read CI state',
    policy: '${data.aws_iam_policy_document.policy_state-read.json}',
  });
  const doc = d.elements.find((e) => e.type === 'aws_iam_policy_document' && e.id === 'policy_state-read')!;
  expect(doc.body).toEqual({ statement: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::state/*'], condition: [] }] });
  const attachments = d.elements.filter((e) => e.type === 'aws_iam_role_policy_attachment').map((e) => bodyJson(e.body).policy_arn);
  expect(attachments).toEqual(['${aws_iam_policy.state-read.arn}', 'arn:aws:iam::123456789012:policy/ReadOnlyAccess']);
});

test('GIVEN a policy statement with an IAM policy variable ${aws:username} THEN TRUST018 says, at the policy, that it reaches IAM as typed', () => {
  const m = model(spec({ policies: [{ name: 'p', statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/${aws:username}/*'] }] }] }));
  const f = lintModel(m).findings.filter((x) => x.ruleId === 'TRUST018');
  expect(f.map((x) => [x.path, x.level])).toEqual([['accounts[0].policies[0]', 'info']]);
  const doc = describeAccount(m.accounts[0]).elements.find((e) => e.type === 'aws_iam_policy_document' && e.id === 'policy_p')!;
  expect(JSON.stringify(bodyJson(doc.body))).toContain('"arn:aws:s3:::b/$${aws:username}/*"');
});

test('GIVEN the same policy name twice THEN the spec is rejected at the second', () => {
  expect(inputProblems(spec({ policies: [...policies, ...policies] }))).toEqual([
    expect.objectContaining({ path: 'accounts[0].policies[1].name', message: 'policy "state-read" is defined twice in account "acct"' }),
  ]);
});

describe('GIVEN adopt: true on a role whose managedPolicies name a policy the spec creates', () => {
  const adopted = () => {
    const s = oneAccount([
      {
        name: 'plan',
        adopt: true,
        managedPolicies: ['state-read', 'ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/ci/state-read'],
        trust: [{ type: 'aws-service', service: 'ec2.amazonaws.com' }],
      },
    ]) as { accounts: Record<string, unknown>[] };
    Object.assign(s.accounts[0], { policies });
    return describeAccount(model(s as never).accounts[0]);
  };

  test('THEN the role and the attachment of the existing policy are imported, and no attachment of the policy the apply creates', () => {
    const imports = adopted()
      .elements.filter((e) => e.importId !== undefined)
      .map((e) => [e.type, e.importId]);
    expect(imports).toEqual([
      ['aws_iam_role', 'plan'],
      ['aws_iam_role_policy_attachment', 'plan/arn:aws:iam::123456789012:policy/ReadOnlyAccess'],
    ]);
  });

  test('THEN the policy named by its full ARN is the same created policy, attached by reference so that it exists first', () => {
    const attachments = adopted().elements.filter((e) => e.type === 'aws_iam_role_policy_attachment');
    expect(attachments.map((e) => [terraformJson(e.body.policy_arn), e.importId])).toEqual([
      ['${aws_iam_policy.state-read.arn}', undefined],
      ['arn:aws:iam::123456789012:policy/ReadOnlyAccess', 'plan/arn:aws:iam::123456789012:policy/ReadOnlyAccess'],
      ['${aws_iam_policy.state-read.arn}', undefined],
    ]);
  });
});
