/**
 * The documented scenarios, as synthesized: exact operators, keys and values
 * of every trust condition, principals, actions, session duration,
 * attachments, grants and the provider pin, read from the stack JSON that
 * `cdktf synth` writes.
 */
import { synthTo, type Synthesized } from './helpers/synth';

const DP_HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E';
const AIRFLOW_HOST = 'oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F';
const CONN_HOST = 'oidc.eks.ca-central-1.amazonaws.com/id/8A024CF24ADD3925BEFA224C4BDD005B';
const UUID = '????????-????-????-????-????????????';

let out: Synthesized;
beforeAll(() => {
  out = synthTo();
});

/** The trust statements of a role, from the data source its assume_role_policy names. */
function trustOf(account: string, role: string): any[] {
  const stack = out.stack(account);
  const ref: string = stack.resource.aws_iam_role[role].assume_role_policy;
  const doc = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(ref);
  expect(doc).not.toBeNull();
  return stack.data.aws_iam_policy_document[doc![1]].statement;
}

/** One IRSA statement: the cluster's provider in `account`, StringEquals on `sub` (`<namespace>:<service account>`) and on `aud`. */
function expectServiceAccountTrust([s]: any[], account: string, host: string, serviceAccount: string): void {
  expect(s.principals).toEqual([{ type: 'Federated', identifiers: [`arn:aws:iam::${account}:oidc-provider/${host}`] }]);
  expect(conditions(s)).toEqual({
    [`${host}:sub`]: { test: 'StringEquals', values: [`system:serviceaccount:${serviceAccount}`] },
    [`${host}:aud`]: { test: 'StringEquals', values: ['sts.amazonaws.com'] },
  });
}

function conditions(statement: any): Record<string, { test: string; values: string[] }> {
  return Object.fromEntries(statement.condition.map((c: any) => [c.variable, { test: c.test, values: c.values }]));
}

describe('data platform, own account (111111111111)', () => {
  test('sample-dev trusts project sample in env dev, through the existing provider', () => {
    const [s, ...rest] = trustOf('data-platform', 'sample-dev');
    expect(rest).toHaveLength(0);
    expect(s.effect).toBe('Allow');
    expect(s.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(s.principals).toEqual([{ type: 'Federated', identifiers: [`arn:aws:iam::111111111111:oidc-provider/${DP_HOST}`] }]);
    expect(conditions(s)).toEqual({
      [`${DP_HOST}:sub`]: { test: 'StringLike', values: [`system:serviceaccount:dev:sample-${UUID}`] },
      [`${DP_HOST}:aud`]: { test: 'StringEquals', values: ['sts.amazonaws.com'] },
    });
  });

  test('sample-all allows every environment, because the spec asked for it', () => {
    const [s] = trustOf('data-platform', 'sample-all');
    expect(conditions(s)[`${DP_HOST}:sub`]).toEqual({ test: 'StringLike', values: [`system:serviceaccount:*:sample-${UUID}`] });
  });

  test('the existing provider is referenced by ARN, not created', () => {
    const stack = out.stack('data-platform');
    expect(stack.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(stack.output.oidc_provider_arns.value).toEqual({ 'data-platform-cluster': `arn:aws:iam::111111111111:oidc-provider/${DP_HOST}` });
  });
});

describe('data platform, cross-account (222222222222)', () => {
  test('the OIDC provider for the cluster is created with the documented client id and thumbprint', () => {
    const providers = out.stack('data-lake').resource.aws_iam_openid_connect_provider;
    expect(Object.values(providers)).toHaveLength(1);
    expect(providers['data-platform-cluster']).toMatchObject({
      url: `https://${DP_HOST}`,
      client_id_list: ['sts.amazonaws.com'],
      thumbprint_list: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    });
  });

  test('cross-account-sample-dev trusts the provider in its own account', () => {
    const [s] = trustOf('data-lake', 'cross-account-sample-dev');
    expect(s.principals).toEqual([{ type: 'Federated', identifiers: [`arn:aws:iam::222222222222:oidc-provider/${DP_HOST}`] }]);
    expect(conditions(s)[`${DP_HOST}:sub`]).toEqual({ test: 'StringLike', values: [`system:serviceaccount:dev:cross-account-sample-${UUID}`] });
  });

  test('ingest_weather becomes ingest.weather in the subject', () => {
    const [s] = trustOf('data-lake', 'ingest-weather-dev');
    expect(conditions(s)[`${DP_HOST}:sub`].values).toEqual([`system:serviceaccount:dev:ingest.weather-${UUID}`]);
  });

  test('roles wait for the provider they trust', () => {
    const role = out.stack('data-lake').resource.aws_iam_role['cross-account-sample-dev'];
    expect(role.depends_on).toEqual(['aws_iam_openid_connect_provider.data-platform-cluster']);
  });

  test('inline policies are aws_iam_role_policy resources with their own documents', () => {
    const stack = out.stack('data-lake');
    const policy = stack.resource.aws_iam_role_policy['cross-account-sample-dev_read-sample-data'];
    expect(policy).toMatchObject({ name: 'read-sample-data', role: '${aws_iam_role.cross-account-sample-dev.name}' });
    const doc = stack.data.aws_iam_policy_document['cross-account-sample-dev_read-sample-data'];
    expect(doc.statement.map((s: any) => [s.sid, s.actions, s.resources])).toEqual([
      ['ListBucket', ['s3:ListBucket'], ['arn:aws:s3:::cross-account-sample-data']],
      ['ReadObjects', ['s3:GetObject'], ['arn:aws:s3:::cross-account-sample-data/*']],
    ]);
  });
});

describe('GCP Dataflow federation', () => {
  test('dataflow-s3-reader trusts accounts.google.com with the unique id as aud', () => {
    const [s, ...rest] = trustOf('data-lake', 'dataflow-s3-reader');
    expect(rest).toHaveLength(0);
    expect(s.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(s.principals).toEqual([{ type: 'Federated', identifiers: ['accounts.google.com'] }]);
    expect(s.condition).toEqual([{ test: 'StringEquals', variable: 'accounts.google.com:aud', values: ['112233445566778899000'] }]);
  });

  test('max session 3600 and AmazonS3ReadOnlyAccess attached', () => {
    const stack = out.stack('data-lake');
    expect(stack.resource.aws_iam_role['dataflow-s3-reader'].max_session_duration).toBe(3600);
    const attachments = Object.values(stack.resource.aws_iam_role_policy_attachment) as any[];
    expect(attachments).toEqual([
      { role: '${aws_iam_role.dataflow-s3-reader.name}', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', '//': expect.anything() },
    ]);
  });
});

describe('Airflow across accounts', () => {
  test('airflow trusts its cluster service account airflow/airflow-worker', () => {
    expectServiceAccountTrust(trustOf('shared-services', 'airflow'), '333333333333', AIRFLOW_HOST, 'airflow:airflow-worker');
  });

  test.each([
    ['raw-data', 'airflow-emr'],
    ['data-query', 'airflow-athena'],
  ])('%s/%s trusts exactly the airflow role, for sts:AssumeRole', (account, role) => {
    expect(trustOf(account, role)).toEqual([
      { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::333333333333:role/airflow'] }] },
    ]);
  });

  test('the airflow role may assume exactly those two ARNs', () => {
    const stack = out.stack('shared-services');
    const grant = stack.resource.aws_iam_role_policy.airflow_assume_cross_account;
    expect(grant).toMatchObject({ name: 'assume-cross-account-roles', role: '${aws_iam_role.airflow.name}' });
    expect(stack.data.aws_iam_policy_document.airflow_assume_cross_account.statement).toEqual([
      {
        sid: 'AssumeCrossAccountRoles',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::444444444444:role/airflow-emr', 'arn:aws:iam::555555555555:role/airflow-athena'],
      },
    ]);
  });

  test('the target stacks deploy after shared-services, and their roles wait for it in plain Terraform', () => {
    const manifest = require(`${out.outdir}/manifest.json`);
    expect(manifest.stacks['raw-data'].dependencies).toEqual(['shared-services']);
    expect(manifest.stacks['data-query'].dependencies).toEqual(['shared-services']);
    expect(manifest.stacks['shared-services'].dependencies).toEqual([]);
    expect(out.stack('raw-data').resource.aws_iam_role['airflow-emr'].depends_on).toEqual(['var.cross_account_dependencies']);
  });
});

describe('EKS IRSA for Connections (204393242335, ca-central-1)', () => {
  test('connections-role-test trusts devops-aurora-1/connections-serviceaccount-s3 with aud sts.amazonaws.com', () => {
    expectServiceAccountTrust(trustOf('connections', 'connections-role-test'), '204393242335', CONN_HOST, 'devops-aurora-1:connections-serviceaccount-s3');
    const role = out.stack('connections').resource.aws_iam_role['connections-role-test'];
    expect(role.description).toBe('testing sa role for pod');
  });

  test('AmazonS3FullAccess is attached to connections-role-test', () => {
    const attachments = out.stack('connections').resource.aws_iam_role_policy_attachment;
    expect(attachments['connections-role-test_AmazonS3FullAccess']).toMatchObject({
      role: '${aws_iam_role.connections-role-test.name}',
      policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
    });
  });

  test('connections-data-sync trusts that role and s3.amazonaws.com in one statement, as documented', () => {
    expect(trustOf('connections', 'connections-data-sync')).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [
          { type: 'AWS', identifiers: ['arn:aws:iam::204393242335:role/connections-role-test'] },
          { type: 'Service', identifiers: ['s3.amazonaws.com'] },
        ],
      },
    ]);
    expect(out.stack('connections').resource.aws_iam_role['connections-data-sync'].depends_on).toEqual(['aws_iam_role.connections-role-test']);
  });

  test('the provider is created here; the same-account trust gets no cross-account grant', () => {
    const stack = out.stack('connections');
    expect(Object.keys(stack.resource.aws_iam_openid_connect_provider)).toEqual(['connections-cluster']);
    expect(stack.resource.aws_iam_role_policy).toBeUndefined();
  });
});

describe('every stack', () => {
  const accounts: [string, string, string][] = [
    ['data-platform', '111111111111', 'eu-west-1'],
    ['data-lake', '222222222222', 'eu-west-1'],
    ['shared-services', '333333333333', 'eu-west-1'],
    ['raw-data', '444444444444', 'eu-west-1'],
    ['data-query', '555555555555', 'eu-west-1'],
    ['connections', '204393242335', 'ca-central-1'],
  ];

  test.each(accounts)('%s is pinned to account %s in %s', (name, id, region) => {
    expect(out.stack(name).provider.aws).toEqual([{ region, allowed_account_ids: [id] }]);
  });

  test('role ARNs are outputs', () => {
    expect(out.stack('data-lake').output.role_arns.value).toEqual({
      'cross-account-sample-dev': '${aws_iam_role.cross-account-sample-dev.arn}',
      'ingest-weather-dev': '${aws_iam_role.ingest-weather-dev.arn}',
      'dataflow-s3-reader': '${aws_iam_role.dataflow-s3-reader.arn}',
    });
  });

  test('no trust document depends on anything, so Terraform renders it at plan time', () => {
    for (const [name] of accounts) {
      for (const doc of Object.values(out.stack(name).data.aws_iam_policy_document) as any[]) {
        expect(doc.depends_on).toBeUndefined();
        expect(JSON.stringify(doc)).not.toMatch(/\$\{/);
      }
    }
  });
});
