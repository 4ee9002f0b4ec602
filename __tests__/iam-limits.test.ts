/**
 * Every IAM limit on both sides of its boundary, through the whole check a
 * spec goes through (schema, resolver, lint pack): exact rule id, field path
 * and message, and each limit reported once.
 */
import { EKS_URL, blockingProblems, specWith, type AnySpec } from './helpers/spec';

interface Row {
  readonly name: string;
  readonly mutate: (spec: AnySpec) => void;
  /** The one problem expected, or null when the spec passes. */
  readonly expected: { path: string; ruleId: string; message: string; fix?: string } | null;
}

const role = (s: AnySpec) => s.accounts[0].roles[0];
const issuer = (s: AnySpec) => s.issuers.eks;
const hex40 = 'a'.repeat(40);
const k8sTrust = (i: number) => ({ type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: `service-account-${i}` });

const rows: Row[] = [
  // IAM001: role name
  { name: 'a role name of 64 characters', mutate: (s) => (role(s).name = 'r'.repeat(64)), expected: null },
  {
    name: 'a role name of 65 characters',
    mutate: (s) => (role(s).name = 'r'.repeat(65)),
    expected: {
      path: 'accounts[0].roles[0].name',
      ruleId: 'IAM001',
      message: 'the role name has 65 characters; IAM allows at most 64',
      fix: 'shorten the role name to 64 characters or fewer',
    },
  },
  { name: 'a role name of every allowed character', mutate: (s) => (role(s).name = 'Az09_+=,.@-'), expected: null },
  {
    name: 'a role name with a space and a "!"',
    mutate: (s) => (role(s).name = 'my role!'),
    expected: { path: 'accounts[0].roles[0].name', ruleId: 'IAM001', message: 'the role name has characters IAM does not allow: " " "!"' },
  },
  {
    name: 'an empty role name',
    mutate: (s) => (role(s).name = ''),
    expected: { path: 'accounts[0].roles[0].name', ruleId: 'IAM001', message: 'the role name is empty' },
  },
  // IAM002: unique case-insensitively per account
  {
    name: 'two role names differing only in case',
    mutate: (s) => s.accounts[0].roles.push({ ...role(s), name: 'R' }),
    expected: {
      path: 'accounts[0].roles[1].name',
      ruleId: 'IAM002',
      message: 'role name "R" is used twice in account "a" (IAM role names are unique case-insensitively)',
    },
  },
  {
    name: 'one role name in two accounts',
    mutate: (s) => s.accounts.push({ ...s.accounts[0], name: 'b', id: '222222222222' }),
    expected: null,
  },
  // IAM003: path
  { name: 'a path of 512 characters', mutate: (s) => (role(s).path = `/${'p'.repeat(510)}/`), expected: null },
  {
    name: 'a path of 513 characters',
    mutate: (s) => (role(s).path = `/${'p'.repeat(511)}/`),
    expected: { path: 'accounts[0].roles[0].path', ruleId: 'IAM003', message: 'the path has 513 characters; IAM allows at most 512' },
  },
  {
    name: 'a path without the slashes',
    mutate: (s) => (role(s).path = 'team'),
    expected: {
      path: 'accounts[0].roles[0].path',
      ruleId: 'IAM003',
      message: 'an IAM path starts and ends with "/" and has only printable ASCII characters, no spaces',
    },
  },
  {
    name: 'a path with an empty segment',
    mutate: (s) => (role(s).path = '/a//b/'),
    expected: { path: 'accounts[0].roles[0].path', ruleId: 'IAM003', message: 'an IAM path has no empty segment' },
  },
  // IAM004: trust policy size (the exact 2048/2049 boundary is in the IAM004 rule table)
  { name: 'a trust policy of 35 subjects (under 2048)', mutate: (s) => (role(s).trust = Array.from({ length: 35 }, (_, i) => k8sTrust(i))), expected: null },
  {
    name: 'a trust policy of 40 subjects (over 2048)',
    mutate: (s) => (role(s).trust = Array.from({ length: 40 }, (_, i) => k8sTrust(i))),
    expected: {
      path: 'accounts[0].roles[0].trust',
      ruleId: 'IAM004',
      message: "the trust policy has 2268 non-whitespace characters; the account's quota is 2048",
      fix: 'split its 40 subjects across roles (e.g. one role per environment or project), or raise the quota with AWS and set limits.trustPolicySize on the account (up to 8192)',
    },
  },
  {
    name: 'a trust policy of 40 subjects with the quota raised to 8192',
    mutate: (s) => {
      role(s).trust = Array.from({ length: 40 }, (_, i) => k8sTrust(i));
      s.accounts[0].limits = { trustPolicySize: 8192 };
    },
    expected: null,
  },
  {
    name: 'a trust policy quota above 8192',
    mutate: (s) => (s.accounts[0].limits = { trustPolicySize: 8193 }),
    expected: { path: 'accounts[0].limits.trustPolicySize', ruleId: 'IAM004', message: 'IAM raises the trust policy size quota to at most 8192' },
  },
  {
    name: 'a trust policy quota below 2048',
    mutate: (s) => (s.accounts[0].limits = { trustPolicySize: 2047 }),
    expected: { path: 'accounts[0].limits.trustPolicySize', ruleId: 'IAM004', message: 'the trust policy size quota is at least 2048' },
  },
  // IAM005: managed policies per role
  { name: '10 managed policies', mutate: (s) => (role(s).managedPolicies = Array.from({ length: 10 }, (_, i) => `P${i}`)), expected: null },
  {
    name: '11 managed policies',
    mutate: (s) => (role(s).managedPolicies = Array.from({ length: 11 }, (_, i) => `P${i}`)),
    expected: { path: 'accounts[0].roles[0].managedPolicies', ruleId: 'IAM005', message: `role "r" has 11 managed policies; the account's quota is 10` },
  },
  {
    name: '20 managed policies with the quota raised to 20',
    mutate: (s) => {
      role(s).managedPolicies = Array.from({ length: 20 }, (_, i) => `P${i}`);
      s.accounts[0].limits = { managedPoliciesPerRole: 20 };
    },
    expected: null,
  },
  {
    name: '21 managed policies with the quota raised to 20',
    mutate: (s) => {
      role(s).managedPolicies = Array.from({ length: 21 }, (_, i) => `P${i}`);
      s.accounts[0].limits = { managedPoliciesPerRole: 20 };
    },
    expected: {
      path: 'accounts[0].roles[0].managedPolicies',
      ruleId: 'IAM005',
      message: `role "r" has 21 managed policies; the account's quota is 20`,
      fix: 'merge them into fewer customer-managed or inline policies',
    },
  },
  {
    name: 'a managed policy quota above 20',
    mutate: (s) => (s.accounts[0].limits = { managedPoliciesPerRole: 21 }),
    expected: { path: 'accounts[0].limits.managedPoliciesPerRole', ruleId: 'IAM005', message: 'IAM raises the managed policies per role quota to at most 20' },
  },
  // IAM006: max session duration
  {
    name: 'a session of 3599 seconds',
    mutate: (s) => (role(s).maxSessionDuration = 3599),
    expected: { path: 'accounts[0].roles[0].maxSessionDuration', ruleId: 'IAM006', message: 'max session duration is below 3600 seconds' },
  },
  { name: 'a session of 3600 seconds', mutate: (s) => (role(s).maxSessionDuration = 3600), expected: null },
  { name: 'a session of 43200 seconds', mutate: (s) => (role(s).maxSessionDuration = 43200), expected: null },
  {
    name: 'a session of 43201 seconds',
    mutate: (s) => (role(s).maxSessionDuration = 43201),
    expected: { path: 'accounts[0].roles[0].maxSessionDuration', ruleId: 'IAM006', message: 'max session duration is above 43200 seconds' },
  },
  {
    name: 'a session of 3600.5 seconds',
    mutate: (s) => (role(s).maxSessionDuration = 3600.5),
    expected: { path: 'accounts[0].roles[0].maxSessionDuration', ruleId: 'IAM006', message: 'max session duration is a whole number of seconds' },
  },
  // IAM007: thumbprints
  { name: '5 thumbprints', mutate: (s) => (issuer(s).thumbprints = Array(5).fill(hex40)), expected: null },
  {
    name: '6 thumbprints',
    mutate: (s) => (issuer(s).thumbprints = Array(6).fill(hex40)),
    expected: { path: 'issuers.eks.thumbprints', ruleId: 'IAM007', message: 'a provider has at most 5 thumbprints' },
  },
  {
    name: 'a thumbprint of 39 hex characters',
    mutate: (s) => (issuer(s).thumbprints = [hex40.slice(1)]),
    expected: { path: 'issuers.eks.thumbprints[0]', ruleId: 'IAM007', message: 'a thumbprint is 40 hex characters' },
  },
  {
    name: 'a thumbprint of 41 hex characters',
    mutate: (s) => (issuer(s).thumbprints = [`${hex40}a`]),
    expected: { path: 'issuers.eks.thumbprints[0]', ruleId: 'IAM007', message: 'a thumbprint is 40 hex characters' },
  },
  {
    name: 'a thumbprint that is not hex',
    mutate: (s) => (issuer(s).thumbprints = ['g'.repeat(40)]),
    expected: { path: 'issuers.eks.thumbprints[0]', ruleId: 'IAM007', message: 'a thumbprint is 40 hex characters' },
  },
  // IAM008: client ids
  {
    name: '100 client ids',
    mutate: (s) => (issuer(s).clientIds = ['sts.amazonaws.com', ...Array.from({ length: 99 }, (_, i) => `client-${i}`)]),
    expected: null,
  },
  {
    name: '101 client ids',
    mutate: (s) => (issuer(s).clientIds = ['sts.amazonaws.com', ...Array.from({ length: 100 }, (_, i) => `client-${i}`)]),
    expected: { path: 'issuers.eks.clientIds', ruleId: 'IAM008', message: 'a provider has at most 100 client ids' },
  },
  { name: 'a client id of 255 characters', mutate: (s) => (issuer(s).clientIds = ['sts.amazonaws.com', 'c'.repeat(255)]), expected: null },
  {
    name: 'a client id of 256 characters',
    mutate: (s) => (issuer(s).clientIds = ['sts.amazonaws.com', 'c'.repeat(256)]),
    expected: { path: 'issuers.eks.clientIds[1]', ruleId: 'IAM008', message: 'a client id has at most 255 characters' },
  },
  {
    name: 'no client id',
    mutate: (s) => (issuer(s).clientIds = []),
    expected: { path: 'issuers.eks.clientIds', ruleId: 'IAM008', message: 'a provider needs at least one client id' },
  },
  // IAM009: issuer URL
  {
    name: 'an http issuer URL',
    mutate: (s) => (issuer(s).url = 'http://oidc.example.com'),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'the issuer URL "http://oidc.example.com" does not start with https://' },
  },
  {
    name: 'an issuer URL with a port',
    mutate: (s) => (issuer(s).url = 'https://oidc.example.com:8443/id/x'),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'the issuer URL has a port (":8443")' },
  },
  {
    name: 'an issuer URL with a query',
    mutate: (s) => (issuer(s).url = 'https://oidc.example.com/id?x=1'),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'the issuer URL has a query ("?...")' },
  },
  {
    name: 'an issuer URL with a fragment',
    mutate: (s) => (issuer(s).url = 'https://oidc.example.com/id#x'),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'the issuer URL has a fragment ("#...")' },
  },
  {
    name: 'an issuer URL with a trailing slash',
    mutate: (s) => (issuer(s).url = 'https://oidc.example.com/id/'),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'an issuer URL has no trailing "/"' },
  },
  { name: 'an issuer URL of 255 characters', mutate: (s) => (issuer(s).url = `https://oidc.example.com/${'x'.repeat(255 - 25)}`), expected: null },
  {
    name: 'an issuer URL of 256 characters',
    mutate: (s) => (issuer(s).url = `https://oidc.example.com/${'x'.repeat(256 - 25)}`),
    expected: { path: 'issuers.eks.url', ruleId: 'IAM009', message: 'the issuer URL has 256 characters; IAM allows at most 255' },
  },
  // IAM010: one provider per URL per account
  {
    name: 'two issuers with one URL, both created in one account',
    mutate: (s) => {
      s.issuers.again = { url: EKS_URL };
      s.accounts[0].oidcProviders.again = 'create';
    },
    expected: {
      path: 'accounts[0].oidcProviders.again',
      ruleId: 'IAM010',
      message: `issuers "eks", "again" have the same URL ${EKS_URL}; account "a" can hold one OIDC provider per URL`,
    },
  },
  {
    name: 'two issuers with one URL, created in two accounts',
    mutate: (s) => {
      s.issuers.again = { url: EKS_URL };
      s.accounts.push({ name: 'b', id: '222222222222', region: 'eu-west-1', oidcProviders: { again: 'create' } });
    },
    expected: null,
  },
];

describe('IAM limits, both sides of every boundary', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    // GIVEN a valid spec with one change WHEN it is checked THEN exactly the expected problem (or none) is reported.
    const problems = blockingProblems(specWith(row.mutate));
    if (row.expected === null) {
      expect(problems).toEqual([]);
      return;
    }
    expect(problems.map((p) => ({ path: p.path, ruleId: p.ruleId, message: p.message }))).toEqual([
      { path: row.expected.path, ruleId: row.expected.ruleId, message: row.expected.message },
    ]);
    expect(problems[0].file).toBe('spec.yaml');
    expect(problems[0].fix.length).toBeGreaterThan(5);
    if (row.expected.fix) expect(problems[0].fix).toBe(row.expected.fix);
  });
});
