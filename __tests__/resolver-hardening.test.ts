/**
 * Issue 11 in the resolver, the lint pack and the workload artifacts:
 * partitions, reference errors with their line, TRUST015 between our own
 * accounts, and no artifacts for callers outside the spec (external ids where
 * our own caller must present one). A failing and a passing case each.
 */
import { parse as parseIni } from 'ini';
import { lintModel, lintTrustPolicy } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import { parseSpecYaml } from '../src/input/load';
import { workloadArtifacts } from '../src/workloads';
import { blockingProblems, lint, onlyProblem, specWith, synthRefusal } from './helpers/spec';
import { model } from './helpers/model';

const TWO = (roles: string, partition = '') => `
accounts:
  - name: hub
    id: "111111111111"
    region: eu-west-1
    roles:
      - { name: airflow, airflow: true,
          trust: [{ type: aws-service, service: ec2.amazonaws.com }] }
  - name: lake
    id: "222222222222"
    region: eu-west-1
${partition}    roles:
${roles}`;

describe('4. partitions', () => {
  test.each([
    [
      'a trusted role of aws-cn',
      '      - { name: r, trust: [{ type: aws-role, role: "arn:aws-cn:iam::999999999999:role/x", externalId: abcdef }] }\n',
      'accounts[1].roles[0].trust[0].role',
      '"arn:aws-cn:iam::999999999999:role/x" is in partition aws-cn',
    ],
    [
      'a trusted role of aws-us-gov',
      '      - { name: r, trust: [{ type: aws-role, role: "arn:aws-us-gov:iam::999999999999:role/x", externalId: abcdef }] }\n',
      'accounts[1].roles[0].trust[0].role',
      '"arn:aws-us-gov:iam::999999999999:role/x" is in partition aws-us-gov',
    ],
    [
      'a managed policy of aws-cn',
      '      - { name: r, managedPolicies: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"], trust: [{ type: aws-service, service: s3.amazonaws.com }] }\n',
      'accounts[1].roles[0].managedPolicies[0]',
      '"arn:aws-cn:iam::aws:policy/ReadOnlyAccess" is in partition aws-cn',
    ],
    [
      'a permissions boundary of aws-us-gov',
      '      - { name: r, permissionsBoundary: "arn:aws-us-gov:iam::aws:policy/PowerUserAccess", trust: [{ type: aws-service, service: s3.amazonaws.com }] }\n',
      'accounts[1].roles[0].permissionsBoundary',
      '"arn:aws-us-gov:iam::aws:policy/PowerUserAccess" is in partition aws-us-gov',
    ],
  ])('%s in an aws account is refused', (_name, roles, path, start) => {
    const p = onlyProblem(synthRefusal(TWO(roles)));
    expect(p.path).toBe(path);
    expect(p.file).toMatch(/^spec\.yaml:1\d$/);
    expect(p.message).toBe(`${start}, but account "lake" is in aws; IAM refuses principals and policies of another partition at apply`);
    expect(p.fix).toMatch(/^use an ARN of the aws partition \(arn:aws:\.\.\.\), or move the role to an account of partition aws-/);
  });

  test('a region of another partition, and a deploy role of another partition, are refused', () => {
    const problems = synthRefusal(
      TWO(
        '      - { name: r, trust: [{ type: aws-service, service: s3.amazonaws.com }] }\n',
        '    deployRole: "arn:aws-cn:iam::222222222222:role/deploy"\n',
      ).replace('region: eu-west-1\n    deployRole', 'region: cn-north-1\n    deployRole'),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['accounts[1].region', 'region cn-north-1 is not in partition aws'],
      [
        'accounts[1].deployRole',
        '"arn:aws-cn:iam::222222222222:role/deploy" is in partition aws-cn, but account "lake" is in aws; IAM refuses principals and policies of another partition at apply',
      ],
    ]);
    expect(problems[0].fix).toBe('set partition: aws-cn, or use a region of aws');
  });

  test('an aws-cn account with aws-cn ARNs and a China region passes', () => {
    const text = TWO(
      '      - { name: r, managedPolicies: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess"], trust: [{ type: aws-role, role: "arn:aws-cn:iam::999999999999:role/x", externalId: abcdef }] }\n',
      '    partition: aws-cn\n',
    ).replace('region: eu-west-1\n    partition', 'region: cn-north-1\n    partition');
    const m = resolveModel(parseSpecYaml(text, 'spec.yaml'));
    expect(m.accounts[1].roles[0].arn).toBe('arn:aws-cn:iam::222222222222:role/r');
  });
});

describe('6. reference errors carry their line', () => {
  test.each([
    [
      'an unknown account',
      '      - { name: r, trust: [{ type: aws-role, role: airflow, account: hubb }] }\n',
      'accounts[1].roles[0].trust[0].account',
      'account "hubb" is not declared',
    ],
    [
      'an unknown role',
      '      - { name: r, trust: [{ type: aws-role, role: airflw, account: hub }] }\n',
      'accounts[1].roles[0].trust[0].role',
      'role "airflw" is not declared in account "hub"',
    ],
  ])('%s', (_name, roles, path, message) => {
    const [p] = synthRefusal(TWO(roles));
    expect(p).toMatchObject({ file: 'spec.yaml:13', path, message });
  });

  test("an issuer's unknown account", () => {
    const text = `issuers:\n  c:\n    url: https://oidc.eks.eu-west-1.amazonaws.com/id/A\n    account: nope\n${TWO('      - { name: r, trust: [{ type: aws-service, service: s3.amazonaws.com }] }\n').trimStart()}`;
    const [p] = synthRefusal(text);
    expect(p).toEqual({
      file: 'spec.yaml:4',
      path: 'issuers.c.account',
      message: 'account "nope" is not declared',
      fix: "name the account the issuer's cluster runs in, one of: hub, lake",
    });
  });
});

describe('7. TRUST015 between our own accounts', () => {
  const trust015 = (trust: unknown) =>
    lint(specWith((s) => s.accounts.push({ name: 'b', id: '222222222222', region: 'eu-west-1', roles: [{ name: 'x', trust: [trust] }] }))).findings.filter(
      (f) => f.ruleId === 'TRUST015',
    );

  test('a specific role of a spec account: no finding (the caller side has its grant)', () => {
    expect(trust015({ type: 'aws-role', role: 'r', account: 'a' })).toEqual([]);
  });

  test('the root of a spec account (hand-written IAM JSON: the spec cannot express it): a warning', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }] };
    const found = lintTrustPolicy(policy, { accountId: '222222222222', ownAccountIds: ['111111111111', '222222222222'] }).filter(
      (r) => r.ruleId === 'TRUST015',
    );
    expect(found.map((r) => [r.level, r.message])).toEqual([
      ['warning', 'cross-account sts:AssumeRole from your account 111111111111 ("arn:aws:iam::111111111111:root") requires neither sts:ExternalId nor MFA'],
    ]);
  });

  test('a role outside the spec: an error, and an external id passes', () => {
    expect(trust015({ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor' }).map((f) => f.level)).toEqual(['error']);
    expect(trust015({ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor', externalId: 'vendor-secret-1' })).toEqual([]);
  });
});

describe('8. workload artifacts only for our own callers', () => {
  const lake = (trust: string) => TWO(`      - name: reader\n        trust: [${trust}]\n`);

  test('a third-party caller gets no Airflow connection and no profile', () => {
    const m = resolveModel(parseSpecYaml(lake('{ type: aws-role, role: "arn:aws:iam::999999999999:role/vendor", externalId: vendor-secret-1 }'), 'spec.yaml'));
    expect(workloadArtifacts(m).filter((a) => a.account === 'lake')).toEqual([]);
  });

  test('an explicit airflowConnection for a third-party caller is refused', () => {
    const [p] = synthRefusal(lake('{ type: aws-role, role: "arn:aws:iam::999999999999:role/vendor", externalId: vendor-secret-1, airflowConnection: vendor }'));
    expect(p).toEqual({
      file: 'spec.yaml:14',
      path: 'accounts[1].roles[0].trust[0].airflowConnection',
      message:
        'airflowConnection asks for an Airflow connection, but the caller arn:aws:iam::999999999999:role/vendor is not a role of this spec, so our Airflow is not the one assuming the role',
      fix: 'remove airflowConnection: the third party configures its own side; write the connection only for callers declared in the spec',
    });
  });

  test('our own caller with an external id: the Airflow extras carry assume_role_kwargs, the SDK profile external_id', () => {
    const m = resolveModel(parseSpecYaml(lake('{ type: aws-role, role: airflow, account: hub, externalId: lake-reader-7 }'), 'spec.yaml'));
    const files = new Map(workloadArtifacts(m).map((a) => [a.path, a.content]));
    expect(JSON.parse(files.get('workloads/lake/airflow-connections.json')!)).toEqual({
      aws_lake_reader: {
        conn_type: 'aws',
        extra: { role_arn: 'arn:aws:iam::222222222222:role/reader', region_name: 'eu-west-1', assume_role_kwargs: { ExternalId: 'lake-reader-7' } },
      },
    });
    expect(files.get('workloads/lake/airflow-connections.env')).toContain(
      `AIRFLOW_CONN_AWS_LAKE_READER='{"conn_type":"aws","extra":{"role_arn":"arn:aws:iam::222222222222:role/reader","region_name":"eu-west-1","assume_role_kwargs":{"ExternalId":"lake-reader-7"}}}'`,
    );
    // The caller runs on EC2 (its trust is ec2.amazonaws.com): its own credentials come from instance metadata.
    expect(parseIni(files.get('workloads/lake/aws-config.ini')!)).toEqual({
      'profile lake-reader-from-hub-airflow': {
        role_arn: 'arn:aws:iam::222222222222:role/reader',
        external_id: 'lake-reader-7',
        credential_source: 'Ec2InstanceMetadata',
      },
    });
  });

  test('an IRSA caller chains from its own web-identity profile', () => {
    const m = model(
      specWith((s) => {
        s.accounts.push({
          name: 'b',
          id: '222222222222',
          region: 'eu-west-1',
          roles: [{ name: 'x', trust: [{ type: 'aws-role', role: 'r', account: 'a', externalId: 'x-from-r-1' }] }],
        });
      }),
    );
    const ini = parseIni(workloadArtifacts(m).find((a) => a.path === 'workloads/b/aws-config.ini')!.content);
    expect(ini).toEqual({
      'profile b-x-from-a-r': { role_arn: 'arn:aws:iam::222222222222:role/x', external_id: 'x-from-r-1', source_profile: 'b-x-from-a-r-caller' },
      'profile b-x-from-a-r-caller': {
        role_arn: 'arn:aws:iam::111111111111:role/r',
        web_identity_token_file: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
      },
    });
  });

  test('our own caller without an external id: a connection without assume_role_kwargs, and no profile', () => {
    const m = resolveModel(parseSpecYaml(lake('{ type: aws-role, role: airflow, account: hub }'), 'spec.yaml'));
    const artifacts = workloadArtifacts(m);
    expect(artifacts.map((a) => a.path)).toEqual(['workloads/lake/airflow-connections.env', 'workloads/lake/airflow-connections.json']);
    expect(JSON.parse(artifacts[1].content).aws_lake_reader.extra).toEqual({ role_arn: 'arn:aws:iam::222222222222:role/reader', region_name: 'eu-west-1' });
  });
});

describe('issue 10: the checks that were warnings are lint rules, suppressible like the others', () => {
  const irsa = { type: 'kubernetes-service-account', issuer: 'eks', namespace: 'ns', serviceAccount: 'sa' };
  const twice = (suppressions?: unknown[]) =>
    specWith((s) => {
      s.accounts[0].roles.push({ name: 'r2', trust: [irsa], ...(suppressions ? { suppressions } : {}) });
    });

  test('WORK002 is a warning at the second binding, and a suppression with a reason accepts it', () => {
    const [f] = lint(twice()).findings.filter((x) => x.ruleId === 'WORK002');
    expect(f).toMatchObject({ level: 'warning', path: 'accounts[0].roles[1].trust[0]' });
    expect(f.suppressed).toBeUndefined();
    const [g] = lint(twice([{ rule: 'WORK002', reason: 'the second role is the blue/green twin of the first' }])).findings.filter(
      (x) => x.ruleId === 'WORK002',
    );
    expect(g.suppressed).toEqual({ reason: 'the second role is the blue/green twin of the first', path: 'accounts[0].roles[1].suppressions[0]' });
  });

  test('SPEC002 cannot be suppressed: Terraform would refuse the second user anyway', () => {
    const user = { type: 'iam-user', user: 'batch' };
    const problems = blockingProblems(
      specWith((s) => {
        s.options = { allowIamUserAccessKeys: true };
        s.accounts[0].roles.push(
          { name: 'u1', trust: [user] },
          { name: 'u2', trust: [user], suppressions: [{ rule: 'SPEC002', reason: 'we want two keys for the user' }] },
        );
      }),
    );
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([
      ['SPEC002', 'accounts[0].roles[2].trust[0].user'],
      ['LINT002', 'accounts[0].roles[2].suppressions[0].rule'],
    ]);
  });

  test('the model carries the spec options, so nothing downstream reads the spec', () => {
    const m = model(specWith((s) => (s.options = { moduleFormat: 'hcl' })));
    expect(m.options).toEqual({ moduleFormat: 'hcl', allowIamUserAccessKeys: false });
    expect(lintModel(m).findings.filter((f) => f.level === 'error')).toEqual([]);
  });
});
