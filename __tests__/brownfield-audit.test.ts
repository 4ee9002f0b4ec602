/**
 * `audit` findings and labels of issue 21 item 6, on the roles of
 * examples/brownfield/legacy-444444444444.json named `audit-*` and
 * `OrganizationAccountAccessRole`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { auditExport } from '../src/brownfield/audit';
import { auditMarkdown } from '../src/brownfield/audit-report';
import { parseAccountArgs, readExports } from '../src/brownfield/export';
import { lintModel } from '../src/lint';
import { model } from './helpers/model';
import { exportedRole, oneAccountExport } from './helpers/iam-export';

const DIR = join(__dirname, '..', 'examples', 'brownfield');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(DIR, f));
const report = auditExport(readExports(FILES, { accountNames: parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']) }));
const audit = (name: string) => report.roles.find((r) => r.role === name)!;
const rules = (name: string) => audit(name).findings.map((f) => [f.ruleId, f.level]);

test('GIVEN StringLike sub = repo:acme/app:* THEN a TRUST005 warning: every branch, tag, pull request and environment of the repository', () => {
  expect(rules('audit-github-every-ref')).toContainEqual(['TRUST005', 'warning']);
  expect(audit('audit-github-every-ref').findings.find((f) => f.ruleId === 'TRUST005')?.message).toContain(
    'every branch, tag, pull request and environment of repository "acme/app"',
  );
});

test('GIVEN "Principal": "*" and {"AWS": "*"} each with StringEquals aws:PrincipalOrgID THEN the two get the same TRUST013 verdict', () => {
  const trust013 = (name: string) => audit(name).findings.filter((f) => f.ruleId === 'TRUST013');
  expect(trust013('audit-org-star')).toEqual(trust013('condition-org-id'));
  expect(trust013('audit-org-star')).toEqual([]);
  // Both stay listed as trust from outside the exported accounts.
  expect(report.externalEdges.filter((e) => /audit-org-star|condition-org-id/.test(e.role)).map((e) => e.principal)).toEqual(['*', '*']);
});

test('GIVEN a Pod Identity trust pinning aws:RequestTag/eks-cluster-name THEN it is not told the cluster is unpinned', () => {
  expect(rules('audit-pod-identity-cluster-name').filter(([id]) => id === 'TRUST021')).toEqual([]);
});

test('GIVEN an Allow with NotPrincipal THEN it is in "Trust from outside the exported accounts", and TRUST013 says why', () => {
  const arn = 'arn:aws:iam::444444444444:role/audit-not-principal';
  expect(report.externalEdges.filter((e) => e.role === arn)).toEqual([
    { role: arn, principal: expect.stringMatching(/^\* \(NotPrincipal: all but arn:aws:iam::444444444444:role\/blocked\)$/) },
  ]);
  expect(rules('audit-not-principal')).toContainEqual(['TRUST013', 'error']);
  expect(auditMarkdown(report)).toContain(`| \`${arn}\` | \`* (NotPrincipal: all but arn:aws:iam::444444444444:role/blocked)\` | any |`);
});

test('GIVEN OrganizationAccountAccessRole trusting a management account outside the exports THEN it is recognised, not reported as a third party', () => {
  const f = audit('OrganizationAccountAccessRole').findings.find((x) => x.ruleId === 'TRUST015')!;
  expect([f.level, f.message]).toEqual(['info', expect.stringContaining("the role AWS Organizations creates for the organization's management account")]);
  expect(f.message).not.toMatch(/third-party/);
  expect(report.externalEdges.find((e) => e.role.endsWith('/OrganizationAccountAccessRole'))).toMatchObject({
    account: '999999999999',
    organizationAccess: true,
  });
  expect(auditMarkdown(report)).toContain('999999999999 (the management account: OrganizationAccountAccessRole)');
});

test('GIVEN a role named OrganizationAccountAccessRole trusting a specific role THEN the pattern is not assumed', () => {
  const one = auditExport(
    oneAccountExport([
      exportedRole('OrganizationAccountAccessRole', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/vendor' }, Action: 'sts:AssumeRole' }],
      }),
    ]),
  );
  expect(one.roles[0].findings.find((f) => f.ruleId === 'TRUST015')?.level).toBe('error');
});

test('GIVEN a spec asking for every ref with github-actions allRefs: true THEN TRUST005 is an info that says it was asked for', () => {
  const spec = {
    version: 1,
    issuers: { gh: { url: 'https://token.actions.githubusercontent.com' } },
    accounts: [
      {
        name: 'a',
        id: '111111111111',
        region: 'eu-west-1',
        oidcProviders: { gh: 'create' },
        roles: [{ name: 'r', trust: [{ type: 'github-actions', issuer: 'gh', repository: 'acme/app', allRefs: true }] }],
      },
    ],
  };
  const findings = lintModel(model(spec as never)).findings.filter((f) => f.ruleId === 'TRUST005');
  expect(findings.map((f) => [f.level, /as asked for with allRefs: true/.test(f.message)])).toEqual([['info', true]]);
});

test('GIVEN an IAM Identity Center role and a customer SAML role THEN the SAML provider is described as SAML, not as an issuer, and the Identity Center role as AWS-managed', () => {
  const sso = report.roles.find((r) => r.role.startsWith('AWSReservedSSO_'))!;
  expect(sso.awsManaged).toMatch(/IAM Identity Center permission-set role/);
  expect(sso.callers.issuers).toEqual([expect.objectContaining({ saml: true, host: 'AWSSSO_0123456789abcdef_DO_NOT_DELETE', anyToken: false })]);
  expect(report.roles.find((r) => r.role === 'AWSServiceRoleForECS')?.awsManaged).toMatch(/service-linked role/);
  const md = auditMarkdown(report);
  expect(md).toContain('- SAML provider `Okta` (sts:AssumeRoleWithSAML): StringEquals `SAML:aud` = `https://signin.aws.amazon.com/saml`');
  expect(md).not.toMatch(/issuer `(Okta|AWSSSO_)/);
  expect(md).toMatch(/\*\*AWS-managed\*\*: a service-linked role/);
});

describe("GIVEN a GitHub trust and the provider's get-open-id-connect-provider output (issue 24 item 6)", () => {
  const GH = 'token.actions.githubusercontent.com';
  const ARN = `arn:aws:iam::444444444444:oidc-provider/${GH}`;
  const role = (name: string, aud: string | string[]) =>
    exportedRole(
      name,
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: ARN },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringEquals: { [`${GH}:sub`]: 'repo:acme/app:ref:refs/heads/main' }, StringLike: { [`${GH}:aud`]: aud } },
          },
        ],
      },
      '444444444444',
      'legacy-444444444444.json',
    );
  const audited = auditExport(
    oneAccountExport(
      [role('listed', 'sts.*'), role('unlisted', 'https://github.com/acme'), role('any', '*')],
      [{ file: 'github-444444444444.json', host: GH, clientIds: ['sts.amazonaws.com', 'aws-prod'] }],
    ),
  );
  const of = (name: string) => audited.roles.find((r) => r.role === name)!;

  test('THEN the audiences that get in are the client ids the aud condition admits', () => {
    expect(of('listed').callers.issuers[0].audiences).toEqual({ clientIds: ['sts.amazonaws.com', 'aws-prod'], admitted: ['sts.amazonaws.com'] });
    expect(of('any').callers.issuers[0].audiences?.admitted).toEqual(['sts.amazonaws.com', 'aws-prod']);
    expect(auditMarkdown(audited)).toContain("audiences that get in: `sts.amazonaws.com` (the provider's client ids: `sts.amazonaws.com`, `aws-prod`)");
  });

  test('THEN an aud the provider does not list is a TRUST028 error, and the report says no token gets in', () => {
    expect(of('unlisted').callers.issuers[0].audiences?.admitted).toEqual([]);
    expect(
      of('unlisted')
        .findings.filter((f) => f.ruleId === 'TRUST028')
        .map((f) => [f.level, f.message]),
    ).toEqual([
      [
        'error',
        `aud "https://github.com/acme" on "${GH}:aud" is not a client id of the OIDC provider ("sts.amazonaws.com", "aws-prod"): STS refuses such tokens, so no one can assume the role through this statement`,
      ],
    ]);
    expect(auditMarkdown(audited)).toContain('**no client id of the provider (`sts.amazonaws.com`, `aws-prod`) passes the aud condition: no token gets in**');
    expect(of('listed').findings.filter((f) => f.ruleId === 'TRUST028')).toEqual([]);
  });

  test('THEN StringLike aud "*" counts as no aud (TRUST002)', () => {
    expect(
      of('any')
        .findings.filter((f) => f.ruleId === 'TRUST002')
        .map((f) => f.level),
    ).toEqual(['error']);
    expect(of('listed').findings.filter((f) => f.ruleId === 'TRUST002')).toEqual([]);
  });

  test('WHEN the export has no client ids for the provider THEN no audiences are claimed and TRUST028 does not apply', () => {
    const bare = auditExport(oneAccountExport([role('unlisted', 'https://github.com/acme')]));
    expect(bare.roles[0].callers.issuers[0].audiences).toBeUndefined();
    expect(bare.roles[0].findings.filter((f) => f.ruleId === 'TRUST028')).toEqual([]);
  });
});
