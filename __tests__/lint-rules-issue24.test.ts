/**
 * Issue 24 item 6, the gaps a peer's OIDC trust fixtures showed: TRUST016 as
 * an allow-list of the claims a GitHub `sub` may start with, a GitHub `sub`
 * GitHub never sends (TRUST026), a wildcard inside the repository name
 * (TRUST027), a wildcard `aud` that pins nothing (TRUST002), a `sub` key of
 * another issuer (TRUST003's message), and an `aud` the provider does not list
 * (TRUST028), on hand-written IAM JSON.
 */
import { trust002 } from '../src/lint/rules/trust-002-missing-audience';
import { trust003 } from '../src/lint/rules/trust-003-missing-subject';
import { trust016 } from '../src/lint/rules/trust-016-github-subject-without-repo';
import { trust026 } from '../src/lint/rules/trust-026-github-subject-never-sent';
import { trust027 } from '../src/lint/rules/trust-027-github-repository-pattern';
import { trust028 } from '../src/lint/rules/trust-028-audience-not-a-client-id';
import { describeRule, EKS, EKS_ARN, GITHUB, GITHUB_ARN, githubTrust, trustPolicy, webIdentity } from './helpers/rule-harness';

const KEY = `${GITHUB}:sub`;
const AT = (op: string) => `Statement[0].Condition.${op}`;
const notRepo = (sub: string, claim: string) => ({
  level: 'error' as const,
  message: `GitHub subject "${sub}" starts with "${claim}:" instead of "repo:<org>/<repo>": every repository with that ${claim} matches, of any owner`,
});

describeRule(trust016, {
  failing: [
    {
      name: 'ref_type:branch:ref:... (a template without the repository)',
      subject: trustPolicy([githubTrust('ref_type:branch:ref:refs/heads/main', 'StringEquals')]),
      expected: [notRepo('ref_type:branch:ref:refs/heads/main', 'ref_type')],
    },
    { name: 'actor:octocat', subject: trustPolicy([githubTrust('actor:octocat', 'StringEquals')]), expected: [notRepo('actor:octocat', 'actor')] },
    {
      name: 'job_workflow_ref:... (any repository that calls the reusable workflow)',
      subject: trustPolicy([githubTrust('job_workflow_ref:octo-org/shared/.github/workflows/deploy.yml@refs/heads/main', 'StringEquals')]),
      expected: [notRepo('job_workflow_ref:octo-org/shared/.github/workflows/deploy.yml@refs/heads/main', 'job_workflow_ref')],
    },
    {
      name: 'a claim GitHub does not list, claim:value shaped',
      subject: trustPolicy([githubTrust('team:platform', 'StringEquals')]),
      expected: [notRepo('team:platform', 'team')],
    },
    {
      name: 'pull_request alone (a context-only template)',
      subject: trustPolicy([githubTrust('pull_request', 'StringEquals')]),
      expected: [notRepo('pull_request', 'pull_request')],
    },
    {
      name: 'repository_owner:octo-org (organisation-wide: a warning)',
      subject: trustPolicy([githubTrust('repository_owner:octo-org', 'StringEquals')]),
      expected: [
        {
          level: 'warning',
          message: `GitHub subject "repository_owner:octo-org" on "${KEY}" starts with "repository_owner:": every repository of that owner, including ones created later, can assume the role`,
        },
      ],
    },
    {
      name: 'repository_owner_id:1234567:* (a warning)',
      subject: trustPolicy([githubTrust('repository_owner_id:1234567:*')]),
      expected: [
        {
          level: 'warning',
          message: `GitHub subject "repository_owner_id:1234567:*" on "${KEY}" starts with "repository_owner_id:": every repository of that owner, including ones created later, can assume the role`,
        },
      ],
    },
    {
      name: 'a pattern in the first claim name',
      subject: trustPolicy([githubTrust('re*:octo-org/app:ref:refs/heads/main')]),
      expected: [
        {
          level: 'error',
          message: `GitHub subject "re*:octo-org/app:ref:refs/heads/main" on "${KEY}" has a pattern in its first claim "re*": it matches subjects that start with any claim, not only the repository`,
        },
      ],
    },
  ],
  passing: [
    ...[
      'repo:octo-org/app:ref:refs/heads/main',
      'repo:octo-org@1234567/app@89012345:environment:prod',
      'repository:octo-org/app:environment:prod',
      'repository_id:89012345:ref:refs/heads/main',
      'workflow_ref:octo-org/app/.github/workflows/deploy.yml@refs/heads/main',
    ].map((sub) => ({
      name: sub,
      subject: trustPolicy([githubTrust(sub, 'StringEquals')]),
      status: 'compliant' as const,
    })),
    {
      name: 'a negated sub condition (TRUST010 judges it)',
      subject: trustPolicy([
        webIdentity(GITHUB_ARN, ['StringEquals', `${GITHUB}:sub`, 'repo:o/r:ref:refs/heads/main'], ['StringNotEquals', `${GITHUB}:sub`, 'environment:dev']),
      ]),
      status: 'compliant',
    },
    { name: 'a bare wildcard (TRUST004 judges it)', subject: trustPolicy([githubTrust('*:x')]), status: 'compliant' },
    { name: 'a value GitHub never sends (TRUST026 judges it)', subject: trustPolicy([githubTrust('invalid', 'StringEquals')]), status: 'compliant' },
    { name: 'an EKS subject', subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'actor:x'])]), status: 'not-applicable' },
  ],
});

const neverSent = (op: string, sub: string) => ({
  level: 'error' as const,
  message: `${op} value "${sub}" on "${KEY}" is not a subject GitHub sends (claim:value pairs, such as repo:<org>/<repo>:ref:refs/heads/main): no token matches it, so the value lets no workload in`,
});

describeRule(trust026, {
  failing: [
    { name: 'StringEquals "invalid"', subject: trustPolicy([githubTrust('invalid', 'StringEquals')]), expected: [neverSent('StringEquals', 'invalid')] },
    {
      name: 'StringLike "invalid" (no wildcard: also a TRUST008 info)',
      subject: trustPolicy([githubTrust('invalid', 'StringLike')]),
      expected: [neverSent('StringLike', 'invalid')],
    },
    {
      name: 'the repository without its claim',
      subject: trustPolicy([githubTrust('octo-org/app:ref:refs/heads/main', 'StringEquals')]),
      expected: [neverSent('StringEquals', 'octo-org/app:ref:refs/heads/main')],
    },
    { name: 'a pattern that no claim name starts like', subject: trustPolicy([githubTrust('octo-org/*')]), expected: [neverSent('StringLike', 'octo-org/*')] },
    {
      name: 'one bad value next to a good one',
      subject: trustPolicy([
        webIdentity(GITHUB_ARN, ['StringEquals', KEY, ['repo:o/r:ref:refs/heads/main', 'repo/o/r']], ['StringEquals', `${GITHUB}:aud`, 'sts.amazonaws.com']),
      ]),
      expected: [neverSent('StringEquals', 'repo/o/r')],
    },
  ],
  passing: [
    { name: 'the default subject', subject: trustPolicy([githubTrust('repo:o/r:ref:refs/heads/main', 'StringEquals')]), status: 'compliant' },
    { name: 'pull_request alone', subject: trustPolicy([githubTrust('pull_request', 'StringEquals')]), status: 'compliant' },
    { name: 'a pattern that a claim may start', subject: trustPolicy([githubTrust('rep*')]), status: 'compliant' },
    { name: 'an EKS issuer', subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'invalid'])]), status: 'not-applicable' },
  ],
});

describeRule(trust027, {
  failing: [
    {
      name: 'repo:org/name* (every repository with the prefix, any ref)',
      subject: trustPolicy([githubTrust('repo:octo-org/app*')]),
      expected: [
        {
          level: 'warning',
          message: `subject "repo:octo-org/app*" on "${KEY}" has a wildcard inside the repository name "app*": every repository of "octo-org" whose name matches it can assume the role, including ones created later`,
        },
      ],
    },
    {
      name: 'repo:org/nam?:* ',
      subject: trustPolicy([githubTrust('repo:octo-org/ap?:*')]),
      expected: [
        {
          level: 'warning',
          message: `subject "repo:octo-org/ap?:*" on "${KEY}" has a wildcard inside the repository name "ap?": every repository of "octo-org" whose name matches it can assume the role, including ones created later`,
        },
      ],
    },
  ],
  passing: [
    { name: 'repo:org/app:* (TRUST005 judges every ref)', subject: trustPolicy([githubTrust('repo:octo-org/app:*')]), status: 'compliant' },
    { name: 'repo:org/* (TRUST005 judges the organization)', subject: trustPolicy([githubTrust('repo:octo-org/*')]), status: 'compliant' },
    { name: 'a branch pattern', subject: trustPolicy([githubTrust('repo:octo-org/app:ref:refs/heads/release-*')]), status: 'compliant' },
  ],
});

describeRule(trust002, {
  failing: [
    {
      name: 'StringLike aud "*"',
      subject: trustPolicy([webIdentity(GITHUB_ARN, ['StringEquals', KEY, 'repo:o/r:ref:refs/heads/main'], ['StringLike', `${GITHUB}:aud`, '*'])]),
      expected: [
        {
          level: 'error',
          message: `the condition on "${GITHUB}:aud" is StringLike "*", which pins no audience: tokens the issuer mints for any other audience are accepted`,
        },
      ],
    },
    {
      name: 'StringLike aud ["sts.amazonaws.com", "**"] (the values are ORed)',
      subject: trustPolicy([
        webIdentity(GITHUB_ARN, ['StringEquals', KEY, 'repo:o/r:ref:refs/heads/main'], ['StringLike', `${GITHUB}:aud`, ['sts.amazonaws.com', '**']]),
      ]),
      expected: [
        {
          level: 'error',
          message: `the condition on "${GITHUB}:aud" is StringLike "**", which pins no audience: tokens the issuer mints for any other audience are accepted`,
        },
      ],
    },
  ],
  passing: [
    {
      name: 'StringLike aud with a pinned prefix',
      subject: trustPolicy([
        webIdentity(GITHUB_ARN, ['StringEquals', KEY, 'repo:o/r:ref:refs/heads/main'], ['StringLike', `${GITHUB}:aud`, 'sts.amazonaws.*']),
      ]),
      status: 'compliant',
    },
    { name: 'StringEquals aud', subject: trustPolicy([githubTrust('repo:o/r:ref:refs/heads/main', 'StringEquals')]), status: 'compliant' },
  ],
});

describeRule(trust003, {
  failing: [
    {
      name: 'a sub key of another issuer: nobody can assume, not everybody',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', KEY, 'repo:o/r:ref:refs/heads/main'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${EKS}:sub": the subject is tested on "${KEY}", a key of another issuer that "${EKS}" tokens never carry, so no one can assume the role through this statement`,
        },
      ],
    },
    {
      name: 'a negated sub key of another issuer (absent, so it holds): every workload',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringNotEquals', KEY, 'x'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com'])]),
      expected: [{ level: 'error', message: `no condition on "${EKS}:sub": every workload the issuer serves can assume the role` }],
    },
  ],
  passing: [
    {
      name: 'its own sub key',
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'system:serviceaccount:a:b'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      status: 'compliant',
    },
  ],
});

const withClientIds = (clientIds: string[], aud: string | string[], op = 'StringEquals') =>
  trustPolicy([webIdentity(GITHUB_ARN, ['StringEquals', KEY, 'repo:o/r:ref:refs/heads/main'], [op, `${GITHUB}:aud`, aud])], {
    providers: [{ arn: GITHUB_ARN, host: GITHUB, clientIds }],
  });

describeRule(trust028, {
  failing: [
    {
      name: 'the only aud is not a client id: nobody gets in (error)',
      subject: withClientIds(['sts.amazonaws.com'], 'https://github.com/octo-org'),
      expected: [
        {
          level: 'error',
          message: `aud "https://github.com/octo-org" on "${GITHUB}:aud" is not a client id of the OIDC provider ("sts.amazonaws.com"): STS refuses such tokens, so no one can assume the role through this statement`,
        },
      ],
    },
    {
      name: 'one of two aud values is not a client id (warning)',
      subject: withClientIds(['sts.amazonaws.com'], ['sts.amazonaws.com', 'aws-prod']),
      expected: [
        {
          level: 'warning',
          message: `aud "aws-prod" on "${GITHUB}:aud" is not a client id of the OIDC provider ("sts.amazonaws.com"): STS refuses such tokens, so the value lets no one in`,
        },
      ],
    },
    {
      name: 'a StringLike aud that no client id matches',
      subject: withClientIds(['sts.amazonaws.com'], 'aws-*', 'StringLike'),
      expected: [
        {
          level: 'error',
          message: `aud "aws-*" on "${GITHUB}:aud" is not a client id of the OIDC provider ("sts.amazonaws.com"): STS refuses such tokens, so no one can assume the role through this statement`,
        },
      ],
    },
  ],
  passing: [
    { name: 'aud is a client id', subject: withClientIds(['sts.amazonaws.com', 'aws-prod'], 'aws-prod'), status: 'compliant' },
    { name: 'a StringLike aud that a client id matches', subject: withClientIds(['sts.amazonaws.com'], 'sts.*', 'StringLike'), status: 'compliant' },
    {
      name: 'client ids not known (bare IAM JSON)',
      subject: trustPolicy([githubTrust('repo:o/r:ref:refs/heads/main', 'StringEquals')]),
      status: 'not-applicable',
    },
  ],
});

test('GIVEN the findings THEN each is placed on the sub condition it is about', () => {
  const r = trust026.check(trustPolicy([githubTrust('invalid', 'StringEquals')]));
  expect(r.status === 'non-compliant' && r.findings.map((f) => [f.at, f.statement])).toEqual([[AT('StringEquals'), 0]]);
});
