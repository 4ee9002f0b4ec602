/**
 * The `terraform.backend` block of an account stack: the local backend beside
 * the project (no `backend:` in the spec, and always for offline dry runs),
 * or the S3 backend the spec names. Modules never get one.
 */
import type { AccountModel } from '../model/types';
import type { S3BackendModel } from '../model/types';

/** A backend's type (`local`, `s3`, listed in kinds.ts) and its Terraform JSON body. */
export interface BackendBlock {
  readonly type: 'local' | 's3';
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * Skip flags for an S3-compatible store (`endpoint` set): it has no STS to
 * validate credentials or name the account, may use region names AWS does
 * not know, and may not accept the SDK's default checksums.
 */
export const S3_COMPATIBLE_SKIPS = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
  skip_s3_checksum: true,
} as const;

export function stackBackend(account: AccountModel, offline: boolean | undefined): BackendBlock {
  // State beside the project, as cdktf does by default, but by a relative path so output is the same in every clone.
  if (offline || !account.backend) return { type: 'local', config: { path: `../../../terraform.${account.name}${offline ? '.offline-dry-run' : ''}.tfstate` } };
  return { type: 's3', config: s3BackendBody(account.backend) };
}

/** The S3 backend's arguments, as Terraform 1.11 names them (`use_lockfile`, `endpoints.s3`, `assume_role`). */
export function s3BackendBody(b: S3BackendModel): Record<string, unknown> {
  return {
    bucket: b.bucket,
    key: b.key,
    region: b.region,
    encrypt: b.encrypt,
    use_lockfile: b.useLockfile,
    ...(b.usePathStyle !== undefined ? { use_path_style: b.usePathStyle } : {}),
    ...(b.roleArn ? { assume_role: { role_arn: b.roleArn } } : {}),
    ...(b.endpoint ? { endpoints: { s3: b.endpoint }, ...S3_COMPATIBLE_SKIPS } : {}),
  };
}
