/**
 * The Terraform `import` ids of what an account adopts (`adopt: true` on a
 * role or an OIDC provider): the AWS provider's import id of each resource.
 * An emitter passes these as an element's `importId`; `undefined` creates it.
 */
import type { OidcProviderModel, RoleModel } from '../model/types';
import { GRANT_POLICY_NAME } from '../names';

/** An adopted OIDC provider is imported by its ARN. */
export const oidcProviderImportId = (p: OidcProviderModel): string | undefined => (p.adopt ? p.arn : undefined);

/** An adopted role is imported by its name. */
export const roleImportId = (role: RoleModel): string | undefined => (role.adopt ? role.name : undefined);

/**
 * An adopted role's managed policy attachment: `<role>/<policy ARN>`, except
 * for a policy this spec creates, which cannot exist before the apply does.
 */
export const attachmentImportId = (role: RoleModel, policy: RoleModel['managedPolicyArns'][number]): string | undefined =>
  role.adopt && policy.policyTfId === undefined ? `${role.name}/${policy.arn}` : undefined;

/** An adopted role's inline policy: `<role>:<policy name>`. */
export const inlinePolicyImportId = (role: RoleModel, policyName: string): string | undefined => (role.adopt ? `${role.name}:${policyName}` : undefined);

/** An adopted role's caller grant is adopted with it: `import` checked that the exported role had exactly this policy. */
export const grantImportId = (adopted: boolean, roleName: string): string | undefined => (adopted ? `${roleName}:${GRANT_POLICY_NAME}` : undefined);
