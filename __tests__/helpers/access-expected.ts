/**
 * The default example's access, written out by hand from the scenarios: every
 * identity the check tries, and per role the ones that may assume it. Every
 * other (role, identity) pair must be denied.
 */
const DP = 'oidc data-platform-cluster';
const AF = 'oidc airflow-cluster';
const CN = 'oidc connections-cluster';
const OTHER_EU = 'oidc oidc.eks.eu-west-1.amazonaws.com/id/00000000000000000000000000000000';
const OTHER_CA = 'oidc oidc.eks.ca-central-1.amazonaws.com/id/00000000000000000000000000000000';
const STS = 'aud=sts.amazonaws.com';
const K8S = 'aud=https://kubernetes.default.svc';
const sa = (ns: string, name: string) => `sub=system:serviceaccount:${ns}:${name}`;
const GOOGLE_ID = '112233445566778899000';
const AIRFLOW = 'arn:aws:iam::333333333333:role/airflow';
const AIRFLOW_SESSION = 'arn:aws:sts::333333333333:assumed-role/airflow/access-check';
const CONN = 'arn:aws:iam::204393242335:role/connections-role-test';
const CONN_SESSION = 'arn:aws:sts::204393242335:assumed-role/connections-role-test/access-check';

const dataPlatform = (project: string) => [
  `${DP} ${sa('dev', `${project}-<uuid>`)} ${STS}`,
  `${DP} ${sa('prod', `${project}-<uuid>`)} ${STS}`,
  `${DP} ${sa('dev', `${project}-extra-<uuid>`)} ${STS}`,
  `${DP} ${sa('dev', `${project}-<uuid>`)} ${K8S}`,
  `${DP} ${sa('dev', `${project}-<uuid>`)} aud=(none)`,
];

/**
 * An IRSA role's identities: the service account and its near misses (other
 * namespace, other account, other audience, none, no sub, another cluster),
 * then the role, a session of it, and the same role name outside the spec.
 */
const serviceAccountRole = (issuer: string, otherIssuer: string, ns: string, name: string, role: string, session: string) => [
  `${issuer} ${sa(ns, name)} ${STS}`,
  `${issuer} ${sa('default', name)} ${STS}`,
  `${issuer} ${sa(ns, 'default')} ${STS}`,
  `${issuer} ${sa(ns, name)} ${K8S}`,
  `${issuer} ${sa(ns, name)} aud=(none)`,
  `${issuer} sub=(none) ${STS}`,
  `${otherIssuer} ${sa(ns, name)} ${STS}`,
  role,
  session,
  role.replace(/::\d{12}:/, '::999999999999:'),
];

/** In the order the spec declares them; duplicates (the same token for two roles) appear once. */
export const DEFAULT_IDENTITIES: readonly string[] = [
  ...dataPlatform('sample'),
  `${DP} sub=(none) ${STS}`,
  `${OTHER_EU} ${sa('dev', 'sample-<uuid>')} ${STS}`,
  ...dataPlatform('cross-account-sample'),
  `${OTHER_EU} ${sa('dev', 'cross-account-sample-<uuid>')} ${STS}`,
  ...dataPlatform('ingest.weather'),
  `${OTHER_EU} ${sa('dev', 'ingest.weather-<uuid>')} ${STS}`,
  `google sub=${GOOGLE_ID} aud=${GOOGLE_ID}`,
  'google sub=112233445566778899001 aud=112233445566778899001',
  `google sub=${GOOGLE_ID} aud=(none)`,
  `oidc token.actions.githubusercontent.com sub=${GOOGLE_ID} aud=${GOOGLE_ID}`,
  ...serviceAccountRole(AF, OTHER_EU, 'airflow', 'airflow-worker', AIRFLOW, AIRFLOW_SESSION),
  ...serviceAccountRole(CN, OTHER_CA, 'devops-aurora-1', 'connections-serviceaccount-s3', CONN, CONN_SESSION),
  'service s3.amazonaws.com',
  'service ec2.amazonaws.com',
];

/** Per role, the identities allowed; with the trust statement that allows them (all trust policies here have one statement). */
export const DEFAULT_ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'data-platform/sample-dev': [`${DP} ${sa('dev', 'sample-<uuid>')} ${STS}`],
  // allEnvironments: the same project in another environment is declared, so allowed.
  'data-platform/sample-all': [`${DP} ${sa('dev', 'sample-<uuid>')} ${STS}`, `${DP} ${sa('prod', 'sample-<uuid>')} ${STS}`],
  'data-lake/cross-account-sample-dev': [`${DP} ${sa('dev', 'cross-account-sample-<uuid>')} ${STS}`],
  'data-lake/ingest-weather-dev': [`${DP} ${sa('dev', 'ingest.weather-<uuid>')} ${STS}`],
  'data-lake/dataflow-s3-reader': [`google sub=${GOOGLE_ID} aud=${GOOGLE_ID}`],
  'shared-services/airflow': [`${AF} ${sa('airflow', 'airflow-worker')} ${STS}`],
  'raw-data/airflow-emr': [AIRFLOW, AIRFLOW_SESSION],
  'data-query/airflow-athena': [AIRFLOW, AIRFLOW_SESSION],
  'connections/connections-role-test': [`${CN} ${sa('devops-aurora-1', 'connections-serviceaccount-s3')} ${STS}`],
  'connections/connections-data-sync': [CONN, CONN_SESSION, 'service s3.amazonaws.com'],
};

/** Cross-account callers are allowed by the trust statement and the caller's grant. */
export const CROSS_ACCOUNT_DECIDING = 'trust S0 + assume-cross-account-roles S0 (AssumeCrossAccountRoles)';

/** The full expected table: `role -> identity -> verdict`, every pair. */
export function expectedTable(): Record<string, Record<string, 'allow' | 'deny'>> {
  const out: Record<string, Record<string, 'allow' | 'deny'>> = {};
  for (const [role, allowed] of Object.entries(DEFAULT_ALLOWED)) {
    out[role] = Object.fromEntries(DEFAULT_IDENTITIES.map((id) => [id, allowed.includes(id) ? 'allow' : 'deny']));
  }
  return out;
}
