/** TRUST012-TRUST018 and the limits of the pack (IAM004, IAM005, IAM010), on hand-written subjects. */
import { checkSubject, lintTrustPolicy, runRule, trustPolicySize, type LintSubject, type Rule } from '../src/lint';
import { iam004 } from '../src/lint/rules/iam-004-trust-policy-size';
import { iam005 } from '../src/lint/rules/iam-005-managed-policies-per-role';
import { iam010 } from '../src/lint/rules/iam-010-one-provider-per-url';
import { trust012 } from '../src/lint/rules/trust-012-action-fits-principal';
import { trust013 } from '../src/lint/rules/trust-013-resource-or-open-principal';
import { trust014 } from '../src/lint/rules/trust-014-account-root-trust';
import { trust015 } from '../src/lint/rules/trust-015-cross-account-without-external-id';
import { trust016 } from '../src/lint/rules/trust-016-github-subject-without-repo';
import { trust017 } from '../src/lint/rules/trust-017-access-key-fallback';
import { trust018 } from '../src/lint/rules/trust-018-terraform-interpolation';
import { awsTrust, describeRule, eksTrust, EKS, EKS_ARN, GITHUB, githubTrust, identityPolicy, statement, trustPolicy } from './helpers/rule-harness';

const ROLE_333 = 'arn:aws:iam::333333333333:role/airflow';
const ROLE_999 = 'arn:aws:iam::999999999999:role/vendor';
const SAML_ARN = 'arn:aws:iam::111111111111:saml-provider/corp';

describeRule(trust012, {
  failing: [
    {
      name: 'an OIDC provider given sts:AssumeRole',
      subject: trustPolicy([
        statement({
          Action: 'sts:AssumeRole',
          Principal: { Federated: EKS_ARN },
          Condition: { StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com', [`${EKS}:sub`]: 'system:serviceaccount:ns:sa' } },
        }),
      ]),
      expected: [
        { level: 'error', message: `action "sts:AssumeRole" does not fit Federated principal "${EKS_ARN}", which needs exactly sts:AssumeRoleWithWebIdentity` },
        { level: 'error', message: `Federated principal "${EKS_ARN}" is not given sts:AssumeRoleWithWebIdentity, so it cannot assume the role` },
      ],
    },
    {
      name: 'an AWS principal given sts:*',
      subject: trustPolicy([statement({ Action: ['sts:*'], Principal: { AWS: ROLE_333 } })]),
      expected: [
        { level: 'error', message: `action "sts:*" does not fit AWS principal "${ROLE_333}", which needs exactly sts:AssumeRole` },
        { level: 'error', message: `AWS principal "${ROLE_333}" is not given sts:AssumeRole, so it cannot assume the role` },
      ],
    },
    {
      name: 'NotAction',
      subject: trustPolicy([statement({ NotAction: 'iam:*', Principal: { AWS: ROLE_333 } })]),
      expected: [{ level: 'error', message: 'NotAction in a trust policy allows every action but the listed ones' }],
    },
  ],
  passing: [
    { name: 'an OIDC trust with AssumeRoleWithWebIdentity', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    {
      name: 'an AWS role with AssumeRole and TagSession',
      subject: trustPolicy([awsTrust(ROLE_333, { Action: ['sts:AssumeRole', 'sts:TagSession'] })]),
      status: 'compliant',
    },
    {
      name: 'a SAML provider with AssumeRoleWithSAML',
      subject: trustPolicy([statement({ Action: 'sts:AssumeRoleWithSAML', Principal: { Federated: SAML_ARN } })]),
      status: 'compliant',
    },
    {
      name: 'a service and a role sharing sts:AssumeRole',
      subject: trustPolicy([statement({ Action: 'sts:AssumeRole', Principal: { AWS: ROLE_333, Service: 's3.amazonaws.com' } })]),
      status: 'compliant',
    },
  ],
});

const ORG = 'o-a1b2c3d4e5';
describeRule(trust013, {
  failing: [
    {
      name: 'Principal "*"',
      subject: trustPolicy([statement({ Action: 'sts:AssumeRole', Principal: '*' })]),
      expected: [{ level: 'error', message: 'Principal "*" lets every AWS principal try to assume the role' }],
    },
    {
      name: 'AWS: "*"',
      subject: trustPolicy([awsTrust('*')]),
      expected: [{ level: 'error', message: 'Principal AWS: "*" lets every principal of that kind try to assume the role' }],
    },
    ...(
      [
        ['with StringEqualsIfExists aws:PrincipalOrgID (true for a caller in no organization)', { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } }],
        ['with a StringLike organization pattern', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }],
        ['with StringEquals on a wildcard organization id', { StringEquals: { 'aws:PrincipalOrgID': 'o-*' } }],
        ['with ForAnyValue:StringEquals aws:PrincipalOrgID', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ORG } }],
        ['with StringNotEquals aws:PrincipalOrgID', { StringNotEquals: { 'aws:PrincipalOrgID': ORG } }],
        ['with aws:PrincipalOrgPaths only', { StringEquals: { 'aws:PrincipalOrgPaths': `${ORG}/r-ab12/` } }],
        ['with aws:SourceAccount only', { StringEquals: { 'aws:SourceAccount': '111111111111' } }],
      ] as const
    ).map(([name, Condition]) => ({
      name: `AWS: "*" ${name}`,
      subject: trustPolicy([awsTrust('*', { Condition })]),
      expected: [{ level: 'error' as const, message: 'Principal AWS: "*" lets every principal of that kind try to assume the role' }],
    })),
    {
      name: 'AWS: ["*", a role] pinned to an organization: not exactly the organisation-wide form',
      subject: trustPolicy([awsTrust(['*', ROLE_333], { Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } })]),
      expected: [{ level: 'error', message: 'Principal AWS: "*" lets every principal of that kind try to assume the role' }],
    },
    {
      name: 'Resource',
      subject: trustPolicy([awsTrust(ROLE_333, { Resource: '*' })]),
      expected: [{ level: 'error', message: 'a trust policy statement has "Resource": IAM rejects it, since the role itself is the resource' }],
    },
    {
      name: 'NotPrincipal',
      subject: trustPolicy([statement({ Action: 'sts:AssumeRole', NotPrincipal: { AWS: ROLE_333 } })]),
      expected: [{ level: 'error', message: '"NotPrincipal" trusts every principal except the listed ones' }],
    },
  ],
  passing: [
    { name: 'a named role', subject: trustPolicy([awsTrust(ROLE_333)]), status: 'compliant' },
    {
      name: 'organisation-wide trust: AWS "*" with StringEquals aws:PrincipalOrgID',
      subject: trustPolicy([awsTrust('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } })]),
      status: 'compliant',
    },
    {
      name: 'organisation-wide trust with two organizations',
      subject: trustPolicy([awsTrust('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': [ORG, 'o-zyxwvutsrq'] } } })]),
      status: 'compliant',
    },
    {
      name: 'Principal "*" in a Deny',
      subject: trustPolicy([
        awsTrust(ROLE_333),
        statement({ Effect: 'Deny', Action: 'sts:AssumeRole', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
      status: 'compliant',
    },
  ],
});

describeRule(trust014, {
  failing: [
    {
      name: 'an account root',
      subject: trustPolicy([awsTrust('arn:aws:iam::222222222222:root')]),
      expected: [
        {
          level: 'warning',
          message:
            'principal "arn:aws:iam::222222222222:root" trusts all of account 222222222222: any of its principals that its own policies allow can assume the role',
          fix: 'name the role that needs access: arn:aws:iam::222222222222:role/<name>',
        },
      ],
    },
    {
      name: 'a bare account id',
      subject: trustPolicy([awsTrust('222222222222')]),
      expected: [
        {
          level: 'warning',
          message: 'principal "222222222222" trusts all of account 222222222222: any of its principals that its own policies allow can assume the role',
        },
      ],
    },
  ],
  passing: [
    { name: 'a named role', subject: trustPolicy([awsTrust(ROLE_333)]), status: 'compliant' },
    { name: 'no AWS principal', subject: trustPolicy([eksTrust()]), status: 'not-applicable' },
  ],
});

const ROOT_333 = 'arn:aws:iam::333333333333:root';
const inAccount111 = { accountId: '111111111111', ownAccountIds: ['111111111111', '333333333333'] };
describeRule(trust015, {
  failing: [
    {
      name: 'the root of your own other account (warning)',
      subject: trustPolicy([awsTrust(ROOT_333)], inAccount111),
      expected: [
        { level: 'warning', message: `cross-account sts:AssumeRole from your account 333333333333 ("${ROOT_333}") requires neither sts:ExternalId nor MFA` },
      ],
    },
    {
      name: 'a third-party role (error)',
      subject: trustPolicy([awsTrust(ROLE_999)], inAccount111),
      expected: [
        {
          level: 'error',
          message: `cross-account sts:AssumeRole from third-party account 999999999999 ("${ROLE_999}") requires neither sts:ExternalId nor MFA: nothing guards against the confused deputy`,
        },
      ],
    },
    {
      name: 'an ExternalId under StringLike (not StringEquals)',
      subject: trustPolicy([awsTrust(ROLE_999, { Condition: { StringLike: { 'sts:ExternalId': 'abc*' } } })], inAccount111),
      expected: [
        {
          level: 'error',
          message: `cross-account sts:AssumeRole from third-party account 999999999999 ("${ROLE_999}") requires neither sts:ExternalId nor MFA: nothing guards against the confused deputy`,
        },
      ],
    },
    {
      name: 'MFA with BoolIfExists (true when the key is absent)',
      subject: trustPolicy([awsTrust(ROOT_333, { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } })], inAccount111),
      expected: [
        { level: 'warning', message: `cross-account sts:AssumeRole from your account 333333333333 ("${ROOT_333}") requires neither sts:ExternalId nor MFA` },
      ],
    },
  ],
  passing: [
    {
      name: 'a third party with StringEquals sts:ExternalId',
      subject: trustPolicy([awsTrust(ROLE_999, { Condition: { StringEquals: { 'sts:ExternalId': 'a-shared-secret' } } })], inAccount111),
      status: 'compliant',
    },
    {
      name: 'MFA required',
      subject: trustPolicy([awsTrust(ROOT_333, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })], inAccount111),
      status: 'compliant',
    },
    // Issue 11: a specific role of a spec account is not a confused deputy, and the spec writes its grant: no finding.
    { name: 'a specific role of your own other account', subject: trustPolicy([awsTrust(ROLE_333)], inAccount111), status: 'compliant' },
    { name: 'a role of the same account', subject: trustPolicy([awsTrust('arn:aws:iam::111111111111:role/x')], inAccount111), status: 'not-applicable' },
  ],
});

describeRule(trust016, {
  failing: [
    {
      name: 'environment:prod',
      subject: trustPolicy([githubTrust('environment:prod', 'StringEquals')]),
      expected: [
        {
          level: 'error',
          message:
            'GitHub subject "environment:prod" starts with "environment:" instead of "repo:<org>/<repo>": every repository with that environment matches, of any owner',
          fix: 'write "repo:<org>/<repo>:environment:prod" (a subject template that starts with repo:, repository:, repository_id:, workflow_ref:)',
        },
      ],
    },
    {
      name: 'ref:refs/heads/main',
      subject: trustPolicy([githubTrust('ref:refs/heads/main', 'StringEquals')]),
      expected: [
        {
          level: 'error',
          message:
            'GitHub subject "ref:refs/heads/main" starts with "ref:" instead of "repo:<org>/<repo>": every repository with that ref matches, of any owner',
        },
      ],
    },
  ],
  passing: [
    { name: 'repo:org/app:environment:prod', subject: trustPolicy([githubTrust('repo:my-org/app:environment:prod', 'StringEquals')]), status: 'compliant' },
    { name: 'an EKS subject', subject: trustPolicy([eksTrust()]), status: 'not-applicable' },
  ],
});

describeRule(trust017, {
  failing: [
    {
      name: 'an access key without a PGP key',
      subject: { kind: 'iam-user-access-key', user: { userName: 'airflow-legacy' } },
      expected: [{ level: 'warning', message: 'access key of IAM user "airflow-legacy": the secret access key lands in the Terraform state in plain text' }],
    },
  ],
  passing: [
    {
      name: 'an access key encrypted with a PGP key',
      subject: { kind: 'iam-user-access-key', user: { userName: 'airflow-legacy', pgpKey: 'keybase:ops' } },
      status: 'compliant',
    },
    { name: 'a trust policy', subject: trustPolicy([eksTrust()]), status: 'not-applicable' },
  ],
});

const role = (over: Partial<Extract<LintSubject, { kind: 'role' }>['role']> = {}): Extract<LintSubject, { kind: 'role' }>['role'] => ({
  name: 'r',
  path: '/',
  tags: {},
  managedPolicyArns: [],
  ...over,
});

describeRule(trust018, {
  failing: [
    {
      name: 'an IAM policy variable written ${aws:username} in a policy (info: IAM gets it as typed)',
      subject: identityPolicy([statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' })]),
      expected: [
        {
          level: 'info',
          message: '"arn:aws:s3:::b/${aws:username}/*" has "${": written escaped, so Terraform passes it to AWS as typed',
          fix: 'nothing to do if AWS should get the value as typed',
        },
      ],
    },
    {
      name: 'a template directive in a role description (info)',
      subject: { kind: 'role', role: role({ description: 'made by %{ if x }' }) },
      expected: [{ level: 'info', message: '"made by %{ if x }" has "%{": written escaped, so Terraform passes it to AWS as typed' }],
    },
    {
      name: '%${ and $%{, which Terraform does not read as escapes (info)',
      subject: { kind: 'role', role: role({ tags: { team: 'a%${x}', owner: 'b$%{y}' } }) },
      expected: [
        { level: 'info', message: '"a%${x}" has "${": written escaped, so Terraform passes it to AWS as typed' },
        { level: 'info', message: '"b$%{y}" has "%{": written escaped, so Terraform passes it to AWS as typed' },
      ],
    },
    {
      name: 'the old escape $${ in a client id (warning: AWS gets both "$")',
      subject: { kind: 'oidc-provider', provider: { issuer: 'i', url: 'https://example.com', clientIds: ['$${x}'], thumbprints: [] } },
      expected: [
        {
          level: 'warning',
          message: '"$${x}" has "$${": AWS gets it as typed, with both "$" (the generator escapes every value for Terraform)',
          fix: 'write "${" if AWS should get "${"',
        },
      ],
    },
    {
      name: 'the old escape %%{ in a PGP key (warning)',
      subject: { kind: 'iam-user-access-key', user: { userName: 'u', pgpKey: 'keybase:%%{x}' } },
      expected: [
        {
          level: 'warning',
          message: '"keybase:%%{x}" has "%%{": AWS gets it as typed, with both "%" (the generator escapes every value for Terraform)',
          fix: 'write "%{" if AWS should get "%{"',
        },
      ],
    },
    {
      name: 'a policy variable written &{aws:username} in a resource (warning: the provider writes it as ${)',
      subject: identityPolicy([statement({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/&{aws:username}/*' })]),
      expected: [
        {
          level: 'warning',
          message:
            '"arn:aws:s3:::b/&{aws:username}/*" has "&{": the AWS provider\'s policy document writes it as "${", so IAM gets "arn:aws:s3:::b/${aws:username}/*"',
          fix: 'write "${" (an IAM policy variable as ${aws:username}): the generator escapes it, and IAM gets it as typed',
        },
      ],
    },
  ],
  passing: [
    {
      name: '&{ in an action, which the provider leaves as it is',
      subject: identityPolicy([statement({ Action: 's3:Get&{x}', Resource: '*' })]),
      status: 'compliant',
    },
    { name: 'a plain role', subject: { kind: 'role', role: role({ description: 'costs $5 {per month}' }) }, status: 'compliant' },
    { name: 'an account', subject: { kind: 'account', account: { name: 'a', id: '111111111111', oidcProviders: [] } }, status: 'not-applicable' },
  ],
});

/** A trust policy of exactly `size` non-whitespace characters, grown by padding one subject. */
function trustOfSize(size: number): LintSubject {
  const policy = (sa: string) => ({ Version: '2012-10-17', Statement: [eksTrust(`system:serviceaccount:ns:${sa}`)] });
  const padded = 'a'.repeat(size - trustPolicySize(policy('')));
  expect(trustPolicySize(policy(padded))).toBe(size);
  return trustPolicy([eksTrust(`system:serviceaccount:ns:${padded}`)]);
}

describeRule(iam004, {
  failing: [
    {
      name: '2049 characters (default quota 2048)',
      subject: trustOfSize(2049),
      expected: [
        {
          level: 'error',
          message: "the trust policy has 2049 non-whitespace characters; the account's quota is 2048",
          fix: 'split the trusted principals across roles, or raise the quota with AWS and set limits.trustPolicySize on the account (up to 8192)',
        },
      ],
    },
    {
      name: '8193 characters with the quota raised to 8192',
      subject: { ...trustOfSize(8193), context: { trustPolicySize: 8192 } } as LintSubject,
      expected: [
        {
          level: 'error',
          message: "the trust policy has 8193 non-whitespace characters; the account's quota is 8192",
          fix: 'split the trusted principals across roles',
        },
      ],
    },
    {
      name: 'many subjects: the fix suggests splitting them',
      subject: trustPolicy([eksTrust(Array.from({ length: 60 }, (_, i) => `system:serviceaccount:ns:service-account-${i}`))]),
      expected: [
        {
          level: 'error',
          message: "the trust policy has 3188 non-whitespace characters; the account's quota is 2048",
          fix: 'split its 60 subjects across roles (e.g. one role per environment or project), or raise the quota with AWS and set limits.trustPolicySize on the account (up to 8192)',
        },
      ],
    },
  ],
  passing: [
    { name: '2048 characters', subject: trustOfSize(2048), status: 'compliant' },
    {
      name: '8192 characters with the quota raised to 8192',
      subject: { ...trustOfSize(8192), context: { trustPolicySize: 8192 } } as LintSubject,
      status: 'compliant',
    },
    { name: 'a role', subject: { kind: 'role', role: role() }, status: 'not-applicable' },
  ],
});

describe('trustPolicySize', () => {
  it('counts non-whitespace characters, as IAM does', () => {
    expect(trustPolicySize('{ "a" : "b c" }')).toBe(10);
    expect(trustPolicySize({ a: 'b' })).toBe(JSON.stringify({ a: 'b' }).length);
  });
});

const policies = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
describeRule(iam005, {
  failing: [
    {
      name: '11 managed policies (default quota 10)',
      subject: { kind: 'role', role: role({ managedPolicyArns: policies(11) }) },
      expected: [{ level: 'error', message: `role "r" has 11 managed policies; the account's quota is 10` }],
    },
    {
      name: '13 managed policies with the quota raised to 12',
      subject: { kind: 'role', role: role({ managedPolicyArns: policies(13) }), managedPoliciesPerRole: 12 },
      expected: [{ level: 'error', message: `role "r" has 13 managed policies; the account's quota is 12` }],
    },
  ],
  passing: [
    { name: '10 managed policies', subject: { kind: 'role', role: role({ managedPolicyArns: policies(10) }) }, status: 'compliant' },
    {
      name: '12 managed policies with the quota raised to 12',
      subject: { kind: 'role', role: role({ managedPolicyArns: policies(12) }), managedPoliciesPerRole: 12 },
      status: 'compliant',
    },
  ],
});

const URL_A = 'https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA';
describeRule(iam010, {
  failing: [
    {
      name: 'two issuers with one URL, created in one account',
      subject: {
        kind: 'account',
        account: {
          name: 'data-lake',
          id: '222222222222',
          oidcProviders: [
            { issuer: 'cluster', url: URL_A, mode: 'create' },
            { issuer: 'cluster-again', url: URL_A, mode: 'create' },
          ],
        },
      },
      expected: [
        {
          level: 'error',
          message: `issuers "cluster", "cluster-again" have the same URL ${URL_A}; account "data-lake" can hold one OIDC provider per URL`,
          fix: 'declare the issuer once and name "cluster" in every trust entry',
        },
      ],
    },
  ],
  passing: [
    {
      name: 'two issuers with different URLs',
      subject: {
        kind: 'account',
        account: {
          name: 'a',
          id: '222222222222',
          oidcProviders: [
            { issuer: 'a', url: URL_A, mode: 'create' },
            { issuer: 'b', url: `${URL_A}B`, mode: 'create' },
          ],
        },
      },
      status: 'compliant',
    },
    {
      name: 'two names for one existing provider (nothing is created)',
      subject: {
        kind: 'account',
        account: {
          name: 'a',
          id: '222222222222',
          oidcProviders: [
            { issuer: 'a', url: URL_A, mode: 'existing' },
            { issuer: 'b', url: URL_A, mode: 'existing' },
          ],
        },
      },
      status: 'compliant',
    },
  ],
});

describe('a rule that throws', () => {
  const broken: Rule = {
    id: 'TRUST999',
    level: 'error',
    name: 'broken',
    explanation: 'a rule that throws, to test the runner',
    fix: 'none',
    check: () => {
      throw new TypeError('boom');
    },
  };

  it('is reported as a finding of that rule, at its level, not as a crash', () => {
    const result = runRule(broken, trustPolicy([eksTrust()]));
    expect(result).toEqual({
      status: 'non-compliant',
      findings: [
        {
          message: 'rule TRUST999 could not check this trust-policy (TypeError: boom), so it is reported as failing',
          fix: 'correct the trust-policy, or, if it is valid, report the rule failure; suppress TRUST999 with a reason to go on meanwhile',
        },
      ],
    });
    expect(checkSubject(trustPolicy([eksTrust()]), [broken]).map((r) => [r.ruleId, r.level])).toEqual([['TRUST999', 'error']]);
  });

  it('turns unparseable JSON text into findings of the rules, without throwing', () => {
    const results = lintTrustPolicy('{ not json');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.message.includes('could not check this trust-policy (SyntaxError'))).toBe(true);
  });

  it('reads IAM JSON given as text, one statement as an object', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: EKS_ARN } },
    });
    expect(lintTrustPolicy(text).map((r) => r.ruleId)).toEqual(['TRUST001']);
  });
});

describe('GitHub Actions trust, as a later preset will write it', () => {
  it('passes with aud pinned and a repository subject', () => {
    expect(lintTrustPolicy({ Version: '2012-10-17', Statement: [githubTrust('repo:my-org/app:environment:prod', 'StringEquals')] })).toEqual([]);
  });

  it('reports a missing sub and a missing aud at once, when only the owner is pinned', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        statement({
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${GITHUB}` },
          Condition: { StringEquals: { [`${GITHUB}:repository_owner`]: 'my-org' } },
        }),
      ],
    };
    // And repository_owner (the name) is no key STS accepts for GitHub: the condition alone is never met (TRUST023).
    expect(lintTrustPolicy(policy).map((r) => r.ruleId)).toEqual(['TRUST002', 'TRUST003', 'TRUST023']);
  });
});
