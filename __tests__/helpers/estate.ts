/**
 * A synthetic estate of 200 hand-made roles in three accounts, of the kinds
 * real estates hold (issue 21): IRSA service accounts, data-platform projects
 * without `aud`, GitHub Actions (branches, environments, `repo:org/*`,
 * `repo:org/app:*`), cross-account roles with hand-written grants (half
 * without the Sid synthesis writes), service roles (9 with
 * `aws:SourceAccount` / `aws:SourceArn`), account-root and vendor trusts with
 * external ids, whole namespaces, Google service accounts, customer EKS Pod
 * Identity roles, trusts with no `sub` (and no `aud`), `aws:SourceIp` /
 * `aws:VpcSourceIp` with IpAddress / NotIpAddress, AWS-owned roles
 * (service-linked, Identity Center), and two the spec cannot write (a Deny).
 * Deterministic: the same estate every run.
 */
import type { ExportedRole, IamExport, PolicyJson } from '../../src/brownfield/export';

const ACCOUNTS = [
  { name: 'platform', id: '310000000001' },
  { name: 'apps', id: '310000000002' },
  { name: 'data', id: '310000000003' },
] as const;
const EKS = 'oidc.eks.eu-west-1.amazonaws.com/id/ESTATE0123456789ABCDEF0123456789';
const GH = 'token.actions.githubusercontent.com';
const UUID = '????????-????-????-????-????????????';

const doc = (...Statement: PolicyJson[]): PolicyJson => ({ Version: '2012-10-17', Statement });
const oidc = (account: string, host: string, conditions: PolicyJson): PolicyJson => ({
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/${host}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...(Object.keys(conditions).length > 0 ? { Condition: conditions } : {}),
});

export interface Estate {
  readonly export: IamExport;
  /** Roles AWS owns, by ARN. */
  readonly awsOwned: readonly string[];
}

export function estate(): Estate {
  const roles = new Map<string, ExportedRole[]>(ACCOUNTS.map((a) => [a.id, []]));
  const add = (accountId: string, name: string, trust: PolicyJson, extra: Partial<ExportedRole> = {}) => {
    const path = extra.path ?? '/';
    roles.get(accountId)!.push({
      file: `estate-${accountId}.json`,
      accountId,
      partition: 'aws',
      name,
      path,
      arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      trust,
      inlinePolicies: [],
      managedPolicies: [],
      tags: {},
      ...extra,
    });
  };
  const awsOwned: string[] = [];
  const [platform, workloads, data] = ACCOUNTS.map((a) => a.id);
  const read = { name: 'read', document: doc({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::estate-bucket/*'] }) };

  // 40 IRSA service accounts, 20 per workload account.
  for (const account of [workloads, data]) {
    for (let i = 0; i < 20; i++) {
      add(
        account,
        `irsa-svc-${i}`,
        doc(oidc(account, EKS, { StringEquals: { [`${EKS}:sub`]: `system:serviceaccount:team-${i % 5}:svc-${i}`, [`${EKS}:aud`]: 'sts.amazonaws.com' } })),
        { inlinePolicies: [read] },
      );
    }
  }
  // 20 data-platform projects, as the platform's documents write them (no aud).
  for (let i = 0; i < 20; i++)
    add(data, `project-${i}-dev`, doc(oidc(data, EKS, { StringLike: { [`${EKS}:sub`]: `system:serviceaccount:dev:project-${i}-${UUID}` } })));
  // 26 GitHub Actions roles: a branch, an environment, the whole org, every ref of a repository.
  for (let i = 0; i < 26; i++) {
    const sub = [`repo:acme/app-${i}:ref:refs/heads/main`, `repo:acme/app-${i}:environment:production`, 'repo:acme/*', `repo:acme/app-${i}:*`][i % 4];
    const op = /\*/.test(sub) ? 'StringLike' : 'StringEquals';
    add(
      workloads,
      `gha-${i}`,
      doc(
        oidc(workloads, GH, {
          [op]: { [`${GH}:sub`]: sub },
          StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', ...(op === 'StringEquals' ? { [`${GH}:sub`]: sub } : {}) },
        }),
      ),
    );
  }
  // 15 cross-account pairs: a caller in platform with a hand-written grant (half without a Sid), a target in workloads.
  for (let i = 0; i < 15; i++) {
    const target = `arn:aws:iam::${workloads}:role/deploy-target-${i}`;
    add(platform, `deployer-${i}`, doc({ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }), {
      inlinePolicies: [
        {
          name: i % 2 ? 'assume-cross-account-roles' : `assume-${i}`,
          document: doc({ ...(i % 2 ? { Sid: 'AssumeCrossAccountRoles' } : {}), Effect: 'Allow', Action: 'sts:AssumeRole', Resource: target }),
        },
      ],
    });
    add(
      workloads,
      `deploy-target-${i}`,
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${platform}:role/deployer-${i}` }, Action: 'sts:AssumeRole' }),
      { managedPolicies: [{ name: 'PowerUserAccess', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' }] },
    );
  }
  // 30 service roles; 9 pin aws:SourceAccount or aws:SourceArn, AWS's advice against the confused deputy.
  for (let i = 0; i < 30; i++) {
    const service = ['lambda.amazonaws.com', 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'][i % 3];
    const condition =
      i < 9
        ? {
            Condition:
              i % 2
                ? { StringEquals: { 'aws:SourceAccount': platform } }
                : { ArnLike: { 'aws:SourceArn': `arn:aws:lambda:eu-west-1:${platform}:function:fn-${i}` } },
          }
        : {};
    add(platform, `service-${i}`, doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...condition }));
  }
  // 10 account-root trusts (the Airflow document's role for another account), with an external id.
  for (let i = 0; i < 10; i++)
    add(
      data,
      `from-platform-${i}`,
      doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${platform}:root` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': `ext-${i}` } },
      }),
    );
  // 10 vendor roles with an external id.
  for (let i = 0; i < 10; i++)
    add(
      data,
      `vendor-${i}`,
      doc({
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::999900000${String(i).padStart(3, '0')}:role/vendor` },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': `vendor-${i}` } },
      }),
    );
  // 4 whole-namespace trusts and 3 Google service accounts.
  for (let i = 0; i < 4; i++)
    add(
      workloads,
      `namespace-${i}`,
      doc(oidc(workloads, EKS, { StringLike: { [`${EKS}:sub`]: `system:serviceaccount:team-${i}:*` }, StringEquals: { [`${EKS}:aud`]: 'sts.amazonaws.com' } })),
    );
  for (let i = 0; i < 3; i++)
    add(
      data,
      `google-${i}`,
      doc({
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'accounts.google.com:aud': `1122334455667788990${i}` } },
      }),
    );
  // 15 roles AWS owns.
  for (let i = 0; i < 10; i++) {
    add(
      ACCOUNTS[i % 3].id,
      `AWSServiceRoleForService${i}`,
      doc({ Effect: 'Allow', Principal: { Service: `service${i}.amazonaws.com` }, Action: 'sts:AssumeRole' }),
      { path: `/aws-service-role/service${i}.amazonaws.com/` },
    );
  }
  for (let i = 0; i < 5; i++) {
    const account = ACCOUNTS[i % 3].id;
    add(
      account,
      `AWSReservedSSO_Set${i}_0123456789abcdef`,
      doc({
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      }),
      { path: '/aws-reserved/sso.amazonaws.com/' },
    );
  }
  // 4 customer Pod Identity roles (its associations are not in an IAM export): any association, the cluster's ARN tag, AWS's confused-deputy keys, every tag.
  const cluster = `arn:aws:eks:eu-west-1:${workloads}:cluster/estate`;
  const pods = (Condition?: PolicyJson): PolicyJson => ({
    Effect: 'Allow',
    Principal: { Service: 'pods.eks.amazonaws.com' },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    ...(Condition ? { Condition } : {}),
  });
  add(workloads, 'pods-any', doc(pods()));
  add(workloads, 'pods-cluster', doc(pods({ StringEquals: { 'aws:RequestTag/eks-cluster-arn': cluster } })));
  add(workloads, 'pods-source', doc(pods({ StringEquals: { 'aws:SourceAccount': workloads }, ArnEquals: { 'aws:SourceArn': cluster } })));
  add(
    workloads,
    'pods-service-account',
    doc(
      pods({
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': cluster,
          'aws:RequestTag/kubernetes-namespace': 'jobs',
          'aws:RequestTag/kubernetes-service-account': 'loader',
        },
      }),
    ),
  );
  // 6 insecure or IP-pinned trusts, imported as they are: no sub (one with no aud either), aws:SourceIp / aws:VpcSourceIp.
  for (let i = 0; i < 3; i++) add(workloads, `no-sub-${i}`, doc(oidc(workloads, GH, i < 2 ? { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } } : {})));
  for (let i = 0; i < 3; i++) {
    const condition = i < 2 ? { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } } : { NotIpAddress: { 'aws:VpcSourceIp': '10.99.0.0/16' } };
    add(
      platform,
      `source-ip-${i}`,
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${platform}:role/deployer-${i}` }, Action: 'sts:AssumeRole', Condition: condition }),
    );
  }
  // 2 the spec cannot write: a Deny statement.
  for (let i = 0; i < 2; i++)
    add(
      platform,
      `deny-${i}`,
      doc(
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      ),
    );

  for (const list of roles.values()) for (const r of list) if (r.path.startsWith('/aws-')) awsOwned.push(r.arn);
  return {
    awsOwned,
    export: {
      accounts: ACCOUNTS.map((a) => ({ accountId: a.id, partition: 'aws', name: a.name, files: [`estate-${a.id}.json`], roles: roles.get(a.id)! })),
      providers: ACCOUNTS.flatMap((a) => [
        { file: `oidc-${a.id}.json`, host: EKS, accountId: a.id, arn: `arn:aws:iam::${a.id}:oidc-provider/${EKS}` },
        { file: `oidc-${a.id}.json`, host: GH, accountId: a.id, arn: `arn:aws:iam::${a.id}:oidc-provider/${GH}` },
      ]),
    },
  };
}
