/**
 * The guardrails' values come from the spec: tenants per issuer from the
 * trust entries (only claims STS accepts for the issuer), the third parties
 * and their external ids, other organizations, and the limits of 5,120
 * characters per policy and four policies (plus RCPFullAWSAccess) per target.
 */
import { join } from 'node:path';
import { packPolicies, RCP_MAX_CHARACTERS, type GuardrailStatement } from '../src/model/guardrails';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { loadSpecFile, validateSpec } from '../src/input/load';
import { acceptedClaims } from '../src/input/issuers';
import type { SpecInput } from '../src/input/schema';
import { GITHUB_URL } from './helpers/model';
import { refusal } from './helpers/spec';

const PROJECT = join(__dirname, '..');
const presets = (): Model => resolveModel(loadSpecFile(join(PROJECT, 'examples', 'presets', 'spec.yaml')));
const ORG_ID = 'o-a1b2c3d4e5';
const organization = { id: ORG_ID, managementAccount: 'mgmt', attachTo: ['r-ab12'] };
const mgmt = { name: 'mgmt', id: '999999999999', region: 'us-east-1' };

function specOf(roles: NonNullable<SpecInput['accounts'][number]['roles']>, extra: Partial<SpecInput> = {}): SpecInput {
  return {
    issuers: { github: { url: GITHUB_URL } },
    accounts: [{ name: 'apps', id: '111111111111', region: 'eu-west-1', oidcProviders: { github: 'create' }, roles }, mgmt],
    organization,
    ...extra,
  };
}
const resolved = (spec: SpecInput) => resolveModel(validateSpec(spec, 'spec.yaml'));

describe('GIVEN the presets example with an organization', () => {
  const org = presets().organization!;
  const tenant = (host: string) => org.issuers.find((i) => i.host === host);

  test.each<[string, string, string, string[]]>([
    [
      'GitHub: the owner, in the name and the immutable subject forms',
      'token.actions.githubusercontent.com',
      'sub',
      ['repo:octo-org/*', 'repo:octo-org@1234567/*'],
    ],
    ['GitLab.com: the top-level group', 'gitlab.com', 'sub', ['project_path:platform/*']],
    ['GitLab Self-Managed: the top-level group of a nested project', 'gitlab.example.com', 'sub', ['project_path:infra/*']],
    ['HCP Terraform: the organization', 'app.terraform.io', 'sub', ['organization:acme:*']],
    ['Buildkite: the organization', 'agent.buildkite.com', 'sub', ['organization:acme:*']],
    [
      'CircleCI: the organization id, its tokens\u2019 aud',
      'oidc.circleci.com/org/0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c',
      'aud',
      ['0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c'],
    ],
    [
      'Bitbucket: the workspace ARI, its tokens\u2019 aud',
      'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc',
      'aud',
      ['ari:cloud:bitbucket::workspace/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
    ],
  ])('WHEN the tenants are derived THEN %s', (_, host, claim, values) => {
    const t = tenant(host);
    expect(t?.kind).toBe('claims');
    expect(t?.kind === 'claims' && t.claims).toEqual([{ claim, values }]);
  });

  test('WHEN an issuer is an EKS cluster THEN the cluster is the tenant: no tenant statement, the providers fence covers it', () => {
    const eks = org.issuers.filter((i) => i.host.startsWith('oidc.eks.'));
    expect(eks.length).toBeGreaterThan(0);
    expect(eks.every((i) => i.kind === 'issuer')).toBe(true);
    const tenantKeys = org.statements.filter((s) => s.fence === 'oidc-tenants').flatMap((s) => Object.values(s.statement.Condition!).flatMap(Object.keys));
    expect(tenantKeys.some((k) => k.startsWith('oidc.eks.'))).toBe(false);
  });

  test('WHEN a web-identity entry names its own subjects THEN its issuer is named unfenced, with why', () => {
    const partner = org.issuers.find((i) => i.host === 'idp.partner.example.com');
    expect(partner).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/web-identity/) });
  });

  test('WHEN the statements are written THEN every tenant claim is sub, aud or a claim STS accepts for that issuer', () => {
    for (const s of org.statements.filter((x) => x.fence === 'oidc-tenants')) {
      const [negated] = Object.entries(s.statement.Condition!).filter(([op]) => op.startsWith('StringNot'));
      const [key] = Object.keys(negated[1]);
      const host = key.slice(0, key.lastIndexOf(':'));
      const claim = key.slice(key.lastIndexOf(':') + 1);
      expect(['sub', 'aud', ...acceptedClaims(host)]).toContain(claim);
    }
  });

  test('WHEN the providers fence is written THEN it lists exactly the issuers of the trust entries', () => {
    const providers = org.statements.find((s) => s.fence === 'oidc-providers')!.statement;
    expect(Object.keys((providers.Condition as Record<string, Record<string, string>>).Null).sort()).toEqual(org.issuers.map((i) => `${i.host}:sub`).sort());
  });

  test('WHEN the policies are packed THEN each is at most 5120 characters of minified JSON, and holds every statement once', () => {
    expect(org.policies.length).toBeGreaterThan(0);
    for (const p of org.policies) {
      expect(p.content.length).toBeLessThanOrEqual(RCP_MAX_CHARACTERS);
      expect(p.content).toBe(JSON.stringify(JSON.parse(p.content)));
    }
    expect(org.policies.flatMap((p) => p.document.Statement.map((s) => s.Sid))).toEqual(org.statements.map((s) => s.statement.Sid));
  });
});

describe('GIVEN third parties, other organizations and services', () => {
  const spec = specOf([
    { name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::333333333333:role/vendor', externalId: 'acme-7f3c2b' }] },
    { name: 'vendor-2', trust: [{ type: 'aws-role', role: 'arn:aws:iam::333333333333:role/other', externalId: 'acme-second' }] },
    { name: 'auditor', trust: [{ type: 'aws-account', accountId: '444444444444' }] },
    { name: 'sibling', trust: [{ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/deployer' }] },
    { name: 'partner-org', trust: [{ type: 'aws-organization', organizationId: 'o-zzzzzzzzzz' }] },
    {
      name: 'lambda',
      trust: [
        { type: 'aws-service', service: 'lambda.amazonaws.com', conditions: [{ test: 'StringEquals', key: 'aws:SourceAccount', values: ['555555555555'] }] },
      ],
    },
  ]);
  const org = resolved(spec).organization!;
  const sid = (id: string) => org.statements.find((s) => s.statement.Sid === id)?.statement;

  test('WHEN the perimeter is derived THEN exactly the accounts outside the spec are third parties, each with its external ids', () => {
    expect(org.thirdParties).toEqual([
      { account: '333333333333', externalIds: ['acme-7f3c2b', 'acme-second'] },
      { account: '444444444444', externalIds: [] },
    ]);
    expect(sid('EnforceOrgIdentities')?.Condition).toEqual({
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': [ORG_ID, 'o-zzzzzzzzzz'], 'aws:PrincipalAccount': ['333333333333', '444444444444'] },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
  });

  test('WHEN a third party is trusted only with external ids THEN a statement denies it without one of them', () => {
    expect(sid('EnforceThirdPartyExternalId1')?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalAccount': '333333333333' },
      StringNotEquals: { 'sts:ExternalId': ['acme-7f3c2b', 'acme-second'] },
    });
    expect(org.statements.filter((s) => s.statement.Sid.startsWith('EnforceThirdPartyExternalId'))).toHaveLength(1);
  });

  test('WHEN an aws-service entry pins a source account outside the spec THEN the confused-deputy statement exempts exactly it', () => {
    expect(sid('EnforceConfusedDeputyProtection')?.Condition).toEqual({
      StringNotEqualsIfExists: { 'aws:SourceOrgID': ORG_ID, 'aws:SourceAccount': '555555555555' },
      Null: { 'aws:SourceAccount': 'false' },
      Bool: { 'aws:PrincipalIsAWSService': 'true' },
    });
  });

  test('WHEN one entry trusts the third party without an external id THEN no external-id statement would lock it out', () => {
    const open = resolved(
      specOf([...spec.accounts[0].roles!, { name: 'open', trust: [{ type: 'aws-role', role: 'arn:aws:iam::333333333333:role/x' }] }]),
    ).organization!;
    expect(open.thirdParties[0]).toEqual({ account: '333333333333', externalIds: [] });
    expect(open.statements.some((s) => s.statement.Sid.startsWith('EnforceThirdPartyExternalId'))).toBe(false);
  });
});

describe('GIVEN GitHub entries with owner ids', () => {
  const gh = (repo: string, ownerId?: string) => ({
    type: 'github-actions' as const,
    issuer: 'github',
    repository: repo,
    branches: ['main'],
    ...(ownerId ? { ownerId, repositoryId: '42', idsIn: 'claims' as const } : {}),
  });

  test('WHEN every entry of the issuer pins its owner id THEN repository_owner_id is fenced too', () => {
    const org = resolved(
      specOf([
        { name: 'a', trust: [gh('octo/a', '11')] },
        { name: 'b', trust: [gh('acme/b', '22')] },
      ]),
    ).organization!;
    const github = org.issuers.find((i) => i.host === 'token.actions.githubusercontent.com')!;
    expect(github.kind === 'claims' && github.claims).toEqual([
      { claim: 'repository_owner_id', values: ['11', '22'] },
      { claim: 'sub', values: ['repo:acme/*', 'repo:octo/*'] },
    ]);
  });

  test('WHEN one entry has no owner id THEN only the sub is fenced, so that entry is not locked out', () => {
    const org = resolved(
      specOf([
        { name: 'a', trust: [gh('octo/a', '11')] },
        { name: 'b', trust: [gh('acme/b')] },
      ]),
    ).organization!;
    const github = org.issuers.find((i) => i.host === 'token.actions.githubusercontent.com')!;
    expect(github.kind === 'claims' && github.claims.map((c) => c.claim)).toEqual(['sub']);
  });
});

describe('GIVEN the limits of resource control policies', () => {
  const statement = (n: number, values: number): GuardrailStatement => ({
    fence: 'identity-perimeter',
    statement: {
      Sid: `S${n}`,
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Resource: '*',
      Condition: { StringNotEquals: { 'sts:ExternalId': Array.from({ length: values }, (_, i) => `external-id-${n}-${i}`) } },
    },
  });

  test('WHEN the statements fill more than one policy THEN they are split in order, each policy at most 5120 characters', () => {
    const { policies, refusals } = packPolicies(Array.from({ length: 12 }, (_, n) => statement(n, 40)));
    expect(refusals).toEqual([]);
    expect(policies.length).toBeGreaterThan(1);
    for (const p of policies) expect(p.content.length).toBeLessThanOrEqual(RCP_MAX_CHARACTERS);
    expect(policies.flatMap((p) => p.document.Statement.map((s) => s.Sid))).toEqual(Array.from({ length: 12 }, (_, n) => `S${n}`));
  });

  test('WHEN a policy would be exactly at the limit THEN it is kept; one character more starts the next', () => {
    const one = packPolicies([statement(0, 10)]);
    const size = one.policies[0].content.length;
    expect(packPolicies([statement(0, 10)], size).policies).toHaveLength(1);
    expect(packPolicies([statement(0, 10)], size - 1).refusals).toEqual([{ kind: 'statement-too-large', sid: 'S0', fence: 'identity-perimeter', size }]);
  });

  test('WHEN more than 200 GitHub owners make one tenant statement too large THEN the spec is refused at organization.guardrails with the fix', () => {
    const roles = Array.from({ length: 220 }, (_, i) => ({
      name: `r${i}`,
      trust: [{ type: 'github-actions' as const, issuer: 'github', repository: `owner-number-${i}/app`, branches: ['main'] }],
    }));
    const problems = refusal(() => resolved(specOf(roles)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'organization.guardrails',
      message: expect.stringMatching(/EnforceTrustedOidcTenants1 \(oidc-tenants\) alone is \d+ characters; a resource control policy holds at most 5120/),
      fix: expect.stringMatching(/trust fewer tenants/),
    });
  });

  test('WHEN the statements need more than four policies THEN the spec is refused at organization.attachTo, naming RCPFullAWSAccess', () => {
    const roles = Array.from({ length: 130 }, (_, i) => ({
      name: `v${i}`,
      trust: [{ type: 'aws-role' as const, role: `arn:aws:iam::${String(200000000000 + i)}:role/vendor`, externalId: `external-id-for-vendor-${i}` }],
    }));
    const problems = refusal(() => resolved(specOf(roles)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'organization.attachTo',
      message: expect.stringMatching(/need \d+ resource control policies; a root, OU or account holds at most 4 besides AWS's RCPFullAWSAccess/),
      fix: expect.stringMatching(/leave a guardrail out/),
    });
  });
});
