/**
 * EKS Pod Identity across accounts. An eks-pod-identity entry with
 * `clusterAccount` and `via` on role T says: pods of that service account, on
 * a cluster of `clusterAccount`, get T's credentials. EKS does this by role
 * chaining (Amazon EKS User Guide, "Access AWS Resources using EKS Pod
 * Identity Target IAM Roles"): the association in the cluster account uses a
 * role there (`via`, S) and names T as its target; EKS assumes S, then T.
 *
 * The spec declares only T's entry; this file derives S, the role the resolver
 * then creates in the cluster account like any declared role: its trust is a
 * plain eks-pod-identity entry (the service, with the same cluster, namespace
 * and service account pinned), it carries T's suppressions, and its findings
 * point at T's entry (`origin`). Its one permission, `sts:AssumeRole` and
 * `sts:TagSession` on T, is the cross-account grant the resolver writes for
 * every role a spec role trusts.
 */
import { viaRole } from '../trust/eks-pod-identity';
import type { RoleSpec, Spec } from '../input/schema';

/** A role the spec does not declare: the association's role of a cross-account Pod Identity entry. */
export interface ChainedSourceRole {
  /** The account that runs the cluster, where S is created. */
  readonly clusterAccount: string;
  /** S, as if the spec declared it in `clusterAccount`. */
  readonly role: RoleSpec;
  /** The field path of T's entry. */
  readonly origin: readonly (string | number)[];
  /** T: its account and name as the spec declares them. */
  readonly target: { readonly account: string; readonly name: string };
}

/** Every cross-account Pod Identity entry's source role, in spec order. */
export function chainedSourceRoles(spec: Spec): ChainedSourceRole[] {
  const out: ChainedSourceRole[] = [];
  spec.accounts.forEach((account, ai) =>
    account.roles.forEach((role, ri) =>
      role.trust.forEach((t, ti) => {
        if (t.type !== 'eks-pod-identity' || t.clusterAccount === undefined || t.via === undefined) return;
        // Only a spec account can hold S; the trust builder reports the others at `clusterAccount`.
        if (!spec.accounts.some((a) => a.name === t.clusterAccount && a.name !== account.name)) return;
        const via = viaRole(t.via);
        out.push({
          clusterAccount: t.clusterAccount,
          origin: ['accounts', ai, 'roles', ri, 'trust', ti],
          target: { account: account.name, name: role.name },
          role: {
            name: via.name,
            path: via.path ?? '/',
            permissionsBoundary: via.permissionsBoundary,
            description: `EKS Pod Identity: ${t.namespace}/${t.serviceAccount} on cluster ${t.cluster}, chained into ${account.name}/${role.name}`,
            managedPolicies: [],
            inlinePolicies: [],
            tags: via.tags ?? {},
            trust: [
              {
                type: 'eks-pod-identity',
                cluster: t.cluster,
                namespace: t.namespace,
                serviceAccount: t.serviceAccount,
                deployment: t.deployment,
                ...(t.disableSessionTags ? { disableSessionTags: true } : {}),
              },
            ],
            suppressions: role.suppressions,
          },
        });
      }),
    ),
  );
  return out;
}
