/**
 * Issue 27 item 4: an Airflow connection only for the hops Airflow makes. A
 * hop's caller is Airflow's when the spec marks that role `airflow: true`; a
 * hop from any other caller (the Borealis case: a GitLab hub role) gets none,
 * unless its entry names an `airflowConnection`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecInput } from '../src/input/schema';
import { workloadArtifacts } from '../src/workloads';
import { defaultSpec } from '../src/examples/default-spec';
import { inputProblems, model } from './helpers/model';

const GITLAB = 'https://gitlab.com';
const EKS = 'https://oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F';

/** Borealis, reduced: a GitLab hub role and an Airflow role in `hub`; `raw` trusts both, each from its own role. */
function borealis(airflowMark: boolean | undefined, deployerEntry: Record<string, unknown> = {}): SpecInput {
  return {
    version: 1,
    issuers: { gitlab: { url: GITLAB, clientIds: ['https://gitlab.example/aws'] }, airflow: { url: EKS } },
    accounts: [
      {
        name: 'hub',
        id: '111111111111',
        region: 'eu-west-1',
        oidcProviders: { gitlab: 'create', airflow: 'existing' },
        roles: [
          {
            name: 'gitlab-hub',
            trust: [{ type: 'gitlab-ci', issuer: 'gitlab', project: 'infra/deploy', branches: ['main'], audience: 'https://gitlab.example/aws' }],
          },
          {
            name: 'airflow',
            ...(airflowMark === undefined ? {} : { airflow: airflowMark }),
            trust: [{ type: 'kubernetes-service-account', issuer: 'airflow', namespace: 'airflow', serviceAccount: 'worker' }],
          },
        ],
      },
      {
        name: 'raw',
        id: '222222222222',
        region: 'eu-central-1',
        roles: [
          { name: 'infra-deployer', trust: [{ type: 'aws-role', role: 'gitlab-hub', account: 'hub', ...deployerEntry }] },
          // By ARN, in another case than the role's name: IAM role names are case-insensitive.
          { name: 'ingest', trust: [{ type: 'aws-role', role: 'arn:aws:iam::111111111111:role/Airflow' }] },
        ],
      },
    ],
  } as SpecInput;
}

const connectionIds = (spec: SpecInput) => {
  const json = workloadArtifacts(model(spec)).find((a) => a.path === 'workloads/raw/airflow-connections.json');
  return json ? Object.keys(JSON.parse(json.content)) : [];
};

test('GIVEN a hop from a GitLab hub role and one from the role marked airflow THEN only the Airflow hop gets a connection', () => {
  expect(connectionIds(borealis(true))).toEqual(['aws_raw_ingest']);
  const env = workloadArtifacts(model(borealis(true))).find((a) => a.path === 'workloads/raw/airflow-connections.env')!;
  expect(env.content).not.toContain('AIRFLOW_CONN_AWS_RAW_INFRA_DEPLOYER');
  expect(env.roles).toEqual(['ingest']);
});

test('GIVEN no role marked airflow (or airflow: false) THEN no cross-account hop gets a connection', () => {
  expect(connectionIds(borealis(undefined))).toEqual([]);
  expect(connectionIds(borealis(false))).toEqual([]);
});

test('GIVEN an explicit airflowConnection on a hop from an unmarked caller THEN that one connection is written', () => {
  expect(connectionIds(borealis(undefined, { airflowConnection: 'raw_deployer' }))).toEqual(['raw_deployer']);
});

test('GIVEN airflowConnection: false on a hop from the marked role THEN it gets none', () => {
  const spec = borealis(true);
  (spec.accounts[1].roles![1].trust[0] as { airflowConnection?: false }).airflowConnection = false;
  expect(connectionIds(spec)).toEqual([]);
});

test('GIVEN airflow: "yes" THEN the spec is refused at that field with a fix', () => {
  const spec = borealis(true);
  (spec.accounts[0].roles![1] as { airflow: unknown }).airflow = 'yes';
  expect(inputProblems(spec)).toEqual([
    expect.objectContaining({ path: 'accounts[0].roles[1].airflow', fix: 'write airflow: true on the role Airflow runs as' }),
  ]);
});

test('GIVEN the default example THEN its airflow role is marked, and both of its cross-account targets get a connection', () => {
  const m = model(defaultSpec);
  expect(m.accounts.flatMap((a) => a.roles.filter((r) => r.airflow).map((r) => `${a.name}/${r.name}`))).toEqual(['shared-services/airflow']);
  expect(
    workloadArtifacts(m)
      .filter((a) => a.kind === 'airflow-connection-json')
      .map((a) => [a.account, a.roles]),
  ).toEqual([
    ['raw-data', ['airflow-emr']],
    ['data-query', ['airflow-athena']],
  ]);
});

test('GIVEN docs/workloads.md THEN it says how the hops that get a connection are chosen', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'workloads.md'), 'utf8').replace(/\s+/g, ' ');
  expect(doc).toContain('whose caller is a role marked `airflow: true`');
  expect(doc).toMatch(/A hop whose caller is not marked \(a GitLab or other CI hub role[^)]*\) gets no connection/);
});
