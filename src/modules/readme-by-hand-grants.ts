/**
 * What stays by hand, in an account module's README. The "Statements to add by hand" section: the
 * tool writes only to IAM objects it manages (the roles the spec creates or
 * adopts): a role of this account that the spec does not declare, but that a
 * role of the spec trusts, needs `sts:AssumeRole` on that role in its own
 * identity policies. Nothing here writes it; its owner adds the statement
 * below (to any policy of the role), and the access proof counts it only
 * once it exists. And the EKS Pod Identity associations of roles imported as
 * they were (aws-service pods.eks.amazonaws.com with sessionTags): an IAM
 * export does not show them, so this module neither creates nor adopts any.
 */
import type { AccountModel } from '../model/types';
import { toIamPolicy } from '../policy/document';
import { POD_IDENTITY_SERVICE } from '../trust/eks-pod-identity';

/** Markdown lines, or none when every caller the spec needs is managed here. */
export function byHandGrantSection(account: AccountModel): string[] {
  const grants = account.grants.filter((g) => g.byHand);
  if (grants.length === 0) return [];
  const lines = [
    '## Statements to add by hand',
    '',
    "Roles of this account that the spec trusts but does not manage. This module writes nothing to them (an inline policy written here would replace one of the same name that the role already has); until each role's owner adds the statement below to one of its identity policies, the role cannot assume its targets:",
    '',
  ];
  for (const g of grants) {
    const { Statement } = toIamPolicy(g.document);
    lines.push(`Role \`${g.roleName}\` of account \`${account.id}\`:`, '', '```json', JSON.stringify(Statement, null, 2), '```', '');
  }
  return lines;
}

/** Markdown lines naming the roles EKS Pod Identity assumes through associations outside the spec, or none. */
export function byHandPodIdentitySection(account: AccountModel): string[] {
  const roles = account.roles.filter((r) => r.trust.some((t) => t.spec.type === 'aws-service' && t.spec.service === POD_IDENTITY_SERVICE));
  if (roles.length === 0) return [];
  return [
    '## Pod Identity associations kept by hand',
    '',
    `EKS Pod Identity (\`${POD_IDENTITY_SERVICE}\`) assumes these roles through associations this module does not manage: it neither creates nor changes any, and each stays as it is. \`aws eks list-pod-identity-associations --cluster-name <cluster>\` lists them; to manage one here, write the role's trust as an \`eks-pod-identity\` entry and import the association first (the provider's \`aws_eks_pod_identity_association\` import), or synthesis would create a second one:`,
    '',
    ...roles.map((r) => `- \`${r.name}\` (\`${r.arn}\`)`),
    '',
  ];
}
