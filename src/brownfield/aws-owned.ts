/**
 * Roles AWS owns in an account: service-linked roles (path
 * `/aws-service-role/`, made and deleted by the service) and IAM Identity
 * Center's permission-set roles (`AWSReservedSSO_*`, path `/aws-reserved/`,
 * trusting the account's SAML provider). IAM refuses most changes to them, and
 * whatever Terraform wrote would be undone by AWS: they are listed as
 * AWS-managed, never imported or adopted.
 */
import type { ExportedRole } from './export';

/** Why AWS owns the role, or undefined when it is the account's own. */
export function awsOwnedReason(role: Pick<ExportedRole, 'name' | 'path'>): string | undefined {
  if (role.path.startsWith('/aws-service-role/'))
    return `a service-linked role (path ${role.path}): the service creates and deletes it, and IAM lets no one else change it`;
  if (role.name.startsWith('AWSReservedSSO_') || role.path.startsWith('/aws-reserved/sso.amazonaws.com/')) {
    return "an IAM Identity Center permission-set role (AWSReservedSSO_*, trusted through the account's SAML provider): Identity Center writes it from the permission set; change the permission set instead";
  }
  return undefined;
}
