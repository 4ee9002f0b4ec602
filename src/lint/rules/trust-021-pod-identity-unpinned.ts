import { POD_IDENTITY_SERVICE, POD_IDENTITY_TAGS } from '../../trust/eks-pod-identity';
import { isAllow, principalIds, readStatements } from '../private/iam-json';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';

const PINS = [
  ['namespace', POD_IDENTITY_TAGS.namespace],
  ['service account', POD_IDENTITY_TAGS.serviceAccount],
  ['cluster', POD_IDENTITY_TAGS.cluster],
] as const;
/** The other session tag that names the cluster. */
const CLUSTER_NAME_TAG = 'aws:RequestTag/eks-cluster-name';

/**
 * TRUST021: EKS Pod Identity may assume the role without the session tags
 * that name the pods' cluster, namespace and service account, the only
 * thing that tells one association from another. In the spec this is
 * `disableSessionTags: true`.
 */
export const trust021: Rule = {
  id: 'TRUST021',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'Pod Identity trust without the session-tag pins',
  explanation:
    'EKS Pod Identity assumes every associated role as the one service pods.eks.amazonaws.com. Only its session tags (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account) say which pods asked, so a trust that does not pin them with StringEquals admits every association of the account that names the role: anyone allowed to create one (eks:CreatePodIdentityAssociation and iam:PassRole on the role) gets its credentials. With session tags off (disableSessionTags) there is nothing to pin. A target role of a cross-account entry pins sts:ExternalId instead, but a pod given the via role directly can send that external id itself.',
  fix: 'pin aws:RequestTag/eks-cluster-arn (or eks-cluster-name), kubernetes-namespace and kubernetes-service-account with StringEquals (in the spec: keep the session tags on, without disableSessionTags), or suppress TRUST021 with the reason (e.g. PackedPolicyTooLarge) and restrict iam:PassRole on the role',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const out: RuleFinding[] = [];
    let applicable = false;
    for (const s of readStatements(subject.policy)) {
      if (!isAllow(s) || !principalIds(s, 'Service').some((id) => id.toLowerCase() === POD_IDENTITY_SERVICE)) continue;
      applicable = true;
      const pinned = (key: string) =>
        s.conditions.some(
          (c) => c.operator === 'StringEquals' && c.key.toLowerCase() === key.toLowerCase() && c.values.length > 0 && c.values.every((v) => !/[*?]/.test(v)),
        );
      // The cluster may be pinned by its ARN or by its name: EKS sends both session tags.
      const missing = PINS.filter(([what, key]) => !pinned(key) && !(what === 'cluster' && pinned(CLUSTER_NAME_TAG))).map(([what]) => what);
      if (missing.length === 0) continue;
      // The cluster alone: only the same namespace and service account on another cluster of the account gets in.
      const clusterOnly = missing.length === 1 && missing[0] === 'cluster';
      out.push({
        statement: s.index,
        at: `Statement[${s.index}].Condition`,
        level: clusterOnly ? 'info' : undefined,
        message: clusterOnly
          ? 'EKS Pod Identity may assume the role from any cluster of the account: the trust pins namespace and service account but not aws:RequestTag/eks-cluster-arn'
          : `EKS Pod Identity may assume the role without the session tags pinning its ${missing.join(', ')}: every Pod Identity association of the account that names the role gets its credentials`,
      });
    }
    return applicable ? findings(out) : NOT_APPLICABLE;
  },
};
