/**
 * The hashicorp/aws version constraint of one account's stack and module:
 * the spec's `options.awsProviderVersion`, else the default. An association
 * that chains into a target role or turns session tags off needs AWS provider
 * 6.2.0, so such an account defaults to `>= 6.2.0, < 7.0` instead, and a spec
 * constraint that admits anything older is too old for it.
 */
import {
  admitsSomeFrom,
  DEFAULT_AWS_PROVIDER_VERSION,
  OLDEST_TESTED,
  POD_IDENTITY_TARGET_CONSTRAINT,
  POD_IDENTITY_TARGET_PROVIDER,
} from '../input/sections/provider-version';
import { podIdentityAssociations } from './pod-identity';
import type { RoleModel } from './types';

export function accountProviderRange(set: string | undefined, roles: readonly RoleModel[]): { readonly version: string; readonly tooOld: boolean } {
  const needs = podIdentityAssociations({ roles }).some((a) => a.targetRoleArn !== undefined || a.disableSessionTags);
  if (!needs) return { version: set ?? DEFAULT_AWS_PROVIDER_VERSION, tooOld: false };
  if (set === undefined) return { version: POD_IDENTITY_TARGET_CONSTRAINT, tooOld: false };
  return { version: set, tooOld: admitsSomeFrom(set, OLDEST_TESTED, POD_IDENTITY_TARGET_PROVIDER) };
}
