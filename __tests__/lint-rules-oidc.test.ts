/** TRUST001-TRUST011: the OIDC rules, on hand-written IAM JSON. */
import { trust001 } from '../src/lint/rules/trust-001-oidc-no-condition';
import { trust002 } from '../src/lint/rules/trust-002-missing-audience';
import { trust003 } from '../src/lint/rules/trust-003-missing-subject';
import { trust004 } from '../src/lint/rules/trust-004-bare-wildcard-subject';
import { trust005 } from '../src/lint/rules/trust-005-broad-subject';
import { trust006 } from '../src/lint/rules/trust-006-environment-wildcard';
import { trust007 } from '../src/lint/rules/trust-007-wildcard-in-string-equals';
import { trust008 } from '../src/lint/rules/trust-008-string-like-without-wildcard';
import { trust009 } from '../src/lint/rules/trust-009-set-operator-on-single-valued-claim';
import { trust010 } from '../src/lint/rules/trust-010-negated-or-if-exists-on-claim';
import { trust011 } from '../src/lint/rules/trust-011-condition-key-prefix';
import {
  awsTrust,
  COGNITO,
  describeRule,
  eksTrust,
  EKS,
  EKS_ARN,
  GITHUB,
  GITHUB_ARN,
  githubTrust,
  GOOGLE,
  identityPolicy,
  statement,
  trustPolicy,
  webIdentity,
} from './helpers/rule-harness';

const UUID = '????????-????-????-????-????????????';

describeRule(trust001, {
  failing: [
    {
      name: 'an EKS provider with no Condition',
      subject: trustPolicy([webIdentity(EKS_ARN)]),
      expected: [{ level: 'error', message: `Federated principal "${EKS_ARN}" has no Condition: every token its issuer signs can assume the role` }],
    },
    {
      name: 'accounts.google.com with no Condition',
      subject: trustPolicy([webIdentity(GOOGLE)]),
      expected: [{ level: 'error', message: `Federated principal "${GOOGLE}" has no Condition: every token its issuer signs can assume the role` }],
    },
  ],
  passing: [
    { name: 'an EKS trust with aud and sub', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    { name: 'an AWS principal (no Federated principal)', subject: trustPolicy([awsTrust(`arn:aws:iam::111111111111:role/x`)]), status: 'not-applicable' },
  ],
});

describeRule(trust002, {
  failing: [
    {
      name: 'an EKS trust with only sub',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'system:serviceaccount:ns:sa'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${EKS}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${EKS}:aud" = "sts.amazonaws.com"`,
        },
      ],
    },
    {
      name: 'a GitHub trust with only sub',
      subject: trustPolicy([webIdentity(GITHUB_ARN, ['StringLike', `${GITHUB}:sub`, 'repo:org/app:*'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${GITHUB}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${GITHUB}:aud" = "sts.amazonaws.com"`,
        },
      ],
    },
    {
      name: 'a Cognito trust with only amr',
      subject: trustPolicy([webIdentity(COGNITO, ['ForAnyValue:StringLike', `${COGNITO}:amr`, 'authenticated'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${COGNITO}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${COGNITO}:aud" = "<identity pool id>"`,
        },
      ],
    },
    {
      name: 'a provider the model knows, whose audience is named in the fix',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'system:serviceaccount:ns:sa'])], {
        providers: [{ arn: EKS_ARN, host: EKS, audience: 'my-client' }],
      }),
      expected: [
        {
          level: 'error',
          message: `no condition on "${EKS}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${EKS}:aud" = "my-client"`,
        },
      ],
    },
  ],
  passing: [
    { name: 'an EKS trust with aud and sub', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    { name: 'a statement with no Condition at all (TRUST001 reports it)', subject: trustPolicy([webIdentity(EKS_ARN)]), status: 'not-applicable' },
    {
      name: 'accounts.google.com (TRUST003 checks its aud)',
      subject: trustPolicy([webIdentity(GOOGLE, ['StringEquals', `${GOOGLE}:sub`, '1234567890'])]),
      status: 'not-applicable',
    },
  ],
});

describeRule(trust003, {
  failing: [
    {
      name: 'an EKS trust with only aud',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${EKS}:sub": every workload the issuer serves can assume the role`,
          fix: `add StringEquals "${EKS}:sub" = "system:serviceaccount:<namespace>:<service-account>"`,
        },
      ],
    },
    {
      name: 'a GitHub trust with only aud',
      subject: trustPolicy([webIdentity(GITHUB_ARN, ['StringEquals', `${GITHUB}:aud`, 'sts.amazonaws.com'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${GITHUB}:sub": every workload the issuer serves can assume the role`,
          fix: `add StringEquals "${GITHUB}:sub" = "repo:<org>/<repo>:environment:<environment>"`,
        },
      ],
    },
    {
      name: 'accounts.google.com without aud',
      subject: trustPolicy([webIdentity(GOOGLE, ['StringEquals', `${GOOGLE}:sub`, '112233445566778899000'])]),
      expected: [{ level: 'error', message: `no condition on "${GOOGLE}:aud": any Google-signed token can assume the role` }],
    },
    {
      name: 'accounts.google.com with aud but no sub (a recommendation)',
      subject: trustPolicy([webIdentity(GOOGLE, ['StringEquals', `${GOOGLE}:aud`, '112233445566778899000'])]),
      expected: [
        {
          level: 'warning',
          message: `no condition on "${GOOGLE}:sub": recommended next to :aud, which falls back to the token's aud claim when it has no azp`,
        },
      ],
    },
  ],
  passing: [
    { name: 'an EKS trust with aud and sub', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    {
      name: 'accounts.google.com with aud and sub',
      subject: trustPolicy([
        webIdentity(GOOGLE, ['StringEquals', `${GOOGLE}:aud`, '112233445566778899000'], ['StringEquals', `${GOOGLE}:sub`, '112233445566778899000']),
      ]),
      status: 'compliant',
    },
    {
      name: 'Cognito, which pins the pool with aud',
      subject: trustPolicy([webIdentity(COGNITO, ['StringEquals', `${COGNITO}:aud`, 'eu-west-1:pool'])]),
      status: 'not-applicable',
    },
  ],
});

describeRule(trust004, {
  failing: [
    {
      name: '"*"',
      subject: trustPolicy([eksTrust('*', 'StringLike')]),
      expected: [{ level: 'error', message: `subject "*" on "${EKS}:sub" is a bare wildcard: it matches every token the issuer signs` }],
    },
    {
      name: 'system:serviceaccount:*',
      subject: trustPolicy([eksTrust('system:serviceaccount:*', 'StringLike')]),
      expected: [
        { level: 'error', message: `subject "system:serviceaccount:*" on "${EKS}:sub" is a bare wildcard: it matches every service account of the cluster` },
      ],
    },
    {
      name: 'system:serviceaccount:*:*',
      subject: trustPolicy([eksTrust('system:serviceaccount:*:*', 'StringLike')]),
      expected: [
        { level: 'error', message: `subject "system:serviceaccount:*:*" on "${EKS}:sub" is a bare wildcard: it matches every service account of the cluster` },
      ],
    },
    {
      name: 'system:* (the wildcard starts before the namespace)',
      subject: trustPolicy([eksTrust('system:*', 'StringLike')]),
      expected: [{ level: 'error', message: `subject "system:*" on "${EKS}:sub" is a bare wildcard: it matches every service account of the cluster` }],
    },
    {
      name: 'repo:*',
      subject: trustPolicy([githubTrust('repo:*')]),
      expected: [{ level: 'error', message: `subject "repo:*" on "${GITHUB}:sub" is a bare wildcard: it matches repositories of every GitHub organization` }],
    },
    {
      name: 'repo:*/app:* (any organization)',
      subject: trustPolicy([githubTrust('repo:*/app:*')]),
      expected: [
        { level: 'error', message: `subject "repo:*/app:*" on "${GITHUB}:sub" is a bare wildcard: it matches repositories of every GitHub organization` },
      ],
    },
    {
      name: 'a first segment that is only a wildcard',
      subject: trustPolicy([githubTrust('*:environment:prod')]),
      expected: [{ level: 'error', message: `subject "*:environment:prod" on "${GITHUB}:sub" is a bare wildcard: it matches any value in its first segment` }],
    },
  ],
  passing: [
    {
      name: 'the data-platform pattern of one environment',
      subject: trustPolicy([eksTrust(`system:serviceaccount:dev:sample-${UUID}`, 'StringLike')]),
      status: 'compliant',
    },
    { name: 'every ref of one repository', subject: trustPolicy([githubTrust('repo:my-org/app:*')]), status: 'compliant' },
    { name: 'a StringEquals subject (TRUST007 checks it)', subject: trustPolicy([eksTrust('*', 'StringEquals')]), status: 'not-applicable' },
  ],
});

describeRule(trust005, {
  failing: [
    {
      name: 'a whole namespace',
      subject: trustPolicy([eksTrust('system:serviceaccount:team:*', 'StringLike')]),
      expected: [
        {
          level: 'warning',
          message: `subject "system:serviceaccount:team:*" on "${EKS}:sub" lets every service account of namespace "team" assume the role`,
          fix: 'name the service account: system:serviceaccount:team:<service-account>',
        },
      ],
    },
    {
      name: 'a whole GitHub organization',
      subject: trustPolicy([githubTrust('repo:my-org/*')]),
      expected: [
        { level: 'warning', message: `subject "repo:my-org/*" on "${GITHUB}:sub" lets every repository of GitHub organization "my-org" assume the role` },
      ],
    },
  ],
  passing: [
    {
      name: 'a service-account prefix in one namespace',
      subject: trustPolicy([eksTrust('system:serviceaccount:team:app-*', 'StringLike')]),
      status: 'compliant',
    },
    { name: 'one branch of one repository', subject: trustPolicy([githubTrust('repo:my-org/app:ref:refs/heads/main')]), status: 'compliant' },
  ],
});

const allEnvironments = `system:serviceaccount:*:sample-${UUID}`;
describeRule(trust006, {
  failing: [
    {
      name: 'every environment, explicitly asked for (warning)',
      subject: trustPolicy([eksTrust(allEnvironments, 'StringLike')], { explicitSubjects: [allEnvironments] }),
      expected: [
        {
          level: 'warning',
          message: `subject "${allEnvironments}" on "${EKS}:sub" lets every environment assume the role, as asked for with allEnvironments: true`,
        },
      ],
    },
    {
      name: 'every environment, not asked for (error)',
      subject: trustPolicy([eksTrust(allEnvironments, 'StringLike')]),
      expected: [
        {
          level: 'error',
          message: `subject "${allEnvironments}" on "${EKS}:sub" lets service account "sample-${UUID}" of every namespace assume the role, and nothing asked for every environment`,
          fix: 'name the namespace (environment); for a data-platform project, allow every environment explicitly with allEnvironments: true',
        },
      ],
    },
  ],
  passing: [{ name: 'one environment', subject: trustPolicy([eksTrust(`system:serviceaccount:dev:sample-${UUID}`, 'StringLike')]), status: 'compliant' }],
});

describeRule(trust007, {
  failing: [
    {
      name: 'a wildcard in a StringEquals subject',
      subject: trustPolicy([eksTrust('system:serviceaccount:ns:*')]),
      expected: [
        {
          level: 'error',
          message: `StringEquals value "system:serviceaccount:ns:*" on "${EKS}:sub" contains "*": StringEquals compares literally, so the condition never matches`,
        },
      ],
    },
    {
      name: 'a "?" in an identity policy condition',
      subject: identityPolicy([statement({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringEquals: { 's3:prefix': 'home/?' } } })]),
      expected: [
        { level: 'error', message: 'StringEquals value "home/?" on "s3:prefix" contains "?": StringEquals compares literally, so the condition never matches' },
      ],
    },
  ],
  passing: [
    { name: 'exact values', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    {
      name: 'an escaped literal * (&{*})',
      subject: identityPolicy([statement({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringEquals: { 's3:prefix': 'a&{*}' } } })]),
      status: 'compliant',
    },
    {
      name: 'no StringEquals at all',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringLike', `${EKS}:sub`, 'system:serviceaccount:ns:*'])]),
      status: 'not-applicable',
    },
  ],
});

describeRule(trust008, {
  failing: [
    {
      name: 'StringLike with no wildcard',
      subject: trustPolicy([eksTrust('system:serviceaccount:ns:sa', 'StringLike')]),
      expected: [
        {
          level: 'info',
          message: `StringLike on "${EKS}:sub" has no wildcard in "system:serviceaccount:ns:sa": it is an exact match, so StringEquals applies`,
        },
      ],
    },
  ],
  passing: [
    { name: 'StringLike with a wildcard', subject: trustPolicy([eksTrust(`system:serviceaccount:ns:sa-${UUID}`, 'StringLike')]), status: 'compliant' },
    {
      name: 'StringLike next to a StringEquals on the same key (rewriting would merge them)',
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['StringLike', `${EKS}:sub`, 'a'], ['StringEquals', `${EKS}:sub`, 'b'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      status: 'compliant',
    },
    { name: 'no StringLike', subject: trustPolicy([eksTrust()]), status: 'not-applicable' },
  ],
});

describeRule(trust009, {
  failing: [
    {
      name: 'ForAllValues: on sub',
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['ForAllValues:StringEquals', `${EKS}:sub`, 'system:serviceaccount:ns:sa'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      expected: [
        {
          level: 'error',
          message: `ForAllValues:StringEquals on single-valued "${EKS}:sub": it is true when the key is absent, so a token without the claim passes`,
          fix: 'write StringEquals instead of ForAllValues:StringEquals',
        },
      ],
    },
    {
      name: 'ForAnyValue: on aud',
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'system:serviceaccount:ns:sa'], ['ForAnyValue:StringLike', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      expected: [
        {
          level: 'error',
          message: `ForAnyValue:StringLike on single-valued "${EKS}:aud": set operators are for multivalued keys; on a single-valued claim it only hides what is tested`,
        },
      ],
    },
  ],
  passing: [
    { name: 'plain operators', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    {
      name: 'ForAnyValue: on the multivalued Cognito amr',
      subject: trustPolicy([
        webIdentity(COGNITO, ['StringEquals', `${COGNITO}:aud`, 'eu-west-1:pool'], ['ForAnyValue:StringLike', `${COGNITO}:amr`, 'authenticated']),
      ]),
      status: 'compliant',
    },
  ],
});

describeRule(trust010, {
  failing: [
    {
      name: 'StringNotEquals on sub in an Allow',
      subject: trustPolicy([
        webIdentity(
          EKS_ARN,
          ['StringNotEquals', `${EKS}:sub`, 'system:serviceaccount:kube-system:default'],
          ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com'],
        ),
      ]),
      expected: [
        {
          level: 'error',
          message: `negated operator StringNotEquals on identity claim "${EKS}:sub" in an Allow: every token whose claim differs, or that has no such claim, passes`,
        },
      ],
    },
    {
      name: 'StringEqualsIfExists on aud in an Allow',
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['StringEquals', `${EKS}:sub`, 'system:serviceaccount:ns:sa'], ['StringEqualsIfExists', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      expected: [{ level: 'error', message: `StringEqualsIfExists on identity claim "${EKS}:aud" in an Allow: a token without the claim passes` }],
    },
  ],
  passing: [
    { name: 'positive operators', subject: trustPolicy([eksTrust()]), status: 'compliant' },
    {
      name: 'a negated operator in a Deny',
      subject: trustPolicy([
        eksTrust(),
        statement({
          Effect: 'Deny',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: EKS_ARN },
          Condition: { StringNotEquals: { [`${EKS}:sub`]: 'system:serviceaccount:ns:sa' } },
        }),
      ]),
      status: 'compliant',
    },
    { name: 'no identity claims', subject: trustPolicy([awsTrust('arn:aws:iam::111111111111:role/x')]), status: 'not-applicable' },
  ],
});

const OTHER = 'oidc.eks.eu-west-1.amazonaws.com/id/0THER0THER0THER0THER0THER0THER00';
describeRule(trust011, {
  failing: [
    {
      name: "a key of another cluster than the principal's",
      subject: trustPolicy([
        webIdentity(EKS_ARN, ['StringEquals', `${OTHER}:sub`, 'system:serviceaccount:ns:sa'], ['StringEquals', `${EKS}:aud`, 'sts.amazonaws.com']),
      ]),
      expected: [
        {
          level: 'error',
          message: `condition key prefix "${OTHER}" differs from the provider's host/path "${EKS}": the key is never present`,
          fix: `write "${EKS}:sub"`,
        },
      ],
    },
    {
      name: 'a claim key in a statement with no Federated principal',
      subject: trustPolicy([awsTrust('arn:aws:iam::111111111111:role/x', { Condition: { StringEquals: { [`${EKS}:sub`]: 'system:serviceaccount:ns:sa' } } })]),
      expected: [
        {
          level: 'error',
          message: `condition key "${EKS}:sub" names issuer "${EKS}", but the statement trusts no Federated principal of that issuer: the key is never present`,
        },
      ],
    },
  ],
  passing: [
    {
      name: 'keys of the principal, in another case',
      subject: trustPolicy([webIdentity(EKS_ARN, ['StringEquals', `${EKS.toUpperCase()}:sub`, 'x'], ['StringEquals', `${EKS}:aud`, 'y'])]),
      status: 'compliant',
    },
    {
      name: 'only global keys',
      subject: trustPolicy([awsTrust('arn:aws:iam::222222222222:role/x', { Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } })]),
      status: 'not-applicable',
    },
  ],
});
