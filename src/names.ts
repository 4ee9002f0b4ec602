/** Names that appear in the generated Terraform and that users and tools rely on. */

/** The inline policy that lets a role assume its cross-account targets. */
export const GRANT_POLICY_NAME = 'assume-cross-account-roles';

/** The variable through which a plain root orders modules whose roles trust each other. */
export const CROSS_ACCOUNT_DEPENDENCIES = 'cross_account_dependencies';

/** The variable whose tags are merged over every role's tags. */
export const TAGS_VARIABLE = 'tags';

/** The sensitive output with the access keys of the IAM-user fallback. */
export const IAM_USER_KEYS_OUTPUT = 'iam_user_access_keys';

/** The inline policy that lets an IAM-user fallback assume its one role. */
export const IAM_USER_POLICY_NAME = 'assume-role-only';

/** The module name and provider alias of an account in a plain root: Terraform-style, `-` becomes `_`. */
export function accountIdent(account: string): string {
  return account.replace(/-/g, '_');
}
