/**
 * Web-identity workloads outside EKS (GCP Dataflow through accounts.google.com,
 * any other OIDC issuer): the AWS SDK's web-identity settings, as environment
 * variables and as an `~/.aws/config` profile. The workload must write its
 * OIDC token to the token file; the SDK does the exchange. A role that a role
 * of another spec account assumes with an external id gets a profile that
 * carries it as `external_id`.
 */
import type { AccountModel, Model, RoleModel } from '../model/types';
import { accountPath, hashHeader, type Artifact } from './artifact';

/** Where the token is expected unless the trust entry gives `tokenFile`. */
export const DEFAULT_TOKEN_FILE = '/var/run/secrets/aws-web-identity/token';

export interface SdkSettings {
  readonly AWS_ROLE_ARN: string;
  readonly AWS_WEB_IDENTITY_TOKEN_FILE: string;
  readonly AWS_ROLE_SESSION_NAME: string;
}

/** The settings of the role's first google-service-account or web-identity trust; undefined without one. */
export function sdkSettings(role: RoleModel): SdkSettings | undefined {
  for (const t of role.trust) {
    if (t.spec.type !== 'google-service-account' && t.spec.type !== 'web-identity') continue;
    return {
      AWS_ROLE_ARN: role.arn,
      AWS_WEB_IDENTITY_TOKEN_FILE: t.spec.tokenFile ?? DEFAULT_TOKEN_FILE,
      AWS_ROLE_SESSION_NAME: t.spec.sessionName ?? (role.name.length >= 2 ? role.name : `${role.name}-session`),
    };
  }
  return undefined;
}

export function profileName(account: AccountModel, role: RoleModel): string {
  return `${account.name}-${role.name}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Where EKS mounts the IRSA token in a pod. */
export const IRSA_TOKEN_FILE = '/var/run/secrets/eks.amazonaws.com/serviceaccount/token';

/**
 * The `~/.aws/config` profiles for a caller of the role that must present an
 * external id: a role of another spec account whose trust entry has
 * `externalId`. The profile carries it as `external_id`, with `role_arn`; the
 * caller's own credentials come from where the spec says it runs (Pod
 * Identity or ECS: the container endpoint; EC2: instance metadata; IRSA: a
 * web-identity profile of the caller; else the environment). Callers outside
 * the spec are third parties: they configure their own side.
 */
export function externalIdProfiles(model: Model, account: AccountModel, role: RoleModel): string[] {
  return role.trust.flatMap((t) => {
    if (t.spec.type !== 'aws-role' || !t.spec.externalId || !('roleArn' in t) || !t.account || t.account === account.name) return [];
    const callerName = t.roleArn.slice(t.roleArn.lastIndexOf('/') + 1);
    const name = `${profileName(account, role)}-from-${t.account}-${callerName}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const caller = model.accounts.find((a) => a.name === t.account)?.roles.find((r) => r.arn === t.roleArn);
    const source = callerCredentials(caller, `${name}-caller`);
    return ['', `[profile ${name}]`, `role_arn = ${role.arn}`, `external_id = ${t.spec.externalId}`, ...source.lines, ...source.profile];
  });
}

function callerCredentials(caller: RoleModel | undefined, sourceName: string): { lines: string[]; profile: string[] } {
  const types = new Set(caller?.trust.map((t) => (t.spec.type === 'aws-service' ? t.spec.service : t.spec.type)) ?? []);
  if (caller && types.has('kubernetes-service-account')) {
    return {
      lines: [`source_profile = ${sourceName}`],
      profile: ['', `[profile ${sourceName}]`, `role_arn = ${caller.arn}`, `web_identity_token_file = ${IRSA_TOKEN_FILE}`],
    };
  }
  if (types.has('eks-pod-identity') || types.has('ecs-tasks.amazonaws.com')) return { lines: ['credential_source = EcsContainer'], profile: [] };
  if (types.has('ec2.amazonaws.com')) return { lines: ['credential_source = Ec2InstanceMetadata'], profile: [] };
  return { lines: ['credential_source = Environment'], profile: [] };
}

/**
 * Per role, `aws-sdk/<role>.env` (the variables name one role, so one file
 * each); per account, `aws-config.ini` with a profile for every role.
 */
export function awsSdkArtifacts(model: Model, account: AccountModel): Artifact[] {
  const spec = model.file;
  const out: Artifact[] = [];
  const profiles: string[] = [];
  const roles: string[] = [];
  let viaCaller = false;
  for (const role of account.roles) {
    const assume = externalIdProfiles(model, account, role);
    profiles.push(...assume);
    viaCaller ||= assume.length > 0;
    const s = sdkSettings(role);
    if (assume.length > 0 || s) roles.push(role.name);
    if (!s) continue;
    out.push({
      account: account.name,
      roles: [role.name],
      path: accountPath(account.name, `aws-sdk/${role.name}.env`),
      kind: 'aws-sdk-env',
      use: 'environment of the workload; it writes its OIDC token to AWS_WEB_IDENTITY_TOKEN_FILE',
      content: [hashHeader(spec), ...Object.entries(s).map(([k, v]) => `${k}=${v}`), ''].join('\n'),
    });
    profiles.push(
      '',
      `[profile ${profileName(account, role)}]`,
      `role_arn = ${s.AWS_ROLE_ARN}`,
      `web_identity_token_file = ${s.AWS_WEB_IDENTITY_TOKEN_FILE}`,
      `role_session_name = ${s.AWS_ROLE_SESSION_NAME}`,
    );
  }
  if (roles.length === 0) return out;
  out.push({
    account: account.name,
    roles,
    path: accountPath(account.name, 'aws-config.ini'),
    kind: 'aws-config-profile',
    use: `append to ~/.aws/config; select with AWS_PROFILE=${account.name}-<role>${viaCaller ? ' (or <account>-<role>-from-<caller account>-<caller role>)' : ''}`,
    content: [hashHeader(spec), ...profiles, ''].join('\n'),
  });
  return out;
}
