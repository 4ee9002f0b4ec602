/**
 * Generated specs for the benchmark: `accounts` AWS accounts with 20 roles
 * each, shaped like an AWS Organization run by a platform team.
 *
 * - Accounts come in groups of 10. Each group has an EKS cluster (an issuer);
 *   every account creates its own IAM OIDC provider for its group's cluster and
 *   references the data platform's provider, which already exists.
 * - The first account of each group is the group's hub: its `orchestrator`
 *   (IRSA) role is trusted by roles of the other nine, which gives the hub
 *   cross-account grants. Hubs trust the first account's orchestrator, and each
 *   account also trusts its predecessor in the group, so the account graph is
 *   a DAG with chains up to 10 long.
 * - Per account: 6 data-platform project roles, 4 IRSA roles, 2 Google service
 *   accounts, 1 AWS service, 2 same-account aws-role edges, 3 cross-account
 *   aws-role edges, 1 third-party role ARN (with an external id, as the lint
 *   pack requires), 1 role with two trust entries.
 *
 * Deterministic: the same arguments always give the same spec.
 */
import type { SpecInput } from '../src/input/schema';

export const ROLES_PER_ACCOUNT = 20;
const GROUP = 10;
const REGIONS = ['eu-west-1', 'us-east-1', 'ca-central-1'] as const;
const PROJECTS = ['ingest_weather', 'sales', 'ml-training', 'reporting', 'etl', 'feature-store'] as const;

type AccountInput = SpecInput['accounts'][number];
type RoleInput = NonNullable<AccountInput['roles']>[number];

const accountName = (i: number) => `acct-${String(i).padStart(4, '0')}`;
const accountId = (i: number) => String(100000000000 + i);
const hex = (n: number, len: number) => {
  // A fixed, cheap mixing function: stable, looks random enough for ids.
  let x = (n + 1) * 2654435761;
  let out = '';
  while (out.length < len) {
    x = (x ^ (x >>> 13)) * 1274126177;
    x >>>= 0;
    out += x.toString(16).toUpperCase().padStart(8, '0');
  }
  return out.slice(0, len);
};

export function generateSpec(accounts: number): SpecInput {
  if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`accounts must be a positive integer, got ${accounts}`);
  const groups = Math.ceil(accounts / GROUP);
  const issuers: NonNullable<SpecInput['issuers']> = {
    'data-platform': {
      url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/DA7A91A7F0B3D4E5C6A7B8C9D0E1F2A3',
      clientIds: ['sts.amazonaws.com'],
      thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    },
  };
  for (let g = 0; g < groups; g++) {
    issuers[`cluster-${g}`] = { url: `https://oidc.eks.${REGIONS[g % REGIONS.length]}.amazonaws.com/id/${hex(g, 32)}` };
  }
  return {
    version: 1,
    issuers,
    accounts: Array.from({ length: accounts }, (_, i) => account(i)),
  };
}

function account(i: number): AccountInput {
  const g = Math.floor(i / GROUP);
  const cluster = `cluster-${g}`;
  const hub = g * GROUP;
  const isHub = i === hub;
  const tags = { team: `team-${g}`, 'cost-center': `cc-${1000 + (i % 37)}` };

  const crossAccount = (name: string, target: { account: number } | { arn: string }): RoleInput => ({
    name,
    description: 'Assumed by an orchestrator in another account.',
    trust: [
      'arn' in target
        ? { type: 'aws-role', role: target.arn, externalId: `${accountName(i)}-automation` }
        : { type: 'aws-role', role: 'orchestrator', account: accountName(target.account) },
    ],
    managedPolicies: ['arn:aws:iam::aws:policy/AmazonAthenaFullAccess'],
    tags,
  });
  // Hubs answer to the first account; the first account to an automation role outside the spec.
  const upstream: { account: number } | { arn: string } = !isHub
    ? { account: hub }
    : i > 0
      ? { account: 0 }
      : { arn: 'arn:aws:iam::123456789012:role/org-automation' };
  const peer: { account: number } | { arn: string } = !isHub ? { account: i - 1 } : { arn: 'arn:aws:iam::123456789012:role/org-audit' };

  const roles: RoleInput[] = [
    ...PROJECTS.map((project, p): RoleInput => {
      const env = p % 3 === 0 ? { allEnvironments: true as const } : { environment: p % 3 === 1 ? 'dev' : 'prod' };
      return {
        name: `dp-${project.replace(/_/g, '-')}`,
        path: p % 2 === 0 ? '/data-platform/' : '/',
        trust: [{ type: 'data-platform-project', issuer: 'data-platform', project, ...env }],
        inlinePolicies:
          p < 2
            ? [
                {
                  name: 'read-project-data',
                  statements: [
                    { sid: 'List', actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${accountName(i)}-${project.replace(/_/g, '-')}`] },
                    {
                      sid: 'Read',
                      actions: ['s3:GetObject', 's3:GetObjectVersion'],
                      resources: [`arn:aws:s3:::${accountName(i)}-${project.replace(/_/g, '-')}/*`],
                      conditions: [{ test: 'StringEquals', variable: 'aws:ResourceAccount', values: [accountId(i)] }],
                    },
                  ],
                },
              ]
            : [],
        managedPolicies: p === 2 ? ['data-platform-base'] : [],
        permissionsBoundary: p === 3 ? 'platform-boundary' : undefined,
        tags: { ...tags, project },
      };
    }),
    ...['orchestrator', 'ingest-worker', 'api-server', 'batch-runner'].map((sa, k): RoleInput => ({
      name: sa,
      description: `IRSA role of ${sa} on ${cluster}.`,
      // The orchestrator is Airflow (namespace airflow): the roles it assumes in other accounts get connections.
      ...(k === 0 ? { airflow: true } : {}),
      trust: [{ type: 'kubernetes-service-account', issuer: cluster, namespace: k === 0 ? 'airflow' : `ns-${sa}`, serviceAccount: `${sa}-sa` }],
      managedPolicies: k === 1 ? ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] : [],
      tags,
    })),
    {
      name: 'gcp-dataflow-reader',
      maxSessionDuration: 3600,
      trust: [{ type: 'google-service-account', uniqueId: `1${String(i).padStart(20, '0')}` }],
      managedPolicies: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    },
    {
      name: 'gcp-batch',
      maxSessionDuration: 7200,
      trust: [{ type: 'google-service-account', uniqueId: `2${String(i).padStart(20, '0')}`, requireSubject: true }],
    },
    {
      name: 'lambda-exec',
      trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }],
      managedPolicies: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    },
    { name: 'emr-job', trust: [{ type: 'aws-role', role: 'orchestrator' }], managedPolicies: ['arn:aws:iam::aws:policy/AmazonEMRFullAccessPolicy_v2'] },
    { name: 'athena-query', trust: [{ type: 'aws-role', role: `arn:aws:iam::${accountId(i)}:role/orchestrator` }] },
    crossAccount('from-hub-emr', upstream),
    crossAccount('from-hub-athena', upstream),
    crossAccount('from-peer', peer),
    {
      name: 'vendor-access',
      description: 'Read-only access for the security vendor.',
      trust: [{ type: 'aws-role', role: 'arn:aws:iam::123456789012:role/vendor-scanner', externalId: `vendor-${accountId(i)}` }],
    },
    {
      name: 'data-sync',
      trust: [
        { type: 'aws-service', service: 'datasync.amazonaws.com' },
        { type: 'aws-role', role: 'ingest-worker' },
      ],
      tags,
    },
  ];
  if (roles.length !== ROLES_PER_ACCOUNT) throw new Error(`generator bug: ${roles.length} roles`);
  return {
    name: accountName(i),
    id: accountId(i),
    region: REGIONS[i % REGIONS.length],
    deployRole: i % 4 === 0 ? `arn:aws:iam::${accountId(i)}:role/terraform-deploy` : undefined,
    oidcProviders: { [cluster]: 'create', 'data-platform': 'existing' },
    roles,
  };
}
