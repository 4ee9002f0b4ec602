/**
 * Workload artifacts, parsed back: YAML manifests with `yaml`, the Airflow
 * connection as JSON, the SDK profile as INI. Both example specs, synthesized
 * once into a temporary directory.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse as parseIni } from 'ini';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { loadSpec, synthesize, type SynthResult } from '../src/synth';
import { loadSpecFile } from '../src/input/load';

const work = mkdtempSync(join(tmpdir(), 'workloads-'));
let defaults: SynthResult;
let presets: SynthResult;

beforeAll(() => {
  defaults = synthesize(loadSpec(''), { outdir: join(work, 'default-out'), modulesDir: join(work, 'default'), moduleFormat: 'json', offline: false });
  presets = synthesize(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')), {
    outdir: join(work, 'presets-out'),
    modulesDir: join(work, 'presets'),
    moduleFormat: 'json',
    offline: false,
  });
});

const read = (dir: string, path: string) => readFileSync(join(work, dir, 'workloads', path), 'utf8');

/** `KEY=value` lines, comments skipped; single quotes around a value removed. */
function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const value = line.slice(eq + 1);
    out[line.slice(0, eq)] = value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1) : value;
  }
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('IRSA: the Connections scenario', () => {
  const dir = 'connections/kustomize/connections-cluster/devops-aurora-1/connections-serviceaccount-s3';

  test('THEN the ServiceAccount carries the role ARN annotation', () => {
    expect(parseYaml(read('default', `${dir}/serviceaccount.yaml`))).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: 'connections-serviceaccount-s3',
        namespace: 'devops-aurora-1',
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::204393242335:role/connections-role-test' },
      },
    });
  });

  test('THEN the patch sets serviceAccountName, and the kustomize Component targets Deployment connections-app', () => {
    expect(parseYaml(read('default', `${dir}/deployment-patch.yaml`))).toEqual([
      { op: 'add', path: '/spec/template/spec/serviceAccountName', value: 'connections-serviceaccount-s3' },
    ]);
    const k = parseYaml(read('default', `${dir}/kustomization.yaml`));
    expect(k).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', resources: ['serviceaccount.yaml'] });
    expect(k.patches).toEqual([{ path: 'deployment-patch.yaml', target: { group: 'apps', version: 'v1', kind: 'Deployment', name: 'connections-app' } }]);
  });

  test('GIVEN no deployment (Airflow workers) THEN the ServiceAccount is in the manifest of its cluster, and there is no Component', () => {
    const docs = parseAllDocuments(read('default', 'shared-services/kubernetes/airflow-cluster.yaml')).map((d) => d.toJS());
    expect(docs).toEqual([
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'airflow-worker', namespace: 'airflow', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::333333333333:role/airflow' } },
      },
    ]);
    expect(readdirSync(join(work, 'default', 'workloads', 'shared-services'))).toEqual(['kubernetes']);
  });

  test('GIVEN a binding with a Deployment THEN its ServiceAccount is only in the Component', () => {
    expect(readdirSync(join(work, 'default', 'workloads', 'connections'))).toEqual(['kustomize']);
  });
});

test('EKS Pod Identity: the ServiceAccount has no IRSA annotation, and the Deployment is patched', () => {
  const dir = 'apps/kustomize/apps-prod/orders/orders-api';
  expect(parseYaml(read('presets', `${dir}/serviceaccount.yaml`))).toEqual({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'orders-api', namespace: 'orders' },
  });
  expect(parseYaml(read('presets', `${dir}/kustomization.yaml`)).patches[0].target.name).toBe('orders-api');
});

describe('Airflow: the cross-account roles of the Airflow scenario', () => {
  test.each([
    ['raw-data', 'aws_raw_data_airflow_emr', 'arn:aws:iam::444444444444:role/airflow-emr'],
    ['data-query', 'aws_data_query_airflow_athena', 'arn:aws:iam::555555555555:role/airflow-athena'],
  ])('%s: the env value and the Admin-UI fields name the role and its region', (dir, connId, arn) => {
    const expected = { conn_type: 'aws', extra: { role_arn: arn, region_name: 'eu-west-1' } };
    const env = parseEnv(read('default', `${dir}/airflow-connections.env`));
    expect(Object.keys(env)).toEqual([`AIRFLOW_CONN_${connId.toUpperCase()}`]);
    expect(JSON.parse(env[`AIRFLOW_CONN_${connId.toUpperCase()}`])).toEqual(expected);
    expect(JSON.parse(read('default', `${dir}/airflow-connections.json`))).toEqual({ [connId]: expected });
  });

  test('GIVEN a same-account aws-role trust (Connections data sync) THEN no Airflow connection is written', () => {
    expect(defaults.summary.artifacts.filter((a) => a.roles.includes('connections-data-sync'))).toEqual([]);
  });

  test('GIVEN two roles of one account with Airflow connections (the IAM-user fallback) THEN both are in its files, the named one with its id', () => {
    expect(Object.keys(JSON.parse(read('presets', 'legacy/airflow-connections.json')))).toEqual([
      'aws_legacy_airflow_legacy_reader_access_key',
      'legacy_writer',
    ]);
    expect(Object.keys(parseEnv(read('presets', 'legacy/airflow-connections.env')))).toEqual([
      'AIRFLOW_CONN_AWS_LEGACY_AIRFLOW_LEGACY_READER_ACCESS_KEY',
      'AIRFLOW_CONN_LEGACY_WRITER',
    ]);
    expect(presets.summary.artifacts.find((a) => a.path === 'workloads/legacy/airflow-connections.env')?.roles).toEqual([
      'airflow-legacy-reader',
      'airflow-legacy-writer',
    ]);
  });
});

describe('web identity outside EKS', () => {
  test('GCP Dataflow: SDK environment and ~/.aws/config profile', () => {
    const arn = 'arn:aws:iam::222222222222:role/dataflow-s3-reader';
    expect(parseEnv(read('default', 'data-lake/aws-sdk/dataflow-s3-reader.env'))).toEqual({
      AWS_ROLE_ARN: arn,
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/aws-web-identity/token',
      AWS_ROLE_SESSION_NAME: 'dataflow-s3-reader',
    });
    expect(parseIni(read('default', 'data-lake/aws-config.ini'))).toEqual({
      'profile data-lake-dataflow-s3-reader': {
        role_arn: arn,
        web_identity_token_file: '/var/run/secrets/aws-web-identity/token',
        role_session_name: 'dataflow-s3-reader',
      },
    });
  });

  test('another OIDC issuer: tokenFile and sessionName from the spec', () => {
    const ini = parseIni(read('presets', 'apps/aws-config.ini'));
    expect(ini['profile apps-partner-uploader']).toEqual({
      role_arn: 'arn:aws:iam::777777777777:role/partner-uploader',
      web_identity_token_file: '/var/run/secrets/partner/token',
      role_session_name: 'partner-uploader-session',
    });
  });
});

describe('data platform: aws_role', () => {
  test.each([
    ['data-platform', 'sample-dev', 'sample-dev', 'dev'],
    ['data-platform', 'sample-all', 'sample-all', '*'],
    ['data-lake', 'cross-account-sample-dev', 'arn:aws:iam::222222222222:role/cross-account-sample-dev', 'dev'],
    ['data-lake', 'ingest-weather-dev', 'arn:aws:iam::222222222222:role/ingest-weather-dev', 'dev'],
  ])('%s/%s: aws_role is %s (the cluster runs in data-platform, where the provider is existing)', (account, role, awsRole, environment) => {
    const doc = JSON.parse(read('default', `${account}/data-platform.json`));
    expect(doc[role].jobs).toEqual([
      expect.objectContaining({ issuer: 'data-platform-cluster', cluster_account: 'data-platform', environment, aws_role: awsRole }),
    ]);
    expect(doc[role].role_arn).toMatch(new RegExp(`:role/${role}$`));
  });

  test('THEN one file per account holds every data-platform role of the account, in spec order', () => {
    expect(Object.keys(JSON.parse(read('default', 'data-lake/data-platform.json')))).toEqual(['cross-account-sample-dev', 'ingest-weather-dev']);
  });
});

test('GitHub Actions: the configure-aws-credentials step assumes the role with aud sts.amazonaws.com', () => {
  const doc = parseYaml(read('presets', 'ci/github-actions/deploy-main.yaml'));
  expect(doc.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
  expect(doc.steps[0].with).toEqual({
    'role-to-assume': 'arn:aws:iam::666666666666:role/deploy-main',
    'aws-region': 'eu-west-1',
    audience: 'sts.amazonaws.com',
  });
});

describe('the summary and the tree', () => {
  test('THEN every artifact in the summary is a file under workloads/, and every file there is in the summary or is the index', () => {
    for (const [dir, result] of [
      ['default', defaults],
      ['presets', presets],
    ] as const) {
      const onDisk = files(join(work, dir, 'workloads'))
        .map((f) => relative(join(work, dir), f))
        .sort();
      expect(onDisk).toEqual([...result.summary.artifacts.map((a) => a.path), 'workloads/README.md'].sort());
      for (const a of result.summary.artifacts) {
        expect(a.path.startsWith(`workloads/${a.account}/`)).toBe(true);
        expect(a.roles.length).toBeGreaterThan(0);
      }
    }
  });

  test('THEN the summary counts accounts and roles and carries the lint warnings and one WORK004 warning per key', () => {
    expect(defaults.summary).toMatchObject({ roleCount: 10, offline: false, moduleFormat: 'json' });
    expect(defaults.summary.warnings.map((w) => w.ruleId)).toEqual(['TRUST006', 'TRUST003']);
    expect(defaults.summary.accounts.map((a) => a.name)).toEqual(['data-platform', 'data-lake', 'shared-services', 'raw-data', 'data-query', 'connections']);
    const keys = presets.summary.warnings.filter((w) => w.ruleId === 'WORK004' || w.ruleId === 'TRUST017');
    expect(keys.map((w) => [w.ruleId, w.path])).toEqual([
      ['WORK004', 'accounts[2].roles[0].trust[0]'],
      ['TRUST017', 'accounts[2].roles[1].trust[0]'],
      ['WORK004', 'accounts[2].roles[1].trust[0]'],
    ]);
    // Only the key without pgpKey has its secret in the state in plain text.
    expect(keys[1].message).toMatch(/lands in the Terraform state in plain text/);
    expect(keys[0].message).toMatch(/^IAM user "[^"]+" gets a long-lived access key that can assume role "[^"]+"$/);
  });

  test('GIVEN the same spec twice THEN the output is byte-for-byte the same', () => {
    synthesize(loadSpec(''), { outdir: join(work, 'again-out'), modulesDir: join(work, 'again'), moduleFormat: 'json', offline: false });
    const a = files(join(work, 'default')).map((f) => [relative(join(work, 'default'), f), readFileSync(f, 'utf8')]);
    const b = files(join(work, 'again')).map((f) => [relative(join(work, 'again'), f), readFileSync(f, 'utf8')]);
    expect(b).toEqual(a);
  });
});
