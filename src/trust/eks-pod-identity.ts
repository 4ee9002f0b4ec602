import type { TrustSpec } from '../spec/schema';
import type { TrustContext, TrustResult } from './context';

export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

export function eksClusterArn(partition: string, region: string, accountId: string, cluster: string): string {
  return `arn:${partition}:eks:${region}:${accountId}:cluster/${cluster}`;
}

/**
 * EKS Pod Identity: the EKS Auth service assumes the role with `sts:AssumeRole`
 * and `sts:TagSession`, tagging the session with the cluster, namespace and
 * service account. The trust pins all three with StringEquals, so another
 * association in the account cannot borrow the role. The association itself
 * is created by the account stack, in the role's account and region.
 */
export function eksPodIdentity(t: Extract<TrustSpec, { type: 'eks-pod-identity' }>, ctx: TrustContext): TrustResult {
  const clusterArn = eksClusterArn(ctx.partition, ctx.account.region, ctx.account.id, t.cluster);
  return {
    statements: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: [POD_IDENTITY_SERVICE] }],
        conditions: [
          { test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: [clusterArn] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: [t.namespace] },
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: [t.serviceAccount] },
        ],
      },
    ],
    resolved: { spec: t, clusterArn },
  };
}
