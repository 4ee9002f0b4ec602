/**
 * Offline Terraform on this project's machines: the AWS provider comes from a
 * local filesystem mirror, and plans run with the provider's skip flags and
 * dummy credentials. Nothing here talks to AWS.
 */

/** Provider arguments that let `terraform plan` run with no AWS credentials and no network. */
export const OFFLINE_PROVIDER_SETTINGS = {
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  access_key: 'offline-dry-run',
  secret_key: 'offline-dry-run',
} as const;

/**
 * An override file for a root's AWS providers (an alias each; undefined: the default provider). `allowed_account_ids`
 * is cleared because the provider cannot learn the account id offline.
 */
export function offlineProviderOverride(aliases: readonly (string | undefined)[]): string {
  const body = Object.entries(OFFLINE_PROVIDER_SETTINGS).map(([k, v]) => `  ${k.padEnd(27)} = ${JSON.stringify(v)}`);
  return aliases
    .map((alias) => ['provider "aws" {', ...(alias === undefined ? [] : [`  alias = "${alias}"`]), '  allowed_account_ids = null', ...body, '}', ''].join('\n'))
    .join('\n');
}
