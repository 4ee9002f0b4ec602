/**
 * Airflow connections for roles that Airflow assumes across accounts (the
 * `aws-role` trust of the Airflow scenario) or with an IAM user's key (its
 * fallback). Which hops are Airflow's: those whose caller is a role marked
 * `airflow: true` (the role Airflow runs as), or whose entry names an
 * `airflowConnection`; a hop from any other caller (a CI hub role, an app) gets
 * none. Every connection to a role of the account goes in one file of each
 * form (ids are unique across the spec: the resolver refuses a repeat):
 * - `airflow-connections.env`: `AIRFLOW_CONN_<ID>='<json>'`, Airflow's JSON
 *   form of a connection in an environment variable;
 * - `airflow-connections.json`: the Admin-UI fields (`conn_type` aws, extras
 *   `role_arn` and `region_name`) by connection id, the file format of
 *   `airflow connections import`.
 */
import { byCodePoint } from '../order';
import type { AccountModel, Model, ResolvedTrust, RoleModel } from '../model/types';
import { accountPath, hashHeader, type Artifact } from './artifact';

export interface AirflowConnection {
  readonly conn_type: 'aws';
  /** `assume_role_kwargs` is passed to STS AssumeRole: the `ExternalId` the role requires of its caller, when it does. */
  readonly extra: { readonly role_arn: string; readonly region_name: string; readonly assume_role_kwargs?: { readonly ExternalId: string } };
}

const connIdPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** `aws_<account>_<role>`, or `..._access_key` for the IAM-user fallback. */
export function defaultConnectionId(account: string, role: string, viaAccessKey = false): string {
  return `aws_${connIdPart(account)}_${connIdPart(role)}${viaAccessKey ? '_access_key' : ''}`;
}

export function airflowEnvName(connId: string): string {
  return `AIRFLOW_CONN_${connId.toUpperCase()}`;
}

/** `<account>/<role name>` (lower case: IAM role names are) of a role; an ARN in the spec may differ in case. */
const roleKey = (account: string, arn: string) => `${account}/${arn.slice(arn.lastIndexOf('/') + 1).toLowerCase()}`;

/** The roles marked `airflow: true`, computed once per model. */
const airflowRoles = new WeakMap<Model, ReadonlySet<string>>();

function isAirflowCaller(model: Model, account: string, arn: string): boolean {
  let keys = airflowRoles.get(model);
  if (!keys) airflowRoles.set(model, (keys = new Set(model.accounts.flatMap((a) => a.roles.filter((r) => r.airflow).map((r) => roleKey(a.name, r.arn))))));
  return keys.has(roleKey(account, arn));
}

/**
 * The connection id a trust entry asks for: an `iam-user` entry's (the key is
 * made for Airflow); an `aws-role` entry's `airflowConnection`; by default, a
 * cross-account `aws-role` entry whose caller is a role marked `airflow`. A
 * caller outside the spec is a third party's role: our Airflow is not that
 * caller, so it gets no connection (the resolver refuses an explicit one).
 */
function connectionId(model: Model, t: ResolvedTrust, account: AccountModel, role: RoleModel): string | undefined {
  if (t.spec.type === 'iam-user') {
    if (t.spec.airflowConnection === false) return undefined;
    return t.spec.airflowConnection ?? defaultConnectionId(account.name, role.name, true);
  }
  if (t.spec.type !== 'aws-role' || !('roleArn' in t) || !t.account) return undefined;
  if (t.spec.airflowConnection === false) return undefined;
  if (t.spec.airflowConnection) return t.spec.airflowConnection;
  return t.account !== account.name && isAirflowCaller(model, t.account, t.roleArn) ? defaultConnectionId(account.name, role.name) : undefined;
}

/** The connections to a role, by id, with the index of the trust entry that asks for each. */
export function airflowConnections(model: Model, account: AccountModel, role: RoleModel): Map<string, AirflowConnection & { readonly trustIndex: number }> {
  const out = new Map<string, AirflowConnection & { readonly trustIndex: number }>();
  role.trust.forEach((t, trustIndex) => {
    const id = connectionId(model, t, account, role);
    const externalId = t.spec.type === 'aws-role' ? t.spec.externalId : undefined;
    const extra = { role_arn: role.arn, region_name: account.region, ...(externalId ? { assume_role_kwargs: { ExternalId: externalId } } : {}) };
    if (id && !out.has(id)) out.set(id, { conn_type: 'aws', extra, trustIndex });
  });
  return out;
}

/** Every connection to a role of the account, in one `.env` and one `airflow connections import` file. */
export function airflowArtifacts(model: Model, account: AccountModel): Artifact[] {
  const spec = model.file;
  const connections: [string, AirflowConnection][] = [];
  const roles: string[] = [];
  let viaKey = false;
  for (const role of account.roles) {
    const mine = airflowConnections(model, account, role);
    if (mine.size === 0) continue;
    roles.push(role.name);
    viaKey ||= role.trust.some((t) => t.spec.type === 'iam-user');
    for (const id of [...mine.keys()].sort(byCodePoint)) {
      const { conn_type, extra } = mine.get(id)!;
      connections.push([id, { conn_type, extra }]);
    }
  }
  if (connections.length === 0) return [];
  const base = { account: account.name, roles };
  return [
    {
      ...base,
      path: accountPath(account.name, 'airflow-connections.env'),
      kind: 'airflow-connection-env',
      use: `environment of the Airflow scheduler and workers${viaKey ? ' (add login/password from the iam_user_access_keys output)' : ''}`,
      content: [hashHeader(spec), ...connections.map(([id, c]) => `${airflowEnvName(id)}='${JSON.stringify(c)}'`), ''].join('\n'),
    },
    {
      ...base,
      path: accountPath(account.name, 'airflow-connections.json'),
      kind: 'airflow-connection-json',
      use: 'Admin > Connections fields, or `airflow connections import`',
      content: `${JSON.stringify(Object.fromEntries(connections), null, 2)}\n`,
    },
  ];
}
