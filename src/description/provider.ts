/**
 * The account's `provider "aws"` block (stacks only; the plain module takes
 * its provider from the caller). The backend is backend.ts.
 */
import type { AccountModel } from '../model/types';
import { OFFLINE_PROVIDER_SETTINGS } from '../terraform/offline';
import type { Body } from './element';

/**
 * Deploys pin the account id (`allowed_account_ids`) and assume the deploy
 * role if the spec gives one; an offline dry run gets dummy credentials and
 * the provider's skip flags instead.
 */
export function providerBody(account: AccountModel, offline: boolean | undefined): Body {
  if (offline) {
    const o = OFFLINE_PROVIDER_SETTINGS;
    return {
      region: account.region,
      access_key: o.access_key,
      secret_key: o.secret_key,
      skip_credentials_validation: o.skip_credentials_validation,
      skip_requesting_account_id: o.skip_requesting_account_id,
      skip_metadata_api_check: String(o.skip_metadata_api_check),
    };
  }
  return {
    region: account.region,
    allowed_account_ids: [account.id],
    assume_role: account.deployRole ? [{ role_arn: account.deployRole }] : undefined,
  };
}
