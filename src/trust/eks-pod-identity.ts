import { problems as P } from '../errors';
import type { TrustSpec } from '../input/trust-types';
import type { Statement } from '../policy/document';
import type { TrustBuildContext, TrustResult } from './context';

export const POD_IDENTITY_SERVICE = 'pods.eks.amazonaws.com';

/** An eks-pod-identity entry's `via`, written as a name or as an object, as the object. */
export function viaRole(
  via: string | { readonly name: string; readonly path?: string; readonly permissionsBoundary?: string; readonly tags?: Readonly<Record<string, string>> },
) {
  return typeof via === 'string' ? { name: via } : via;
}

export function eksClusterArn(partition: string, region: string, accountId: string, cluster: string): string {
  return `arn:${partition}:eks:${region}:${accountId}:cluster/${cluster}`;
}

/** The session tags EKS Pod Identity sends, which its trusts pin. */
export const POD_IDENTITY_TAGS = {
  cluster: 'aws:RequestTag/eks-cluster-arn',
  namespace: 'aws:RequestTag/kubernetes-namespace',
  serviceAccount: 'aws:RequestTag/kubernetes-service-account',
} as const;

/**
 * The `sts:ExternalId` EKS sends when it assumes a target role for an
 * association with session tags off: `region/account/cluster/namespace/service account`
 * of the cluster (Amazon EKS User Guide, "Access AWS Resources using EKS Pod
 * Identity Target IAM Roles").
 */
export function podIdentityExternalId(region: string, accountId: string, t: { cluster: string; namespace: string; serviceAccount: string }): string {
  return `${region}/${accountId}/${t.cluster}/${t.namespace}/${t.serviceAccount}`;
}

type PodIdentitySpec = Extract<TrustSpec, { type: 'eks-pod-identity' }>;

/**
 * EKS Pod Identity: the EKS Auth service assumes the role with `sts:AssumeRole`
 * and `sts:TagSession`, tagging the session with the cluster, namespace and
 * service account. The trust pins all three with StringEquals, so another
 * association in the account cannot borrow the role. The association itself
 * is created by the account stack, in the role's account and region.
 *
 * With session tags off (`disableSessionTags`) EKS sends no tags, so the trust
 * can only name the service (TRUST021 says so).
 *
 * With `clusterAccount`, the cluster runs in another spec account: its
 * association uses the role `via` there and names this role as the target.
 * This role trusts exactly `via`, with the session tags pinned (or, with tags
 * off, the `sts:ExternalId` EKS derives from the same three), and `via` is
 * granted `sts:AssumeRole` and `sts:TagSession` on it.
 */
export function eksPodIdentity(t: PodIdentitySpec, ctx: TrustBuildContext): TrustResult | undefined {
  if (t.clusterAccount !== undefined) return chained(t, ctx);
  const clusterArn = eksClusterArn(ctx.partition, ctx.account.region, ctx.account.id, t.cluster);
  return {
    statements: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [{ type: 'Service', identifiers: [POD_IDENTITY_SERVICE] }],
        conditions: t.disableSessionTags ? undefined : tagConditions(clusterArn, t),
      },
    ],
    resolved: { spec: t, clusterArn },
  };
}

function tagConditions(clusterArn: string, t: Pick<PodIdentitySpec, 'namespace' | 'serviceAccount'>) {
  return [
    { test: 'StringEquals' as const, variable: POD_IDENTITY_TAGS.cluster, values: [clusterArn] },
    { test: 'StringEquals' as const, variable: POD_IDENTITY_TAGS.namespace, values: [t.namespace] },
    { test: 'StringEquals' as const, variable: POD_IDENTITY_TAGS.serviceAccount, values: [t.serviceAccount] },
  ];
}

function chained(t: PodIdentitySpec, ctx: TrustBuildContext): TrustResult | undefined {
  const cluster = ctx.specAccount(t.clusterAccount!, 'clusterAccount');
  if (!cluster) return undefined;
  if (cluster.id === ctx.account.id) {
    ctx.report('clusterAccount', (f, p) => P.clusterInOwnAccount(f, p, t.clusterAccount!));
    return undefined;
  }
  const source = ctx.role(viaRole(t.via!).name, t.clusterAccount, { tagSession: true });
  if (!source) return undefined;
  const clusterArn = eksClusterArn(ctx.partition, cluster.region, cluster.id, t.cluster);
  const externalId = t.disableSessionTags ? podIdentityExternalId(cluster.region, cluster.id, t) : undefined;
  return {
    statements: [targetTrustStatement(source.arn, clusterArn, t, externalId)],
    resolved: { spec: t, clusterArn, sourceRoleArn: source.arn, ...(externalId !== undefined ? { externalId } : {}) },
  };
}

/**
 * What a target role's trust says for one association: its role (`source`) may
 * assume and tag the session with the pods' tags pinned or, with tags off, the
 * external id EKS sends. AWS's example allows sts:TagSession in a second
 * statement without the external id; one statement pins both, as IAM checks
 * both actions on the one AssumeRole request, which carries the external id.
 * Written into the trust of a target role of the spec, and given in the module
 * README for a target outside it.
 */
export function targetTrustStatement(
  source: string,
  clusterArn: string,
  t: Pick<PodIdentitySpec, 'namespace' | 'serviceAccount'>,
  externalId?: string,
): Statement {
  return {
    effect: 'Allow',
    actions: ['sts:AssumeRole', 'sts:TagSession'],
    principals: [{ type: 'AWS', identifiers: [source] }],
    conditions: externalId !== undefined ? [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [externalId] }] : tagConditions(clusterArn, t),
  };
}
