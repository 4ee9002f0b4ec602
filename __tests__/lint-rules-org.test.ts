/**
 * ORG001: with an organization whose guardrails include oidc-tenants, an
 * issuer whose tenant no claim STS accepts can name is reported, once, at
 * the first entry that trusts it, with what stays unfenced. ORG002: a role in
 * the management account, which no RCP reaches.
 */
import { lintModel } from '../src/lint';
import { org001 } from '../src/lint/rules/org-001-tenant-unfenced';
import { org002 } from '../src/lint/rules/org-002-management-account-roles';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';
import type { SpecInput } from '../src/input/schema';

const ORG = { id: 'o-a1b2c3d4e5', managementAccount: 'mgmt', attachTo: ['r-ab12'] };
const PARTNER = 'https://idp.partner.example.com';
const webIdentity = (subject: string) => ({ type: 'web-identity' as const, issuers: [{ issuer: 'partner', subjects: [subject] }] });

function spec(trusts: NonNullable<SpecInput['accounts'][number]['roles']>, organization: SpecInput['organization'] | null = ORG): SpecInput {
  return {
    issuers: { partner: { url: PARTNER }, github: { url: 'https://token.actions.githubusercontent.com' } },
    accounts: [
      { name: 'apps', id: '111111111111', region: 'eu-west-1', oidcProviders: { partner: 'create', github: 'create' }, roles: trusts },
      { name: 'mgmt', id: '999999999999', region: 'us-east-1' },
    ],
    ...(organization ? { organization } : {}),
  };
}
const findings = (s: SpecInput) => lintModel(resolveModel(validateSpec(s, 'spec.yaml'))).findings.filter((f) => f.ruleId === 'ORG001');

describe('ORG001: Every trusted issuer has a tenant the guardrails can fence', () => {
  test('GIVEN the rule THEN it has an id, a level, an explanation and a fix', () => {
    expect(org001).toMatchObject({ id: 'ORG001', level: 'warning' });
    expect(org001.explanation).toMatch(/oidc-providers fence applies/);
  });

  test('GIVEN two web-identity entries of one issuer WHEN linted THEN one warning, at the first entry, names the issuer and what stays unfenced', () => {
    const found = findings(
      spec([
        { name: 'a', trust: [webIdentity('svc-a')] },
        { name: 'b', trust: [webIdentity('svc-b')] },
      ]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'warning', path: 'accounts[0].roles[0].trust[0]' });
    expect(found[0].message).toMatch(
      /cannot fence issuer "partner" \(idp\.partner\.example\.com\): a web-identity entry names subjects of its own.*any tenant of "partner".*only oidc-providers applies/,
    );
  });

  test('GIVEN the finding is suppressed on the role with a reason WHEN linted THEN it shows, marked suppressed, and does not block', () => {
    const s = spec([{ name: 'a', trust: [webIdentity('svc-a')], suppressions: [{ rule: 'ORG001', reason: 'the partner issues tokens for us alone' }] }]);
    expect(findings(s)[0].suppressed?.reason).toBe('the partner issues tokens for us alone');
  });

  test.each<[string, SpecInput]>([
    [
      'a GitHub entry (its owner is the tenant)',
      spec([{ name: 'a', trust: [{ type: 'github-actions', issuer: 'github', repository: 'octo/app', branches: ['main'] }] }]),
    ],
    ['a web-identity entry without an organization', spec([{ name: 'a', trust: [webIdentity('svc-a')] }], null)],
    [
      'a web-identity entry when the guardrails leave oidc-tenants out',
      spec([{ name: 'a', trust: [webIdentity('svc-a')] }], { ...ORG, guardrails: ['oidc-providers', 'identity-perimeter'] }),
    ],
  ])('GIVEN %s WHEN linted THEN no ORG001', (_, s) => {
    expect(findings(s)).toEqual([]);
  });
});

describe('ORG002: No role relies on the guardrails in the management account', () => {
  const gh = { type: 'github-actions' as const, issuer: 'github', repository: 'octo/app', branches: ['main'] };
  const withManagementRole = (organization: SpecInput['organization'] | null): SpecInput => {
    const s = spec([{ name: 'a', trust: [gh] }], organization);
    s.accounts[1] = { ...s.accounts[1], oidcProviders: { github: 'create' }, roles: [{ name: 'deployer', trust: [gh] }] };
    return s;
  };
  const org002Findings = (s: SpecInput) => lintModel(resolveModel(validateSpec(s, 'spec.yaml'))).findings.filter((f) => f.ruleId === 'ORG002');

  test('GIVEN a role in the management account WHEN linted THEN a warning at the role says no guardrail fences it', () => {
    expect(org002.level).toBe('warning');
    const found = org002Findings(withManagementRole(ORG));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      path: 'accounts[1].roles[0]',
      message: expect.stringMatching(/role "deployer" is in the management account "mgmt", which the organization's resource control policies never reach/),
    });
  });

  test('GIVEN the same spec without an organization, or with no fence WHEN linted THEN no ORG002', () => {
    expect(org002Findings(withManagementRole(null))).toEqual([]);
    expect(org002Findings(withManagementRole({ ...ORG, guardrails: [] }))).toEqual([]);
  });
});
