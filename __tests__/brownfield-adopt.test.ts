/**
 * Adoption writes only to IAM objects the spec manages (issue 21): grants on
 * callers outside the spec become statements to add by hand, hand-written
 * grants are adopted as they are whatever their Sid or name, and roles AWS
 * owns are listed, never adopted.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAccountArgs, readExports } from '../src/brownfield/export';
import { importExport } from '../src/brownfield/import';
import { importTrust } from '../src/brownfield/trust-import';
import { importInlinePolicy } from '../src/brownfield/policy-import';
import { evaluatePolicy } from '../src/access/evaluate/evaluate';
import { byHandAssociations } from '../src/brownfield/spec-yaml';
import { byHandPodIdentitySection } from '../src/modules/readme-by-hand-grants';
import { podIdentityAssociations } from '../src/model/pod-identity';
import { callerKey, policySetFromModel } from '../src/access/evaluate/policy-set';
import { GRANT_POLICY_NAME } from '../src/names';
import { model } from './helpers/model';
import { synthTo, tempDir } from './helpers/synth';

const DIR = join(__dirname, '..', 'examples', 'brownfield');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => join(DIR, f));
const exp = readExports(FILES, { accountNames: parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']) });
const result = importExport(exp, { region: 'eu-west-1' });
const role = (account: string, name: string) => result.spec.accounts.find((a) => a.name === account)?.roles?.find((r) => r.name === name);
const listed = (arn: string) => result.skipped.find((s) => s.arn === arn)?.reason;

const EKS = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789';
/** hub trusts `caller` of spoke; spoke declares `declared` roles. */
const spec = (declared: { name: string; inlinePolicies?: unknown[] }[]) => ({
  version: 1,
  issuers: { eks: { url: EKS } },
  accounts: [
    {
      name: 'hub',
      id: '111111111111',
      region: 'eu-west-1',
      roles: [{ name: 'target', trust: [{ type: 'aws-role', role: 'arn:aws:iam::222222222222:role/caller' }] }],
    },
    {
      name: 'spoke',
      id: '222222222222',
      region: 'eu-west-1',
      oidcProviders: { eks: 'create' },
      roles: declared.map((d) => ({ ...d, trust: [{ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: d.name }] })),
    },
  ],
});
const TARGET = 'arn:aws:iam::111111111111:role/target';

describe('GIVEN a spec edge whose caller role the spec does not manage', () => {
  const out = synthTo(spec([{ name: 'other' }]) as never);
  test('THEN no stack or module writes to the caller: no aws_iam_role_policy names it', () => {
    expect(JSON.stringify(out.stack('spoke'))).not.toContain('caller');
    expect(JSON.stringify(out.module('spoke', 'main.tf.json'))).not.toContain('caller');
  });
  test('THEN the module README gives the statement to add by hand', () => {
    const readme = out.module('spoke', 'README.md') as string;
    expect(readme).toContain('## Statements to add by hand');
    expect(readme).toContain('Role `caller` of account `222222222222`:');
    const block = /Role `caller`[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(readme)![1];
    expect(JSON.parse(block)).toEqual([expect.objectContaining({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: TARGET })]);
  });
  test('THEN the access proof counts no grant for it until it exists', () => {
    const m = model(spec([{ name: 'other' }]) as never);
    expect(m.accounts[1].grants).toEqual([expect.objectContaining({ roleName: 'caller', byHand: true, targets: [TARGET] })]);
    expect(policySetFromModel(m).callers.get(callerKey('222222222222', 'caller'))).toBeUndefined();
    // Once the spec manages the caller, the proof reads the grant synthesis writes for it.
    const managed = model(spec([{ name: 'caller' }]) as never);
    expect(
      policySetFromModel(managed)
        .callers.get(callerKey('222222222222', 'caller'))
        ?.policies.map((p) => p.name),
    ).toEqual([GRANT_POLICY_NAME]);
  });
});

describe('GIVEN a managed caller whose own inline policy already allows the target, under another Sid and name', () => {
  const own = { name: 'mine', statements: [{ effect: 'Allow', actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::111111111111:role/*'] }] };
  test('THEN no grant is written a second time', () => {
    expect(model(spec([{ name: 'caller', inlinePolicies: [own] }]) as never).accounts[1].grants).toEqual([]);
  });
  test('WHEN a Deny in its policies may match, or the Allow has a condition THEN the grant is written', () => {
    const deny = { name: 'no', statements: [{ effect: 'Deny', actions: ['sts:*'], resources: ['*'] }] };
    expect(model(spec([{ name: 'caller', inlinePolicies: [own, deny] }]) as never).accounts[1].grants.map((g) => g.targets)).toEqual([[TARGET]]);
    const conditioned = {
      name: 'mine',
      statements: [{ ...own.statements[0], conditions: [{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }] }],
    };
    expect(model(spec([{ name: 'caller', inlinePolicies: [conditioned] }]) as never).accounts[1].grants.map((g) => g.targets)).toEqual([[TARGET]]);
  });
});

describe('GIVEN the brownfield fixtures imported', () => {
  test('THEN ci-deployer, whose grant names deploy-target without the Sid synthesis writes, is adopted with that policy as it is', () => {
    expect(role('platform', 'ci-deployer')?.inlinePolicies).toEqual([
      {
        name: GRANT_POLICY_NAME,
        statements: [{ effect: 'Allow', actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::222222222222:role/deploy-target'], conditions: [] }],
      },
    ]);
    expect(result.model.accounts.find((a) => a.name === 'platform')!.grants.filter((g) => !g.byHand)).toEqual([]);
  });
  test('THEN airflow, whose grant also names a role that is not imported, is adopted with it as it is', () => {
    expect(role('platform', 'airflow')?.inlinePolicies?.map((p) => p.name)).toEqual([GRANT_POLICY_NAME]);
  });
  test('THEN release-bot and legacy-batch are listed, and their grants are statements to add by hand', () => {
    expect(listed('arn:aws:iam::111111111111:role/release-bot')).toMatch(/user\/release/);
    expect(listed('arn:aws:iam::111111111111:role/legacy-batch')).toMatch(/user\/batch/);
    const byHand = result.model.accounts.flatMap((a) => a.grants.filter((g) => g.byHand).map((g) => [g.roleName, g.targets]));
    expect(byHand).toEqual([
      ['release-bot', ['arn:aws:iam::222222222222:role/deploy-target']],
      ['legacy-batch', ['arn:aws:iam::222222222222:role/batch-target']],
    ]);
  });
  test('THEN the customer Pod Identity roles are adopted as aws-service with sessionTags, no association is written, and the associations are listed as kept by hand', () => {
    expect(role('legacy', 'pod-identity-any-association')?.trust).toEqual([{ type: 'aws-service', service: 'pods.eks.amazonaws.com', sessionTags: true }]);
    expect(role('legacy', 'pod-identity-source-account')?.trust).toEqual([
      {
        type: 'aws-service',
        service: 'pods.eks.amazonaws.com',
        sessionTags: true,
        conditions: [
          { test: 'StringEquals', key: 'aws:SourceAccount', values: ['444444444444'] },
          { test: 'StringEquals', key: 'aws:RequestTag/eks-cluster-arn', values: ['arn:aws:eks:eu-west-1:444444444444:cluster/jobs'] },
          { test: 'ArnLike', key: 'aws:SourceArn', values: ['arn:aws:eks:eu-west-1:444444444444:cluster/jobs'] },
        ],
      },
    ]);
    const legacy = result.model.accounts.find((a) => a.name === 'legacy')!;
    expect(podIdentityAssociations(legacy)).toEqual([]);
    const pods = ['audit-pod-identity-cluster-name', 'pod-identity-source-account', 'pod-identity-any-association'];
    expect(byHandAssociations(result)).toEqual(
      pods.map((n) =>
        expect.stringMatching(new RegExp(`^role ${n} of legacy \\(444444444444\\) is assumed by EKS Pod Identity: its associations are not in an IAM export`)),
      ),
    );
    const readme = byHandPodIdentitySection(legacy).join('\n');
    expect(readme).toMatch(/^## Pod Identity associations kept by hand\n/);
    for (const n of pods) expect(readme).toContain(`- \`${n}\` (\`arn:aws:iam::444444444444:role/${n}\`)`);
    expect(byHandPodIdentitySection(result.model.accounts.find((a) => a.name === 'platform')!)).toEqual([]);
  });
  test('THEN the service-linked and Identity Center roles are listed as AWS-managed, never adopted', () => {
    expect(result.awsManaged.map((r) => [r.role, r.reason])).toEqual([
      ['AWSServiceRoleForECS', expect.stringMatching(/^a service-linked role/)],
      ['AWSReservedSSO_AdministratorAccess_0123456789abcdef', expect.stringMatching(/^an IAM Identity Center permission-set role/)],
    ]);
    expect(role('platform', 'AWSServiceRoleForECS')).toBeUndefined();
  });
  test('THEN a SAML trust is described as SAML, not as web identity', () => {
    expect(listed('arn:aws:iam::444444444444:role/saml-okta-admin')).toMatch(/a SAML trust \(the SAML provider Okta, sts:AssumeRoleWithSAML\)/);
  });
  test('THEN a role whose written document Terraform would see as another one is listed, not adopted (StringLike without a wildcard)', () => {
    expect(listed('arn:aws:iam::444444444444:role/trust008-like-without-wildcard')).toMatch(/adopting would update it/);
  });
});

describe('GIVEN OIDC provider details (get-open-id-connect-provider prints no ARN)', () => {
  const providers = (r: typeof result) => Object.fromEntries(r.spec.accounts.map((a) => [a.name, a.oidcProviders]));
  test('THEN a provider is adopted only in the account whose own details were given; the others keep theirs as existing', () => {
    expect(providers(result)).toEqual({
      platform: { 'eks-eu-west-1-exampled': { adopt: true } },
      'data-lake': { 'eks-eu-west-1-exampled': 'existing' },
      legacy: { 'eks-eu-west-1-exampled': 'existing', 'github-actions': { adopt: true } },
    });
  });
  test("WHEN the details file names no account and several accounts list the provider THEN none adopts it with data that may be another account's", () => {
    const dir = tempDir('xacct-oidc-');
    const files = FILES.map((f) => {
      if (!/cluster-111111111111/.test(f)) return f;
      const copy = join(dir, 'cluster.json');
      writeFileSync(copy, readFileSync(f));
      return copy;
    });
    const r = importExport(readExports(files, { accountNames: parseAccountArgs(['platform=111111111111', 'data-lake=222222222222', 'legacy=444444444444']) }), {
      region: 'eu-west-1',
    });
    expect(Object.values(providers(r)).map((p) => p?.['eks-eu-west-1-exampled'])).toEqual(['existing', 'existing', 'existing']);
  });
});

describe('GIVEN trust with conditions a trust type does not pin', () => {
  test('THEN aws:SourceAccount on a service trust imports as an extra condition', () => {
    expect(role('legacy', 'condition-source-account')?.trust).toEqual([
      { type: 'aws-service', service: 's3.amazonaws.com', conditions: [{ test: 'StringEquals', key: 'aws:SourceAccount', values: ['444444444444'] }] },
    ]);
  });
  test('THEN an extra claim of the issuer (job_workflow_ref) imports as an extra condition on the claim', () => {
    expect(role('legacy', 'condition-extra-claim')?.trust).toEqual([
      expect.objectContaining({
        type: 'github-actions',
        conditions: [{ test: 'StringEquals', claim: 'job_workflow_ref', values: ['octo-org/workflows/.github/workflows/deploy.yml@refs/heads/main'] }],
      }),
    ]);
  });
  test('THEN AWS "*" with one aws:PrincipalOrgID imports as an aws-organization entry', () => {
    expect(role('legacy', 'condition-org-id')?.trust).toEqual([{ type: 'aws-organization', organizationId: 'o-exampleorgid' }]);
  });
  test('THEN "Principal": "*" pinned to an organization is listed: the spec would write {"AWS": "*"}, an update to Terraform', () => {
    expect(listed('arn:aws:iam::444444444444:role/audit-org-star')).toMatch(
      /the spec writes that trust as \{"AWS": "\*"\} \(aws-organization\).*adopting would update it/,
    );
  });
  test('THEN IpAddress aws:SourceIp (IPv4 and IPv6 blocks) and NotIpAddress aws:VpcSourceIp import as extra conditions', () => {
    expect(role('legacy', 'condition-source-ip')?.trust).toEqual([
      {
        type: 'aws-account',
        accountId: '111111111111',
        externalId: 'legacy-ip',
        conditions: [{ test: 'IpAddress', key: 'aws:SourceIp', values: ['203.0.113.0/24', '2001:db8::/32'] }],
      },
    ]);
    expect(role('legacy', 'condition-vpc-source-ip')?.trust).toEqual([
      {
        type: 'aws-role',
        role: 'arn:aws:iam::999988887777:role/vendor-reader',
        externalId: 'vendor-vpc',
        conditions: [{ test: 'NotIpAddress', key: 'aws:VpcSourceIp', values: ['10.0.0.0/8', '172.16.0.0/12'] }],
      },
    ]);
  });
  test('THEN an inline policy with IpAddress / NotIpAddress is adopted as it is, and the evaluator decides it', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] }, NotIpAddress: { 'aws:VpcSourceIp': '10.9.0.0/16' } },
        },
      ],
    };
    const imported = importInlinePolicy('office-only', doc);
    expect(imported).toEqual({
      name: 'office-only',
      statements: [
        {
          effect: 'Allow',
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::b/*'],
          conditions: [
            { test: 'IpAddress', variable: 'aws:SourceIp', values: ['10.0.0.0/8'] },
            { test: 'NotIpAddress', variable: 'aws:VpcSourceIp', values: ['10.9.0.0/16'] },
          ],
        },
      ],
    });
    const ask = (context: Record<string, string>) => evaluatePolicy(doc, { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, 'identity').verdict;
    expect([
      ask({ 'aws:SourceIp': '10.1.2.3' }),
      ask({ 'aws:SourceIp': '192.0.2.1' }),
      ask({ 'aws:SourceIp': '10.1.2.3', 'aws:VpcSourceIp': '10.9.0.1' }),
    ]).toEqual(['allow', 'deny', 'deny']);
  });
  test('THEN an IP condition on another key, or with a value that is not a block, is listed with the reason', () => {
    const trust = (Condition: object) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:role/vendor-reader' }, Action: 'sts:AssumeRole', Condition }],
    });
    const ctx = { accountId: '444444444444', issuer: () => ({ reason: 'no issuer' }) };
    expect(importTrust(trust({ IpAddress: { 'aws:SourceVpc': 'vpc-1' } }), ctx)).toEqual({
      reason: expect.stringMatching(/IpAddress aws:SourceVpc is not on aws:SourceIp or aws:VpcSourceIp with CIDR blocks/),
    });
    expect(importTrust(trust({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }), ctx)).toEqual({
      reason: expect.stringMatching(/not on aws:SourceIp or aws:VpcSourceIp with CIDR blocks/),
    });
  });
});
