/**
 * Identities, expectations and the AssumeRole decision beyond the default
 * example: external ids, `requireSubject`, trusted roles outside the spec,
 * account-root trusts and the caller's identity policies.
 */
import { evaluateAssumeRole } from '../src/access/evaluate/assume-role';
import { deriveIdentities } from '../src/access/identities/identities';
import { buildMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';

const model = resolveModel(
  validateSpec({
    version: 1,
    issuers: { eks: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789ABCDEF0123456789' } },
    accounts: [
      {
        name: 'a',
        id: '111111111111',
        region: 'eu-west-1',
        oidcProviders: { eks: 'existing' },
        roles: [{ name: 'runner', trust: [{ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ci', serviceAccount: 'runner' }] }],
      },
      {
        name: 'b',
        id: '222222222222',
        region: 'eu-west-1',
        roles: [
          { name: 'vendor', trust: [{ type: 'aws-role', role: 'runner', account: 'a', externalId: 'ext-123' }] },
          { name: 'gcp', trust: [{ type: 'google-service-account', uniqueId: '123456789012345678901', requireSubject: true }] },
          { name: 'outside', trust: [{ type: 'aws-role', role: 'arn:aws:iam::777777777777:role/partner' }] },
        ],
      },
    ],
  }),
);
const matrix = buildMatrix(model, policySetFromModel(model));
const cell = (role: string, identity: string) => matrix.cells.find((c) => c.role === role && c.identity === identity)!;

describe('GIVEN external ids, requireSubject and a trusted role outside the spec', () => {
  it('THEN every check passes', () => {
    expect(matrix.summary.failures).toBe(0);
    expect(matrix.cells.filter((c) => c.actual === 'allow').map((c) => `${c.role} <- ${c.identity}`)).toEqual([
      'a/runner <- oidc eks sub=system:serviceaccount:ci:runner aud=sts.amazonaws.com',
      'b/vendor <- arn:aws:iam::111111111111:role/runner sts:ExternalId=ext-123',
      'b/vendor <- arn:aws:sts::111111111111:assumed-role/runner/access-check sts:ExternalId=ext-123',
      'b/gcp <- google sub=123456789012345678901 aud=123456789012345678901',
      'b/outside <- arn:aws:iam::777777777777:role/partner',
      'b/outside <- arn:aws:sts::777777777777:assumed-role/partner/access-check',
    ]);
  });

  it('THEN a wrong or missing external id is a near-miss, denied on sts:ExternalId', () => {
    expect(cell('b/vendor', 'arn:aws:iam::111111111111:role/runner sts:ExternalId=ext-123-other')).toMatchObject({ expected: 'deny', actual: 'deny' });
    const missing = cell('b/vendor', 'arn:aws:iam::111111111111:role/runner');
    expect(missing).toMatchObject({ expected: 'deny', actual: 'deny' });
    expect(missing.reason).toContain('StringEquals sts:ExternalId: key absent');
  });

  it('THEN with requireSubject a token of the right aud but another sub is denied', () => {
    const ids = deriveIdentities(model).map((i) => i.id);
    expect(ids).toContain('google sub=123456789012345678902 aud=123456789012345678901');
    expect(cell('b/gcp', 'google sub=123456789012345678902 aud=123456789012345678901')).toMatchObject({ expected: 'deny', actual: 'deny' });
    expect(cell('b/gcp', 'google sub=(none) aud=123456789012345678901')).toMatchObject({ expected: 'deny', actual: 'deny' });
  });

  it('THEN a caller outside the spec is allowed by the trust, with a note that its identity policies were assumed', () => {
    const c = cell('b/outside', 'arn:aws:iam::777777777777:role/partner');
    expect(c.notes).toEqual([
      'arn:aws:iam::777777777777:role/partner is in another account; its identity policies are not in the input and are assumed to allow sts:AssumeRole on arn:aws:iam::222222222222:role/outside',
    ]);
  });

  it('THEN the cross-account grant the spec writes is what lets the runner in', () => {
    expect(cell('b/vendor', 'arn:aws:iam::111111111111:role/runner sts:ExternalId=ext-123').deciding).toBe(
      'trust S0 + assume-cross-account-roles S0 (AssumeCrossAccountRoles)',
    );
  });
});

describe('the AssumeRole decision with identity policies', () => {
  const target = 'arn:aws:iam::222222222222:role/target';
  const trust = (principal: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: principal } }] });
  const allowTarget = { name: 'grant', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target }] } };
  const denyAll = { name: 'guard', document: { Version: '2012-10-17', Statement: [{ Sid: 'NoAssume', Effect: 'Deny', Action: 'sts:*', Resource: '*' }] } };
  const sameAccount = { type: 'AWS', arn: 'arn:aws:iam::222222222222:role/caller' } as const;
  const otherAccount = { type: 'AWS', arn: 'arn:aws:iam::111111111111:role/caller' } as const;

  it.each([
    ['same account, trust names the role, no identity policy', trust(sameAccount.arn), sameAccount, [], [], 'allow'],
    ['same account, trust names only the account root, no identity policy', trust('arn:aws:iam::222222222222:root'), sameAccount, [], [], 'deny'],
    ['same account, account root, identity policy allows', trust('222222222222'), sameAccount, [allowTarget], [], 'allow'],
    ['cross account, trust names the role, no grant', trust(otherAccount.arn), otherAccount, [], [], 'deny'],
    ['cross account, trust names the role, grant', trust(otherAccount.arn), otherAccount, [allowTarget], [], 'allow'],
    [
      'cross account, no readable grant, a managed policy that cannot be read',
      trust(otherAccount.arn),
      otherAccount,
      [],
      ['arn:aws:iam::aws:policy/AdministratorAccess'],
      'cannot-decide',
    ],
    ['an explicit Deny in an identity policy wins over the trust', trust(sameAccount.arn), sameAccount, [allowTarget, denyAll], [], 'deny'],
  ] as const)('%s', (_name, policy, caller, policies, unread, verdict) => {
    const d = evaluateAssumeRole({ roleArn: target, trust: policy, caller, callerPolicies: { policies: [...policies], unread: [...unread] } });
    expect(d.verdict).toBe(verdict);
    if (policies.includes(denyAll as never)) expect(d.deciding).toEqual({ policy: 'guard', index: 0, sid: 'NoAssume' });
  });

  it('a web-identity caller needs no identity policy, and a role session is matched by the role', () => {
    const session = { type: 'AWS', arn: 'arn:aws:sts::111111111111:assumed-role/caller/s' } as const;
    expect(
      evaluateAssumeRole({ roleArn: target, trust: trust(otherAccount.arn), caller: session, callerPolicies: { policies: [allowTarget], unread: [] } }).verdict,
    ).toBe('allow');
    const web = { type: 'Federated', id: 'accounts.google.com' } as const;
    const googleTrust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'accounts.google.com' } }],
    };
    expect(evaluateAssumeRole({ roleArn: target, trust: googleTrust, caller: web }).verdict).toBe('allow');
  });
});
