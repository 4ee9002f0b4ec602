/**
 * Each role with its policies: its trust policy document, the role, its
 * managed policy attachments and its inline policies. An adopted role is
 * imported with its attachments and inline policies (imports.ts).
 */
import type { AccountModel, RoleModel } from '../model/types';
import { TAGS_VARIABLE } from '../names';
import { DOC, OIDC, ROLE, type Body, type Elements } from './element';
import { mergeTags, ref } from './expressions';
import { attachmentImportId, inlinePolicyImportId, roleImportId } from './imports';

/** What roles wait for besides the providers and roles of their own account. */
export interface RoleDependencies {
  /** The cross-account variable (variables.ts), for roles that trust roles of other accounts. */
  readonly crossAccount: readonly string[];
  /** role tfId -> the IAM users it trusts (iam-users.ts). */
  readonly usersOf: ReadonlyMap<string, readonly string[]>;
}

export function emitRoles(account: AccountModel, out: Elements, deps: RoleDependencies): void {
  for (const role of account.roles) {
    const scope = `role-${role.tfId}`;
    out.policyDocument(role.trustTfId, `${scope}/doc-${role.trustTfId}`, role.trustPolicy);
    const dependsOn = [
      ...role.dependsOnProviders.map((id) => `${OIDC}.${id}`),
      ...role.dependsOnRoles.map((id) => `${ROLE}.${id}`),
      ...(role.dependsOnAccounts.length > 0 ? deps.crossAccount : []),
      ...(deps.usersOf.get(role.tfId) ?? []),
    ];
    out.add('resource', ROLE, role.tfId, `${scope}/iam-role-${role.tfId}`, roleBody(role, dependsOn), roleImportId(role));
    const roleName = ref(`${ROLE}.${role.tfId}`, 'name');
    for (const policy of role.managedPolicyArns) {
      out.add(
        'resource',
        'aws_iam_role_policy_attachment',
        policy.tfId,
        `${scope}/attach-${policy.tfId}`,
        { role: roleName, policy_arn: policy.policyTfId !== undefined ? ref(`aws_iam_policy.${policy.policyTfId}`, 'arn') : policy.arn },
        attachmentImportId(role, policy),
      );
    }
    for (const policy of role.inlinePolicies) {
      out.policyDocument(policy.tfId, `${scope}/doc-${policy.tfId}`, policy.document);
      out.add(
        'resource',
        'aws_iam_role_policy',
        policy.tfId,
        `${scope}/inline-${policy.tfId}`,
        { name: policy.name, role: roleName, policy: ref(`data.${DOC}.${policy.tfId}`, 'json') },
        inlinePolicyImportId(role, policy.name),
      );
    }
  }
}

function roleBody(role: RoleModel, dependsOn: string[]): Body {
  return {
    name: role.name,
    path: role.path === '/' ? undefined : role.path,
    description: role.description,
    max_session_duration: role.maxSessionDuration,
    permissions_boundary: role.permissionsBoundary,
    assume_role_policy: ref(`data.${DOC}.${role.trustTfId}`, 'json'),
    tags: mergeTags(role.tags, `var.${TAGS_VARIABLE}`),
    depends_on: dependsOn.length > 0 ? dependsOn : undefined,
  };
}
