/**
 * Web-identity workloads outside EKS (GCP Dataflow through accounts.google.com,
 * any other OIDC issuer): the AWS SDK's web-identity settings, as environment
 * variables and as an `~/.aws/config` profile. The workload must write its
 * OIDC token to the token file; the SDK does the exchange.
 */
import type { AccountModel, RoleModel } from '../model/types';
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

/**
 * Per role, `aws-sdk/<role>.env` (the variables name one role, so one file
 * each); per account, `aws-config.ini` with a profile for every role.
 */
export function awsSdkArtifacts(account: AccountModel, spec: string): Artifact[] {
  const out: Artifact[] = [];
  const profiles: string[] = [];
  const roles: string[] = [];
  for (const role of account.roles) {
    const s = sdkSettings(role);
    if (!s) continue;
    roles.push(role.name);
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
    use: `append to ~/.aws/config; select with AWS_PROFILE=${account.name}-<role>`,
    content: [hashHeader(spec), ...profiles, ''].join('\n'),
  });
  return out;
}
