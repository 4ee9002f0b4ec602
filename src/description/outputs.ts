/** The account's outputs: role ARNs and names, OIDC provider ARNs, and the IAM users' access keys when there are any. */
import type { AccountModel } from '../model/types';
import { IAM_USER_KEYS_OUTPUT } from '../names';
import { OIDC, ROLE } from './element';
import { ref } from './expressions';
import type { IamUsers } from './iam-users';

export interface Output {
  readonly description: string;
  readonly value: unknown;
  readonly sensitive?: boolean;
}

export function accountOutputs(account: AccountModel, keys: IamUsers['keys']): Record<string, Output> {
  const outputs: Record<string, Output> = {
    role_arns: {
      description: 'ARN of each role, by role name.',
      value: Object.fromEntries(account.roles.map((r) => [r.name, ref(`${ROLE}.${r.tfId}`, 'arn')])),
    },
    role_names: {
      description: 'Name of each role, by role name (a reference, so that a root using it waits for the role).',
      value: Object.fromEntries(account.roles.map((r) => [r.name, ref(`${ROLE}.${r.tfId}`, 'name')])),
    },
    oidc_provider_arns: {
      description: 'ARN of each OIDC provider the roles trust, by issuer name (a reference to the resource where this module creates it).',
      value: Object.fromEntries(account.oidcProviders.map((p) => [p.issuer, p.mode === 'create' ? ref(`${OIDC}.${p.tfId}`, 'arn') : p.arn])),
    },
  };
  if (keys.length > 0) {
    outputs[IAM_USER_KEYS_OUTPUT] = {
      description: 'Access keys of the IAM-user fallback, by user name (the secret only PGP-encrypted when the spec gives pgpKey).',
      sensitive: true,
      value: Object.fromEntries(keys),
    };
  }
  return outputs;
}
