/**
 * EKS Pod Identity across accounts (examples/eks-cross-account): a target
 * role's eks-pod-identity entry with `clusterAccount` and `via` creates the
 * association's role in the cluster's account, both trusts, the grant and the
 * association with `target_role_arn`; `disableSessionTags` swaps the tag pins
 * for the external id; TRUST021; the access proof; refusals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMatrix, isNotable } from '../src/access/proof/matrix';
import { AccessSweep } from '../src/access/proof/sweep';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { loadSpecFile, parseSpecYaml } from '../src/input/load';
import { synthesize } from '../src/synth';
import { lint, synthRefusal, onlyProblem } from './helpers/spec';
import { readTree, tempDir } from './helpers/synth';

const SPEC = join(__dirname, '..', 'examples', 'eks-cross-account', 'spec.yaml');
const loaded = loadSpecFile(SPEC);
const model = resolveModel(loaded);
const PLATFORM = '111111111111';
const LAKE = '222222222222';
const CLUSTER = `arn:aws:eks:eu-west-1:${PLATFORM}:cluster/spark`;

/** The session tags of spark/driver on the spark cluster, pinned as both trusts of the chain pin them. */
const DRIVER_TAGS = [
  { test: 'StringEquals', values: [CLUSTER], variable: 'aws:RequestTag/eks-cluster-arn' },
  { test: 'StringEquals', values: ['spark'], variable: 'aws:RequestTag/kubernetes-namespace' },
  { test: 'StringEquals', values: ['driver'], variable: 'aws:RequestTag/kubernetes-service-account' },
];

describe('GIVEN a target role whose cluster runs in another spec account', () => {
  const dir = tempDir('xacct-chain-');
  synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
  const stack = (account: string) => JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', account, 'cdk.tf.json'), 'utf8'));
  const platform = stack('platform');
  const lake = stack('data-lake');
  const doc = (s: typeof platform, id: string) => s.data.aws_iam_policy_document[id].statement;

  it('THEN the cluster account gets the via role, and its association names the target role', () => {
    expect(model.accounts[0].roles.map((r) => r.name)).toEqual([
      'spark-history',
      'spark-partner-export',
      'spark-driver-pod-identity',
      'spark-audit-pod-identity',
    ]);
    const assoc = platform.resource.aws_eks_pod_identity_association;
    expect(Object.keys(assoc)).toEqual([
      'spark-audit-pod-identity_spark_auditor',
      'spark-driver-pod-identity_spark_driver',
      'spark-history_spark_history-server',
      'spark-partner-export_spark_exporter',
    ]);
    expect(assoc['spark-driver-pod-identity_spark_driver']).toMatchObject({
      cluster_name: 'spark',
      namespace: 'spark',
      service_account: 'driver',
      role_arn: '${aws_iam_role.spark-driver-pod-identity.arn}',
      target_role_arn: `arn:aws:iam::${LAKE}:role/lake-reader`,
    });
    expect(assoc['spark-driver-pod-identity_spark_driver']).not.toHaveProperty('disable_session_tags');
    expect(assoc['spark-audit-pod-identity_spark_auditor']).toMatchObject({
      disable_session_tags: true,
      target_role_arn: `arn:aws:iam::${LAKE}:role/audit-writer`,
    });
    // The same-account association is as before: no target, tags on.
    expect(Object.keys(assoc['spark-history_spark_history-server']).sort()).toEqual(['//', 'cluster_name', 'namespace', 'role_arn', 'service_account', 'tags']);
    // The target account holds no association: its entries are the cluster account's.
    expect(lake.resource.aws_eks_pod_identity_association).toBeUndefined();
  });

  it('THEN only the cluster account requires AWS provider 6.2.0, in its stack and its module', () => {
    expect(platform.terraform.required_providers.aws.version).toBe('>= 6.2.0, < 7.0');
    expect(lake.terraform.required_providers.aws.version).toBe('>= 5.100, < 7.0');
    const versions = (a: string) => JSON.parse(readFileSync(join(dir, 'modules', a, 'versions.tf.json'), 'utf8')).terraform.required_providers.aws.version;
    expect([versions('platform'), versions('data-lake')]).toEqual(['>= 6.2.0, < 7.0', '>= 5.100, < 7.0']);
  });

  it('THEN the via role is pinned to the pods (tags on) and may only assume and tag its target', () => {
    expect(doc(platform, 'spark-driver-pod-identity_trust')).toEqual([
      {
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        condition: DRIVER_TAGS,
        effect: 'Allow',
        principals: [{ identifiers: ['pods.eks.amazonaws.com'], type: 'Service' }],
      },
    ]);
    expect(doc(platform, 'spark-driver-pod-identity_assume_cross_account')).toEqual([
      { actions: ['sts:AssumeRole'], effect: 'Allow', resources: [`arn:aws:iam::${LAKE}:role/lake-reader`], sid: 'AssumeCrossAccountRoles' },
      { actions: ['sts:TagSession'], effect: 'Allow', resources: [`arn:aws:iam::${LAKE}:role/lake-reader`], sid: 'TagCrossAccountSessions' },
    ]);
    expect(platform.resource.aws_iam_role['spark-driver-pod-identity'].description).toBe(
      'EKS Pod Identity: spark/driver on cluster spark, chained into data-lake/lake-reader',
    );
  });

  it('THEN the target role trusts exactly the via role, with the session tags pinned, or with tags off the external id EKS sends', () => {
    expect(doc(lake, 'lake-reader_trust')).toEqual([
      {
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        condition: DRIVER_TAGS,
        effect: 'Allow',
        principals: [{ identifiers: [`arn:aws:iam::${PLATFORM}:role/spark-driver-pod-identity`], type: 'AWS' }],
      },
    ]);
    expect(doc(lake, 'audit-writer_trust')).toEqual([
      {
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        condition: [{ test: 'StringEquals', values: [`eu-west-1/${PLATFORM}/spark/spark/auditor`], variable: 'sts:ExternalId' }],
        effect: 'Allow',
        principals: [{ identifiers: [`arn:aws:iam::${PLATFORM}:role/spark-audit-pod-identity`], type: 'AWS' }],
      },
    ]);
    // The via role must exist before the target's trust can name it.
    expect(model.accounts.map((a) => [a.name, a.dependsOn])).toEqual([
      ['platform', []],
      ['data-lake', ['platform']],
    ]);
  });

  it('THEN a target outside the spec gets the association and the grant here, and the module README gives its owner the trust to add', () => {
    expect(platform.resource.aws_eks_pod_identity_association['spark-partner-export_spark_exporter']).toMatchObject({
      target_role_arn: 'arn:aws:iam::999999999999:role/partner-drop',
      role_arn: '${aws_iam_role.spark-partner-export.arn}',
    });
    expect(doc(platform, 'spark-partner-export_assume_cross_account')).toEqual([
      { actions: ['sts:AssumeRole'], effect: 'Allow', resources: ['arn:aws:iam::999999999999:role/partner-drop'], sid: 'AssumeCrossAccountRoles' },
      { actions: ['sts:TagSession'], effect: 'Allow', resources: ['arn:aws:iam::999999999999:role/partner-drop'], sid: 'TagCrossAccountSessions' },
    ]);
    const readme = readFileSync(join(dir, 'modules', 'platform', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Target roles outside the spec'), readme.indexOf('<!-- BEGIN_TF_DOCS -->'));
    expect(section).toContain('`arn:aws:iam::999999999999:role/partner-drop`, for `spark/exporter` on cluster `spark` through `spark-partner-export`:');
    expect(JSON.parse(section.slice(section.indexOf('```json') + 7, section.lastIndexOf('```')))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${PLATFORM}:role/spark-partner-export` },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/eks-cluster-arn': CLUSTER,
          'aws:RequestTag/kubernetes-namespace': 'spark',
          'aws:RequestTag/kubernetes-service-account': 'exporter',
        },
      },
    });
    expect(readFileSync(join(dir, 'modules', 'data-lake', 'README.md'), 'utf8')).not.toContain('## Target roles outside the spec');
  });

  it('THEN the workload settings bind the ServiceAccount once, in the cluster account', () => {
    const files = [...readTree(join(dir, 'modules')).keys()].filter((f) => f.startsWith('workloads/') && f.endsWith('.yaml'));
    expect(files).toEqual([
      'workloads/platform/kubernetes/spark.yaml',
      'workloads/platform/kustomize/spark/spark/driver/deployment-patch.yaml',
      'workloads/platform/kustomize/spark/spark/driver/kustomization.yaml',
      'workloads/platform/kustomize/spark/spark/driver/serviceaccount.yaml',
    ]);
  });
});

/** The model with one role's trust statements replaced. */
function withTrust(
  name: string,
  edit: (
    statements: Model['accounts'][number]['roles'][number]['trustPolicy']['statements'],
  ) => Model['accounts'][number]['roles'][number]['trustPolicy']['statements'],
): Model {
  return {
    ...model,
    accounts: model.accounts.map((a) => ({
      ...a,
      roles: a.roles.map((r) => (r.name !== name ? r : { ...r, trustPolicy: { statements: edit(r.trustPolicy.statements) } })),
    })),
  };
}

describe('GIVEN the access proof of the example', () => {
  const matrix = buildMatrix(model, policySetFromModel(model));
  const cells = (r: string) => matrix.cells.filter((c) => c.role === r);
  const session = (via: string) => `arn:aws:sts::${PLATFORM}:assumed-role/${via}/access-check`;

  it('THEN every check passes', () => {
    expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
  });

  it('THEN the target role admits the via role with the pods tags, and denies each near-miss', () => {
    const rows = cells('data-lake/lake-reader').filter(
      (c) => c.identity.startsWith(session('spark-driver-pod-identity')) || c.identity.startsWith(session('spark-driver-pod-identity-other')),
    );
    expect(rows.map((c) => [c.actual, c.identity.replace(/aws:RequestTag\//g, '')])).toEqual([
      ['allow', `${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-namespace=spark kubernetes-service-account=driver`],
      ['deny', `${session('spark-driver-pod-identity-other')} eks-cluster-arn=${CLUSTER} kubernetes-namespace=spark kubernetes-service-account=driver`],
      ['deny', `${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-namespace=default kubernetes-service-account=driver`],
      ['deny', `${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-namespace=spark kubernetes-service-account=default`],
      ['deny', `${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER}-other kubernetes-namespace=spark kubernetes-service-account=driver`],
      ['deny', `${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-service-account=driver`],
    ]);
    expect(rows.every((c) => c.expected === c.actual)).toBe(true);
  });

  it('THEN with tags off the target role wants the external id of exactly that service account', () => {
    const rows = cells('data-lake/audit-writer').filter((c) => c.identity.includes('spark-audit-pod-identity'));
    expect(rows.map((c) => [c.actual, c.identity])).toEqual([
      ['allow', `${session('spark-audit-pod-identity')} sts:ExternalId=eu-west-1/${PLATFORM}/spark/spark/auditor`],
      ['deny', `${session('spark-audit-pod-identity-other')} sts:ExternalId=eu-west-1/${PLATFORM}/spark/spark/auditor`],
      ['deny', `${session('spark-audit-pod-identity')} sts:ExternalId=eu-west-1/${PLATFORM}/spark/spark/default`],
      ['deny', session('spark-audit-pod-identity')],
    ]);
  });

  it('THEN with tags off the via role shows what it admits: pods of any service account (TRUST021 warns)', () => {
    const allowed = cells('platform/spark-audit-pod-identity').filter((c) => c.actual === 'allow');
    expect(allowed.length).toBeGreaterThan(5);
    expect(allowed.some((c) => c.identity.includes('kubernetes-namespace=default'))).toBe(true);
    expect(allowed.every((c) => c.expected === 'allow' && /session tags off: any Pod Identity association/.test(c.deciding + ' ' + (c.because ?? '')))).toBe(
      true,
    );
    const findings = lint(loaded.spec).findings.filter((f) => f.ruleId === 'TRUST021');
    expect(findings.map((f) => [f.level, f.path])).toEqual([['warning', 'accounts[1].roles[1].trust[0]']]);
  });

  it('THEN the indexed sweep finds every cell the brute force finds, also when the target trust names another role (the declared pods are then denied)', () => {
    const elsewhere = withTrust('lake-reader', (statements) =>
      statements.map((s) => ({ ...s, principals: [{ type: 'AWS' as const, identifiers: [`arn:aws:iam::${PLATFORM}:role/someone-else`] }] })),
    );
    for (const policies of [policySetFromModel(model), policySetFromModel(elsewhere)]) {
      const brute = buildMatrix(model, policies);
      const identities = new Map(brute.identities.map((i) => [i.id, i]));
      const swept = [...new AccessSweep(model, policies).results()].flatMap((r) => r.cells);
      expect(swept).toEqual(brute.cells.filter((c) => isNotable(c, identities.get(c.identity)!)));
    }
    const denied = buildMatrix(model, policySetFromModel(elsewhere)).cells.filter((c) => !c.ok);
    expect(denied.map((c) => [c.role, c.expected, c.actual, c.identity.split(' ')[0]])).toEqual([
      ['data-lake/lake-reader', 'allow', 'deny', session('spark-driver-pod-identity')],
    ]);
  });

  it('THEN a target trust that lost its namespace pin lets the near-miss in, and the proof fails', () => {
    const broken = withTrust('lake-reader', (statements) =>
      statements.map((s) => ({ ...s, conditions: s.conditions?.filter((c) => !c.variable.endsWith('kubernetes-namespace')) })),
    );
    const m = buildMatrix(broken, policySetFromModel(broken));
    const failing = m.cells.filter((c) => c.actual !== c.expected).map((c) => `${c.role} <- ${c.identity.replace(/aws:RequestTag\//g, '')}`);
    expect(failing).toEqual([
      `data-lake/lake-reader <- ${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-namespace=default kubernetes-service-account=driver`,
      `data-lake/lake-reader <- ${session('spark-driver-pod-identity')} eks-cluster-arn=${CLUSTER} kubernetes-service-account=driver`,
    ]);
  });
});

describe('GIVEN a cross-account Pod Identity entry written wrong', () => {
  const yaml = (entry: string, extra = '') => `
${extra}accounts:
  - name: platform
    id: "111111111111"
    region: eu-west-1
    roles:
      - name: taken
        trust: [{ type: aws-service, service: s3.amazonaws.com }]
  - name: lake
    id: "222222222222"
    region: eu-west-1
    roles:
      - name: reader
        trust:
          - { type: eks-pod-identity, cluster: spark, namespace: spark, serviceAccount: driver, ${entry} }
`;
  const refused = (entry: string, extra?: string) => onlyProblem(synthRefusal(yaml(entry, extra)));

  it.each([
    ['clusterAccount without via', 'clusterAccount: platform', 'accounts[1].roles[0].trust[0]', /clusterAccount and via go together/, /give both/],
    ['via without clusterAccount', 'via: driver-pi', 'accounts[1].roles[0].trust[0]', /clusterAccount and via go together/, /give both/],
    [
      'an account the spec does not declare',
      'clusterAccount: nowhere, via: driver-pi',
      'accounts[1].roles[0].trust[0].clusterAccount',
      /account "nowhere" is not declared/,
      /platform, lake/,
    ],
    [
      "the role's own account",
      'clusterAccount: lake, via: driver-pi',
      'accounts[1].roles[0].trust[0].clusterAccount',
      /is this role's own account/,
      /remove clusterAccount and via/,
    ],
    [
      'a via name the cluster account already uses',
      'clusterAccount: platform, via: Taken',
      'accounts[1].roles[0].trust[0].via',
      /via names role "Taken", which account "platform" already has/,
      /choose a name/,
    ],
    [
      'a via name that is not a role name',
      'clusterAccount: platform, via: "no spaces"',
      'accounts[1].roles[0].trust[0].via',
      /via is a role name/,
      /shorten or rename/,
    ],
    [
      'targetRoleArn beside clusterAccount',
      'clusterAccount: platform, via: driver-pi, targetRoleArn: "arn:aws:iam::999999999999:role/x"',
      'accounts[1].roles[0].trust[0]',
      /targetRoleArn is for the association's own role/,
      /keep one/,
    ],
    [
      'a targetRoleArn that is not a role ARN',
      'targetRoleArn: "arn:aws:iam::999999999999:user/x"',
      'accounts[1].roles[0].trust[0].targetRoleArn',
      /targetRoleArn must be a role ARN/,
      /write the full ARN/,
    ],
    [
      'a targetRoleArn in a spec account',
      'targetRoleArn: "arn:aws:iam::111111111111:role/taken"',
      'accounts[1].roles[0].trust[0].targetRoleArn',
      /is a role of account "platform", which the spec declares/,
      /move the entry to that role, with clusterAccount: lake and via: <a new role name>/,
    ],
  ])('WHEN it has %s THEN synth refuses it at its field, with a fix, and writes nothing', (_, entry, path, message, fix) => {
    const p = refused(entry);
    expect([p.file, p.path]).toEqual([expect.stringMatching(/^spec\.yaml:\d+$/), path]);
    expect(p.message).toMatch(message);
    expect(p.fix).toMatch(fix);
  });

  it('WHEN the spec pins a provider range that admits versions before 6.2.0 THEN synth refuses it, naming the account', () => {
    const p = refused('clusterAccount: platform, via: driver-pi', 'options:\n  awsProviderVersion: ">= 5.100, < 7.0"\n');
    expect(p.path).toBe('options.awsProviderVersion');
    expect(p.message).toMatch(/account "platform" has a Pod Identity association .* needs AWS provider 6\.2\.0 or later/);
    expect(p.fix).toBe('raise the lower bound, e.g. awsProviderVersion: ">= 6.2.0, < 7.0"');
  });

  it("WHEN the cluster account has a namePrefix THEN the via role takes it, and the target's trust names the prefixed role", () => {
    const m = resolveModel(
      parseSpecYaml(
        yaml('clusterAccount: platform, via: driver-pi').replace(
          '    region: eu-west-1\n    roles:\n      - name: taken',
          '    region: eu-west-1\n    namePrefix: team-\n    roles:\n      - name: taken',
        ),
        'spec.yaml',
      ),
    );
    expect(m.accounts[0].roles.map((r) => r.name)).toEqual(['team-taken', 'team-driver-pi']);
    expect(m.accounts[1].roles[0].trustPolicy.statements[0].principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/team-driver-pi'] },
    ]);
    expect(m.accounts[0].grants.map((g) => [g.roleName, g.targets])).toEqual([['team-driver-pi', ['arn:aws:iam::222222222222:role/reader']]]);
  });

  it('WHEN via is an object THEN the role created there takes its path, permissions boundary and tags, and the target trust names it with its path', () => {
    const m = resolveModel(
      parseSpecYaml(
        yaml('clusterAccount: platform, via: { name: driver-pi, path: /pods/, permissionsBoundary: workload-boundary, tags: { team: spark } }'),
        'spec.yaml',
      ),
    );
    const via = m.accounts[0].roles.find((r) => r.name === 'driver-pi')!;
    expect([via.arn, via.permissionsBoundary, via.tags]).toEqual([
      'arn:aws:iam::111111111111:role/pods/driver-pi',
      'arn:aws:iam::111111111111:policy/workload-boundary',
      { team: 'spark' },
    ]);
    expect(m.accounts[1].roles[0].trustPolicy.statements[0].principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/pods/driver-pi'] },
    ]);
  });

  it('WHEN the via object has a bad path THEN synth refuses it at via.path', () => {
    const p = refused('clusterAccount: platform, via: { name: driver-pi, path: pods }');
    expect([p.path, p.message]).toEqual(['accounts[1].roles[0].trust[0].via.path', expect.stringMatching(/an IAM path starts and ends with "\/"/)]);
  });

  it('WHEN the spec pins a range from 6.2.0 THEN the cluster account uses it', () => {
    const m = resolveModel(parseSpecYaml(yaml('clusterAccount: platform, via: driver-pi', 'options:\n  awsProviderVersion: "~> 6.2"\n'), 'spec.yaml'));
    expect(m.accounts.map((a) => a.awsProviderVersion)).toEqual(['~> 6.2', '~> 6.2']);
  });
});
