import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import type { Construct } from 'constructs';

export interface PodIdentityProps {
  readonly tfId: string;
  readonly cluster: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn: string;
  /** Tags of the association (the stack's `tags` variable). */
  readonly tags?: Record<string, string>;
}

/** `aws_eks_pod_identity_association`: the service account of the trust gets the role's credentials. */
export function podIdentityAssociation(scope: Construct, props: PodIdentityProps): EksPodIdentityAssociation {
  const association = new EksPodIdentityAssociation(scope, `pod-identity-${props.tfId}`, {
    clusterName: props.cluster,
    namespace: props.namespace,
    serviceAccount: props.serviceAccount,
    roleArn: props.roleArn,
    tags: props.tags,
  });
  association.overrideLogicalId(props.tfId);
  return association;
}
