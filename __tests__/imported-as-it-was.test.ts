/**
 * The trust forms issue 21 left for `import` to carry as they are, each with
 * schema, lint-pack and access-proof coverage:
 * - web-identity `anySubject: true` (an OIDC trust with no `sub`), and
 *   `pinAudience: false` per issuer: never implied, refused by the lint pack
 *   unless suppressed, and the access proof expects and finds every workload
 *   of the issuer let in;
 * - aws-service `sessionTags: true` (a customer EKS Pod Identity role whose
 *   associations are outside the spec): any association's session is let in,
 *   as the document says, narrowed only by its extra conditions;
 * - IpAddress / NotIpAddress extra conditions on aws:SourceIp / aws:VpcSourceIp.
 */
import { buildMatrix } from '../src/access/proof/matrix';
import { proveEquivalent } from '../src/brownfield/equivalence';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { isBlocking, lintModel } from '../src/lint';
import { toIamPolicy } from '../src/policy/document';
import type { SpecInput } from '../src/input/schema';
import { account, GITHUB_URL, inputProblems, model } from './helpers/model';

const GH = 'token.actions.githubusercontent.com';
const imported = (...rules: string[]) => rules.map((rule) => ({ rule, reason: 'imported as it was; tighten it, then remove this suppression' }));
type Role = NonNullable<SpecInput['accounts'][number]['roles']>[number];
const specOf = (...roles: Role[]): SpecInput => ({
  version: 1,
  issuers: { gh: { url: GITHUB_URL } },
  accounts: [account('apps', '222222222222', ['gh'], roles)],
});
const anyOf = (entry: Record<string, unknown>, suppressions = imported('TRUST001', 'TRUST002', 'TRUST003')): Role =>
  ({ name: 'any', trust: [{ type: 'web-identity', issuers: [{ issuer: 'gh', ...entry }] }], suppressions }) as Role;
const matrixOf = (spec: SpecInput) => {
  const m = model(spec);
  return buildMatrix(m, policySetFromModel(m));
};
const variants = (matrix: ReturnType<typeof buildMatrix>, id: string) => matrix.identities.find((i) => i.id === id)!.origins.map((o) => o.variant);

describe('GIVEN a web-identity issuer without subjects', () => {
  test('WHEN subjects are missing (no anySubject) THEN the spec is refused, naming the field and the fix', () => {
    expect(inputProblems(specOf(anyOf({})))).toEqual([
      expect.objectContaining({
        path: 'accounts[0].roles[0].trust[0].issuers[0].subjects',
        message: expect.stringMatching(/needs its subjects/),
        fix: expect.stringMatching(/list the `sub` values/),
      }),
    ]);
  });
  test('WHEN subjects: [] is written THEN it is refused: an empty list never means any subject', () => {
    expect(inputProblems(specOf(anyOf({ subjects: [] }))).map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/at least one subject/)]),
    );
  });
  test('WHEN both subjects and anySubject are written THEN the spec is refused', () => {
    expect(inputProblems(specOf(anyOf({ subjects: ['repo:acme/app:ref:refs/heads/main'], anySubject: true }))).map((p) => p.path)).toEqual([
      'accounts[0].roles[0].trust[0].issuers[0].subjects',
    ]);
  });
  test('WHEN anySubject: true has no suppression THEN the lint pack refuses it (TRUST003), and with no aud either (TRUST001)', () => {
    expect(
      lintModel(model(specOf(anyOf({ anySubject: true }, []))))
        .findings.filter(isBlocking)
        .map((f) => f.ruleId),
    ).toEqual(['TRUST003']);
    expect(
      lintModel(model(specOf(anyOf({ anySubject: true, pinAudience: false }, []))))
        .findings.filter(isBlocking)
        .map((f) => f.ruleId),
    ).toContain('TRUST001');
  });
  test('WHEN anySubject: true is synthesized THEN the trust has no sub condition: aud alone, or no Condition at all without it', () => {
    const doc = (entry: Record<string, unknown>) =>
      toIamPolicy(model(specOf(anyOf(entry))).accounts[0].roles[0].trustPolicy) as { Statement: { Condition?: unknown }[] };
    expect(doc({ anySubject: true }).Statement).toEqual([
      expect.objectContaining({ Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } } }),
    ]);
    expect(doc({ anySubject: true, pinAudience: false }).Statement[0].Condition).toBeUndefined();
    expect(doc({ subjects: ['repo:acme/*'], pinAudience: false }).Statement[0].Condition).toEqual({ StringLike: { [`${GH}:sub`]: 'repo:acme/*' } });
  });
  test('WHEN the access proof runs THEN it shows every workload of the issuer let in, as expected: the trust is not hidden', () => {
    const matrix = matrixOf(specOf(anyOf({ anySubject: true })));
    expect(matrix.summary.failures).toBe(0);
    const cells = matrix.cells.filter((c) => c.role.endsWith('/any'));
    const allowed = cells.filter((c) => c.actual === 'allow');
    // Another subject, and a token without one, are let in and expected so; another audience or issuer is not.
    expect(allowed.flatMap((c) => variants(matrix, c.identity))).toEqual(expect.arrayContaining(['workload', 'other-subject', 'missing-sub']));
    expect(allowed.every((c) => c.expected === 'allow' && /any subject of gh \(every workload it serves\)/.test(c.because ?? ''))).toBe(true);
    expect(cells.filter((c) => c.actual === 'deny').flatMap((c) => variants(matrix, c.identity))).toEqual(
      expect.arrayContaining(['wrong-aud', 'other-provider']),
    );
    // Without aud too: any audience gets in, and is expected to.
    const open = matrixOf(specOf(anyOf({ anySubject: true, pinAudience: false })));
    expect(open.summary.failures).toBe(0);
    expect(open.cells.filter((c) => c.role.endsWith('/any') && c.actual === 'allow').flatMap((c) => variants(open, c.identity))).toEqual(
      expect.arrayContaining(['wrong-aud', 'missing-aud']),
    );
  });
});

describe('GIVEN an aws-service pods.eks.amazonaws.com trust with sessionTags: true', () => {
  const pods = (conditions?: unknown[]): Role =>
    ({
      name: 'pods',
      trust: [{ type: 'aws-service', service: 'pods.eks.amazonaws.com', sessionTags: true, ...(conditions ? { conditions } : {}) }],
      suppressions: imported('TRUST021'),
    }) as Role;
  test('WHEN synthesized THEN it allows sts:AssumeRole and sts:TagSession, with the conditions as written', () => {
    const cluster = 'arn:aws:eks:eu-west-1:222222222222:cluster/jobs';
    const [s] = model(specOf(pods([{ test: 'StringEquals', key: 'aws:RequestTag/eks-cluster-arn', values: [cluster] }]))).accounts[0].roles[0].trustPolicy
      .statements;
    expect(s).toEqual({
      effect: 'Allow',
      actions: ['sts:AssumeRole', 'sts:TagSession'],
      principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: [cluster] }],
    });
  });
  test('WHEN unpinned and not suppressed THEN the lint pack says the association is not pinned (TRUST021)', () => {
    expect(
      lintModel(model(specOf({ ...pods(), suppressions: [] })))
        .findings.filter((f) => f.path.startsWith('accounts[0].roles[0]'))
        .map((f) => f.ruleId),
    ).toContain('TRUST021');
  });
  test('WHEN the access proof runs THEN every cell holds: the service is let in, another service is not', () => {
    for (const conditions of [undefined, [{ test: 'StringEquals', key: 'aws:SourceAccount', values: ['222222222222'] }]]) {
      const matrix = matrixOf(specOf(pods(conditions)));
      expect(matrix.summary.failures).toBe(0);
      const cells = matrix.cells.filter((c) => c.role.endsWith('/pods'));
      expect(cells.filter((c) => c.actual === 'allow').flatMap((c) => variants(matrix, c.identity))).toContain('workload');
      expect(cells.filter((c) => c.actual === 'deny').flatMap((c) => variants(matrix, c.identity))).toEqual(
        expect.arrayContaining(conditions ? ['other-service', 'extra-condition-missing', 'extra-condition-other-value'] : ['other-service']),
      );
    }
  });
});

describe('GIVEN IpAddress / NotIpAddress extra conditions', () => {
  test('WHEN import proves two trusts equivalent THEN it tries addresses inside and outside each block: another block, or the negated operator, is a difference', () => {
    const trust = (op: string, block: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:role/vendor-reader' },
          Action: 'sts:AssumeRole',
          Condition: { [op]: { 'aws:SourceIp': block } },
        },
      ],
    });
    const arn = 'arn:aws:iam::222222222222:role/vendor';
    expect(proveEquivalent(trust('IpAddress', '10.0.0.0/8'), trust('IpAddress', '10.0.0.0/8'), arn).equal).toBe(true);
    expect(proveEquivalent(trust('IpAddress', '10.0.0.0/8'), trust('IpAddress', '10.0.0.0/9'), arn).differences[0]).toMatchObject({
      left: 'allow',
      right: 'deny',
    });
    expect(proveEquivalent(trust('IpAddress', '2001:db8::/32'), trust('IpAddress', '2001:db8::/31'), arn).equal).toBe(false);
    expect(proveEquivalent(trust('IpAddress', '10.0.0.0/8'), trust('NotIpAddress', '10.0.0.0/8'), arn).equal).toBe(false);
  });
  const vendor = (conditions: unknown[]): Role =>
    ({ name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::999988887777:role/vendor-reader', externalId: 'ext-1', conditions }] }) as Role;
  test('WHEN the key is not an address key, or a value not a block THEN the spec is refused with the fix', () => {
    expect(inputProblems(specOf(vendor([{ test: 'IpAddress', key: 'aws:SourceVpc', values: ['10.0.0.0/8'] }])))).toEqual([
      expect.objectContaining({ fix: expect.stringMatching(/aws:SourceIp or key: aws:VpcSourceIp/) }),
    ]);
    expect(inputProblems(specOf(vendor([{ test: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.300'] }])))).toEqual([
      expect.objectContaining({ fix: expect.stringMatching(/203\.0\.113\.0\/24/) }),
    ]);
  });
  test('WHEN the access proof runs THEN an address inside is let in, one outside is not (NotIpAddress: the reverse, and no address is let in)', () => {
    for (const [test, values] of [
      ['IpAddress', ['203.0.113.0/24', '2001:db8::/32']],
      ['NotIpAddress', ['10.0.0.0/8']],
    ] as const) {
      const matrix = matrixOf(specOf(vendor([{ test, key: test === 'IpAddress' ? 'aws:SourceIp' : 'aws:VpcSourceIp', values }])));
      expect([test, matrix.summary.failures]).toEqual([test, 0]);
      const cells = matrix.cells.filter((c) => c.role.endsWith('/vendor'));
      const by = (actual: string) => cells.filter((c) => c.actual === actual).flatMap((c) => variants(matrix, c.identity));
      expect(by('allow')).toContain('workload');
      expect(by('deny')).toContain('extra-condition-other-value');
      // A call with no address: IpAddress refuses it, NotIpAddress lets it in (a negated operator holds on a missing key).
      expect(by(test === 'IpAddress' ? 'deny' : 'allow')).toContain('extra-condition-missing');
    }
  });
});
