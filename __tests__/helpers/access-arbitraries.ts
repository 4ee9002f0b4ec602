/**
 * fast-check arbitraries for the access proof's soundness tests: random specs
 * with every trust type over three accounts, and mutations of a trust policy
 * (what a plan or a hand edit can do to it: widened, narrowed or broken).
 */
import fc from 'fast-check';
import { policySetFromModel, type PolicySet } from '../../src/access/evaluate/policy-set';
import { resolveModel } from '../../src/model/resolve';
import type { Model } from '../../src/model/types';
import { validateSpec } from '../../src/input/load';

// ---- random specs ------------------------------------------------------------

const ISSUERS = {
  eks: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA1111BBBB2222CCCC3333DDDD4444' },
  eks2: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EEEE5555FFFF6666AAAA7777BBBB8888' },
  github: { url: 'https://token.actions.githubusercontent.com' },
  partner: { url: 'https://idp.partner.example.com', clientIds: ['aws-federation'] },
};
const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const NAMES = ['a', 'b', 'c', 'd'];

const trustArb = (account: number): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc.record({
      type: fc.constant('data-platform-project'),
      issuer: fc.constantFrom('eks', 'eks2'),
      project: fc.constantFrom('sales', 'sales_x'),
      environment: fc.constantFrom('dev', 'prod'),
    }),
    fc.record({ type: fc.constant('data-platform-project'), issuer: fc.constant('eks'), project: fc.constant('sales'), allEnvironments: fc.constant(true) }),
    fc.record({
      type: fc.constant('kubernetes-service-account'),
      issuer: fc.constantFrom('eks', 'eks2'),
      namespace: fc.constantFrom('default', 'ns'),
      serviceAccount: fc.constantFrom('sa', 'default'),
    }),
    fc.record({
      type: fc.constant('google-service-account'),
      uniqueId: fc.constantFrom('100000000000000000001', '100000000000000000002'),
      requireSubject: fc.boolean(),
    }),
    fc.record({ type: fc.constant('aws-role'), role: fc.constantFrom(...NAMES) }),
    fc.record({ type: fc.constant('aws-role'), role: fc.constantFrom(...NAMES), account: fc.constantFrom(...ACCOUNTS.map((_, i) => `acct-${i}`)) }),
    fc.record({ type: fc.constant('aws-role'), role: fc.constant('arn:aws:iam::999000000001:role/vendor'), externalId: fc.constantFrom('x-1', 'x-2') }),
    fc.record({ type: fc.constant('aws-service'), service: fc.constantFrom('s3.amazonaws.com', 'ec2.amazonaws.com') }),
    fc.record({
      type: fc.constant('github-actions'),
      issuer: fc.constant('github'),
      repository: fc.constantFrom('octo/app', 'octo/app-x'),
      branches: fc.constantFrom(['main'], ['main', 'release/*']),
      environments: fc.constantFrom([], ['production']),
    }),
    fc.record({
      type: fc.constant('eks-pod-identity'),
      cluster: fc.constantFrom('c1', 'c2'),
      namespace: fc.constantFrom('ns', 'default'),
      serviceAccount: fc.constant('sa'),
      disableSessionTags: fc.constantFrom(undefined, true),
    }),
    // A target role: the cluster in another account (the resolver refuses the role's own), EKS chaining through `via`.
    fc.record({
      type: fc.constant('eks-pod-identity'),
      clusterAccount: fc.constantFrom(...ACCOUNTS.map((_, i) => `acct-${i}`)),
      via: fc.constantFrom(`via-${account}-a`, `via-${account}-b`),
      cluster: fc.constantFrom('c1', 'c2'),
      namespace: fc.constant('ns'),
      serviceAccount: fc.constantFrom('sa', 'default'),
      disableSessionTags: fc.constantFrom(undefined, true),
    }),
    fc.record({
      type: fc.constant('web-identity'),
      issuers: fc.constantFrom(
        [{ issuer: 'partner', subjects: ['svc'] }],
        [
          { issuer: 'eks', subjects: ['system:serviceaccount:ns:sa'] },
          { issuer: 'partner', subjects: ['svc-*'] },
        ],
      ),
    }),
    fc.record({ type: fc.constant('iam-user'), user: fc.constantFrom(`u${account}`, 'shared') }),
  );

const roleArb = (account: number) =>
  fc.record({
    name: fc.constantFrom(...NAMES),
    trust: fc.array(trustArb(account), { minLength: 1, maxLength: 2 }),
    maxSessionDuration: fc.constantFrom(undefined, 3600, 7200),
  });

export const specArb = fc.integer({ min: 1, max: 3 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => fc.uniqueArray(roleArb(i), { minLength: 1, maxLength: 3, selector: (r) => r.name }))).map((roleLists) => ({
    version: 1,
    options: { allowIamUserAccessKeys: true },
    issuers: ISSUERS,
    accounts: roleLists.map((roles, i) => ({
      name: `acct-${i}`,
      id: ACCOUNTS[i],
      region: 'eu-west-1',
      oidcProviders: { eks: 'create', eks2: 'create', github: 'create', partner: 'create' },
      roles: roles.map((r) => (r.maxSessionDuration === undefined ? { name: r.name, trust: r.trust } : r)),
    })),
  })),
);

// ---- policy mutations: what a plan or a hand edit can do to a trust policy ------

export type Doc = { Statement: Record<string, any>[] };
export interface Mutation {
  readonly role: number;
  apply(doc: Doc, model: Model): void;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc
  .record({
    role: fc.nat(20),
    kind: fc.constantFrom('open', 'aws-star', 'account-root', 'unknown-operator', 'drop-statement', 'other-value', 'role-of-other-account', 'no-condition'),
    pick: fc.nat(5),
  })
  .map(({ role, kind, pick }) => ({
    role,
    apply(doc: Doc, model: Model) {
      const s = doc.Statement[pick % doc.Statement.length];
      const account = model.accounts[pick % model.accounts.length].id;
      switch (kind) {
        case 'open':
          doc.Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: '*' });
          break;
        case 'aws-star':
          doc.Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } });
          break;
        case 'account-root':
          doc.Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${account}:root` } });
          break;
        case 'unknown-operator':
          if (s) s.Condition = { ...(s.Condition ?? {}), StringFancy: { 'aws:x': 'y' } };
          break;
        case 'drop-statement':
          doc.Statement.splice(pick % Math.max(doc.Statement.length, 1), 1);
          if (doc.Statement.length === 0) doc.Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } });
          break;
        case 'other-value':
          for (const block of Object.values(s?.Condition ?? {}) as Record<string, unknown>[]) for (const k of Object.keys(block)) block[k] = 'something-else';
          break;
        case 'role-of-other-account':
          doc.Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${account}:role/${NAMES[pick % NAMES.length]}` } });
          break;
        case 'no-condition':
          if (s) delete s.Condition;
          break;
      }
    },
  }));

/** The model of a random spec, or undefined when the resolver refuses it (e.g. a duplicate name): nothing to check then. */
export function resolveOrSkip(input: unknown): Model | undefined {
  try {
    return resolveModel(validateSpec(input, 'random.yaml'));
  } catch {
    return undefined;
  }
}

/** The spec's own policies with the mutations applied to copies of its trust policies. */
export function mutatedPolicies(model: Model, mutations: readonly Mutation[], source?: string): PolicySet {
  const policies = policySetFromModel(model);
  const roles = policies.roles.map((r) => ({ ...r, trust: JSON.parse(JSON.stringify(r.trust)) }));
  for (const m of mutations) if (roles.length > 0) m.apply(roles[m.role % roles.length].trust, model);
  return { ...policies, source: source ?? policies.source, roles };
}
