import { IdentifierScope } from './arn';
import type { AccountModel } from './types';

/** One `aws_eks_pod_identity_association` per eks-pod-identity trust entry of the cluster's account, with stable Terraform ids. */
export interface PodIdentityAssociation {
  readonly tfId: string;
  readonly roleTfId: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The role EKS chains into after assuming this association's role (`target_role_arn`; AWS provider 6.2.0 or later). */
  readonly targetRoleArn?: string;
  /** `disable_session_tags` (AWS provider 6.2.0 or later); absent when the tags stay on. */
  readonly disableSessionTags?: true;
}

export function podIdentityAssociations(account: Pick<AccountModel, 'roles'>): PodIdentityAssociation[] {
  const ids = new IdentifierScope();
  const out: PodIdentityAssociation[] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      // A target role's entry (its cluster runs in another account) is that account's association, made for its `via` role.
      if (t.spec.type !== 'eks-pod-identity' || !('clusterArn' in t) || t.sourceRoleArn !== undefined) continue;
      const { cluster, namespace, serviceAccount } = t.spec;
      out.push({
        tfId: ids.claim(`${role.tfId}_${namespace}_${serviceAccount}`),
        roleTfId: role.tfId,
        cluster,
        namespace,
        serviceAccount,
        ...(t.targetRoleArn !== undefined ? { targetRoleArn: t.targetRoleArn } : {}),
        ...(t.spec.disableSessionTags ? { disableSessionTags: true as const } : {}),
      });
    }
  }
  return out;
}
