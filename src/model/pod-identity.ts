import { IdentifierScope } from './arn';
import type { AccountModel } from './types';

/** One `aws_eks_pod_identity_association` per eks-pod-identity trust entry, with stable Terraform ids. */
export interface PodIdentityAssociation {
  readonly tfId: string;
  readonly roleTfId: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export function podIdentityAssociations(account: AccountModel): PodIdentityAssociation[] {
  const ids = new IdentifierScope();
  const out: PodIdentityAssociation[] = [];
  for (const role of account.roles) {
    for (const t of role.trust) {
      if (t.spec.type !== 'eks-pod-identity') continue;
      const { cluster, namespace, serviceAccount } = t.spec;
      out.push({ tfId: ids.claim(`${role.tfId}_${namespace}_${serviceAccount}`), roleTfId: role.tfId, cluster, namespace, serviceAccount });
    }
  }
  return out;
}
