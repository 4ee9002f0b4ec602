/**
 * The access proof with the organization's guardrails: every declared caller
 * is evaluated with the RCPs and stays allowed, near-misses stay denied, a
 * foreign tenant's token is denied even by a role trusting its issuer with
 * `sub = *`, and an undeclared principal outside the organization is denied.
 * A weakened RCP fails the proof: PROOF001, which stops synth.
 */
import { join } from 'node:path';
import { proveAccess } from '../src/access/report/access-md';
import { guardrailInput, guardrailsOf } from '../src/access/evaluate/guardrail-context';
import { foreignValue, guardrailProof } from '../src/access/proof/guardrail-proof';
import { proofFindings } from '../src/access/proof-gate';
import { isBlocking } from '../src/lint';
import type { OrganizationModel } from '../src/model/guardrails';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import type { IamPolicy } from '../src/policy/document';
import { loadSpecFile, validateSpec } from '../src/input/load';
import { GITHUB_URL } from './helpers/model';

const presets = resolveModel(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')));

/** The model with the organization's policies rewritten (a deliberately weakened or broken RCP). */
function withPolicies(model: Model, edit: (doc: IamPolicy) => IamPolicy): Model {
  const org = model.organization!;
  const policies = org.policies.map((p) => {
    const document = edit(p.document);
    return { ...p, document, content: JSON.stringify(document) };
  });
  const organization: OrganizationModel = { ...org, policies };
  return { ...model, organization, accounts: model.accounts.map((a) => (a.guardrails ? { ...a, guardrails: organization } : a)) };
}
const without =
  (sid: RegExp) =>
  (doc: IamPolicy): IamPolicy => ({ ...doc, Statement: doc.Statement.filter((s) => !sid.test(s.Sid ?? '')) });

describe('GIVEN the presets example with its guardrails', () => {
  const proof = proveAccess(presets, { keepSections: false });

  test('WHEN the proof runs THEN the RCPs are evaluated with every cell, and every declared caller is still allowed and every near-miss denied', () => {
    expect(guardrailsOf(presets)?.policies.length).toBeGreaterThan(0);
    expect(proof.summary.expectedAllow).toBeGreaterThan(0);
    expect(proof.summary.cells).toBeGreaterThan(proof.summary.expectedAllow);
    expect(proof.exceptions).toEqual([]);
  });

  test('WHEN a foreign tenant of each fenced issuer calls a role trusting the issuer with sub = * THEN the tenant fence denies it', () => {
    const fenced = presets.organization!.issuers.filter((i) => i.kind === 'claims');
    const foreign = proof.guardrails.checks.filter((c) => c.caller.startsWith('a token of a foreign tenant'));
    expect(foreign.length).toBeGreaterThanOrEqual(fenced.length);
    for (const c of foreign) {
      expect(c).toMatchObject({ expected: 'deny', actual: 'deny', ok: true, trusts: expect.stringMatching(/with sub = \*$/) });
      expect(c.deciding).toMatch(/EnforceTrustedOidcTenants\d+/);
    }
    // The spec's own tenant passes the same role: the fence is not a blanket deny.
    expect(proof.guardrails.checks.filter((c) => c.caller.startsWith("a token of the spec's tenant")).every((c) => c.actual === 'allow')).toBe(true);
  });

  test('WHEN an issuer the spec does not name, an undeclared outsider or a service for an outside account calls THEN each is denied by its fence', () => {
    const by = (re: RegExp) => proof.guardrails.checks.find((c) => re.test(c.caller))!;
    expect(by(/issuer the spec does not name/)).toMatchObject({ actual: 'deny', ok: true, deciding: expect.stringMatching(/EnforceTrustedOidcProviders/) });
    expect(by(/outside the organization the spec does not declare/)).toMatchObject({
      actual: 'deny',
      ok: true,
      deciding: expect.stringMatching(/EnforceOrgIdentities/),
    });
    expect(by(/for a resource outside the organization/)).toMatchObject({
      actual: 'deny',
      ok: true,
      deciding: expect.stringMatching(/EnforceConfusedDeputyProtection/),
    });
    expect(by(/a role of the organization/)).toMatchObject({ actual: 'allow', ok: true });
  });

  test('WHEN the access reports are written THEN modules/ACCESS.md shows the sub = * worst case and the unfenced issuers', () => {
    const files = new Map<string, string>();
    proveAccess(presets).writeDocs((path, content) => files.set(path, content));
    const md = files.get('ACCESS.md')!;
    expect(md).toMatch(/## Guardrails/);
    expect(md).toMatch(
      /a token of a foreign tenant of github \(sub repo:octo-org-foreign\/example\) \| token\.actions\.githubusercontent\.com with sub = \* \| deny \| deny \| cross-account-iam-guardrails-\d+ S\d+ \(EnforceTrustedOidcTenants\d+\) \| ok/,
    );
    expect(md).toMatch(/idp\.partner\.example\.com \(partner-idp\): a web-identity entry/);
  });
});

describe('GIVEN a deliberately weakened RCP', () => {
  const blocking = (m: Model) => proofFindings(m, proveAccess(m, { keepSections: false })).filter(isBlocking);

  test.each<[string, RegExp, RegExp]>([
    ['without its tenant statements', /^EnforceTrustedOidcTenants/, /guardrail oidc-tenants: a token of a foreign tenant/],
    ['without its providers statement', /^EnforceTrustedOidcProviders$/, /guardrail oidc-providers: a token of an issuer the spec does not name/],
    ['without its identity perimeter', /^EnforceOrgIdentities$/, /guardrail identity-perimeter: a role of an account outside the organization/],
    ['without its confused-deputy statement', /^EnforceConfusedDeputyProtection$/, /guardrail confused-deputy: lambda\.amazonaws\.com for a resource outside/],
  ])('WHEN it is %s THEN the proof fails with PROOF001 at organization, which stops synth', (_, sid, message) => {
    const found = blocking(withPolicies(presets, without(sid)));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.ruleId === 'PROOF001' && f.path === 'organization')).toBe(true);
    expect(found.map((f) => f.message).join('\n')).toMatch(message);
  });

  test('WHEN a tenant statement names another tenant THEN the declared callers are denied by it, and the proof fails at their roles', () => {
    const weak = withPolicies(presets, (doc) => JSON.parse(JSON.stringify(doc).replace(/repo:octo-org\/\*/g, 'repo:someone-else/*')));
    const found = blocking(weak);
    expect(found.some((f) => f.path.startsWith('accounts[0].roles[') && /EnforceTrustedOidcTenants/.test(f.message))).toBe(true);
  });

  test('WHEN the policies cannot be decided (an operator the evaluator does not know) THEN the proof fails rather than passes', () => {
    const broken = withPolicies(presets, (doc) => ({
      ...doc,
      Statement: doc.Statement.map((s) =>
        s.Sid === 'EnforceOrgIdentities' ? { ...s, Condition: { StringNotEqualsMaybe: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } } : s,
      ),
    }));
    expect(blocking(broken).length).toBeGreaterThan(0);
  });
});

describe('GIVEN third parties with and without external ids', () => {
  const model = resolveModel(
    validateSpec(
      {
        issuers: { github: { url: GITHUB_URL } },
        accounts: [
          {
            name: 'apps',
            id: '111111111111',
            region: 'eu-west-1',
            roles: [
              { name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::333333333333:role/vendor', externalId: 'acme-7f3c2b' }] },
              { name: 'auditor', trust: [{ type: 'aws-account', accountId: '444444444444' }] },
            ],
          },
          { name: 'mgmt', id: '999999999999', region: 'us-east-1' },
        ],
        organization: { id: 'o-a1b2c3d4e5', managementAccount: 'mgmt', attachTo: ['r-ab12'] },
      },
      'spec.yaml',
    ),
  );
  const proof = proveAccess(model, { keepSections: false });

  test('WHEN the declared third parties call their roles THEN they are allowed with the guardrails attached', () => {
    expect(proof.exceptions).toEqual([]);
    expect(proof.summary.expectedAllow).toBeGreaterThan(0);
  });

  test('WHEN a third party calls a role trusting AWS * THEN only with its external id; the one trusted without one is allowed; the outsider is denied', () => {
    const verdict = (re: RegExp) => proof.guardrails.checks.find((c) => re.test(c.caller))?.actual;
    expect(verdict(/third party 333333333333 with its external id/)).toBe('allow');
    expect(verdict(/third party 333333333333 without an external id/)).toBe('deny');
    expect(verdict(/third party 333333333333 with another external id/)).toBe('deny');
    expect(verdict(/third party 444444444444 \(trusted without an external id\)/)).toBe('allow');
    expect(verdict(/outside the organization the spec does not declare \(999999999998\)/)).toBe('deny');
    expect(proof.guardrails.checks.every((c) => c.ok)).toBe(true);
  });

  test('WHEN the role is in the management account THEN no RCP applies to it, as in AWS', () => {
    const g = guardrailsOf(model)!;
    expect(guardrailInput(g, '999999999999', { type: 'AWS', arn: 'arn:aws:iam::123456789012:role/x' })).toEqual({});
    expect(guardrailInput(g, '111111111111', { type: 'AWS', arn: 'arn:aws:iam::123456789012:role/x' }).rcps).toHaveLength(g.policies.length);
  });
});

describe('GIVEN tenant values', () => {
  test.each<[string[], string]>([
    [['repo:octo-org/*'], 'repo:octo-org-foreign/example'],
    [['organization:acme:*'], 'organization:acme-foreign:example'],
    [['1234567'], '12345670'],
    [['0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c'], '0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c-foreign'],
  ])('WHEN a foreign tenant of %j is made THEN it is %s, which no value matches', (values, foreign) => {
    expect(foreignValue(values)).toBe(foreign);
  });

  test('WHEN no organization is declared THEN the guardrail proof is empty', () => {
    expect(guardrailProof(resolveModel(validateSpec({ accounts: [{ name: 'a', id: '111111111111', region: 'eu-west-1' }] }, 'spec.yaml'))).checks).toEqual([]);
  });
});
