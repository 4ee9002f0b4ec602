/** EKS Pod Identity associations: the service account of an `eks-pod-identity` trust gets the role's credentials. */
import { podIdentityAssociations } from '../model/pod-identity';
import type { AccountModel } from '../model/types';
import { TAGS_VARIABLE } from '../names';
import { ROLE, type Elements } from './element';
import { mergeTags, ref } from './expressions';

export function emitPodIdentityAssociations(account: AccountModel, out: Elements): void {
  for (const a of podIdentityAssociations(account)) {
    out.add('resource', 'aws_eks_pod_identity_association', a.tfId, `pod-identity-${a.tfId}`, {
      cluster_name: a.cluster,
      namespace: a.namespace,
      service_account: a.serviceAccount,
      role_arn: ref(`${ROLE}.${a.roleTfId}`, 'arn'),
      target_role_arn: a.targetRoleArn,
      disable_session_tags: a.disableSessionTags,
      tags: mergeTags({}, `var.${TAGS_VARIABLE}`),
    });
  }
}
