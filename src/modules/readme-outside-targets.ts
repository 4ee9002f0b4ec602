/**
 * The "Target roles outside the spec" section of an account module's README.
 * An association here may chain into a role of an account the spec does not
 * hold (`targetRoleArn`): this module grants its role `sts:AssumeRole` and
 * `sts:TagSession` on that target, but only the target's owner can let the
 * role in. The section gives them the trust policy to add, pinned exactly as
 * a target role of the spec would be (docs/trust-controls.md).
 */
import type { AccountModel, PodIdentityResolvedTrust } from '../model/types';
import { toIamPolicy } from '../policy/document';
import { podIdentityExternalId, targetTrustStatement } from '../trust/eks-pod-identity';

/** Markdown lines, or none when no association here names a target outside the spec. */
export function outsideTargetSection(account: AccountModel): string[] {
  const entries = account.roles.flatMap((role) =>
    role.origin !== undefined
      ? []
      : role.trust.flatMap((t) =>
          t.spec.type === 'eks-pod-identity' && 'clusterArn' in t && t.targetRoleArn !== undefined ? [{ role, t: t as PodIdentityResolvedTrust }] : [],
        ),
  );
  if (entries.length === 0) return [];
  const lines = [
    '## Target roles outside the spec',
    '',
    "These Pod Identity associations chain into roles of accounts this spec does not hold. Each role here may assume and tag only its target; the target trusts nothing until its owner adds the statement below to its trust policy. EKS sends the pods' session tags on that call (with session tags off, the external id instead), so the statement admits only these pods:",
    '',
  ];
  for (const { role, t } of entries) {
    const s = t.spec;
    const externalId = s.disableSessionTags ? podIdentityExternalId(account.region, account.id, s) : undefined;
    const [statement] = toIamPolicy({ statements: [targetTrustStatement(role.arn, t.clusterArn, s, externalId)] }).Statement;
    lines.push(
      `\`${t.targetRoleArn}\`, for \`${s.namespace}/${s.serviceAccount}\` on cluster \`${s.cluster}\` through \`${role.name}\`:`,
      '',
      '```json',
      JSON.stringify(statement, null, 2),
      '```',
      '',
    );
  }
  return lines;
}
