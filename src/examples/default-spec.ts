/**
 * The embedded default example: each documented scenario in shared/scenarios,
 * with its documented names and values. `examples/default/spec.yaml` is the
 * same spec as YAML; a test keeps the two equal.
 */
import { defineSpec } from '../input/load';

export const DEFAULT_SPEC_NAME = 'examples/default/spec.yaml (embedded)';

/**
 * An account of the Airflow scenario ("AWS Account N"): one role that the
 * `airflow` role of shared-services assumes, with one AWS managed policy.
 */
const airflowTarget = (name: string, id: string, role: string, awsManagedPolicy: string) => ({
  name,
  id,
  region: 'eu-west-1',
  roles: [
    {
      name: role,
      trust: [{ type: 'aws-role' as const, role: 'arn:aws:iam::333333333333:role/airflow' }],
      managedPolicies: [`arn:aws:iam::aws:policy/${awsManagedPolicy}`],
    },
  ],
});

export const defaultSpec = defineSpec({
  version: 1,
  issuers: {
    // The data platform's EKS cluster runs in account 111111111111.
    'data-platform-cluster': {
      url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E',
      clientIds: ['sts.amazonaws.com'],
      thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    },
    // The shared-services cluster that runs Airflow.
    'airflow-cluster': {
      url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/5C0FFEE5C0FFEE5C0FFEE5C0FFEE5C0F',
    },
    // The cluster running the Connections pod.
    'connections-cluster': {
      url: 'https://oidc.eks.ca-central-1.amazonaws.com/id/8A024CF24ADD3925BEFA224C4BDD005B',
    },
  },
  accounts: [
    {
      // Data platform, own account: the platform created the provider at install time.
      name: 'data-platform',
      id: '111111111111',
      region: 'eu-west-1',
      oidcProviders: { 'data-platform-cluster': 'existing' },
      roles: [
        { name: 'sample-dev', trust: [{ type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'sample', environment: 'dev' }] },
        { name: 'sample-all', trust: [{ type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'sample', allEnvironments: true }] },
      ],
    },
    {
      // Data platform, cross-account, and the GCP Dataflow federation.
      name: 'data-lake',
      id: '222222222222',
      region: 'eu-west-1',
      oidcProviders: { 'data-platform-cluster': 'create' },
      roles: [
        {
          name: 'cross-account-sample-dev',
          trust: [{ type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'cross-account-sample', environment: 'dev' }],
          inlinePolicies: [
            {
              name: 'read-sample-data',
              statements: [
                { sid: 'ListBucket', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::cross-account-sample-data'] },
                { sid: 'ReadObjects', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::cross-account-sample-data/*'] },
              ],
            },
          ],
        },
        {
          name: 'ingest-weather-dev',
          trust: [{ type: 'data-platform-project', issuer: 'data-platform-cluster', project: 'ingest_weather', environment: 'dev' }],
        },
        {
          name: 'dataflow-s3-reader',
          maxSessionDuration: 3600,
          trust: [{ type: 'google-service-account', uniqueId: '112233445566778899000' }],
          managedPolicies: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
        },
      ],
    },
    {
      // Airflow runs here, on EKS, as the `airflow` role.
      name: 'shared-services',
      id: '333333333333',
      region: 'eu-west-1',
      oidcProviders: { 'airflow-cluster': 'existing' },
      // airflow: true: the roles of other accounts it may assume get Airflow connections.
      roles: [
        {
          name: 'airflow',
          airflow: true,
          trust: [{ type: 'kubernetes-service-account', issuer: 'airflow-cluster', namespace: 'airflow', serviceAccount: 'airflow-worker' }],
        },
      ],
    },
    // "AWS Account 1": raw data processing with EMR.
    airflowTarget('raw-data', '444444444444', 'airflow-emr', 'AmazonEMRFullAccessPolicy_v2'),
    // "AWS Account 2": data query with Athena.
    airflowTarget('data-query', '555555555555', 'airflow-athena', 'AmazonAthenaFullAccess'),
    {
      // EKS IRSA for the Connections pod.
      name: 'connections',
      id: '204393242335',
      region: 'ca-central-1',
      oidcProviders: { 'connections-cluster': 'create' },
      roles: [
        {
          name: 'connections-role-test',
          description: 'testing sa role for pod',
          // The Connections app's Deployment, patched to run as the service account.
          trust: [
            {
              type: 'kubernetes-service-account',
              issuer: 'connections-cluster',
              namespace: 'devops-aurora-1',
              serviceAccount: 'connections-serviceaccount-s3',
              deployment: 'connections-app',
            },
          ],
          managedPolicies: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
        },
        {
          name: 'connections-data-sync',
          trust: [
            { type: 'aws-role', role: 'connections-role-test' },
            { type: 'aws-service', service: 's3.amazonaws.com' },
          ],
        },
      ],
    },
  ],
});
