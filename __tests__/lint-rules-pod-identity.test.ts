/** TRUST021: EKS Pod Identity trusts must pin the session tags that name the pods. */
import { trust021 } from '../src/lint/rules/trust-021-pod-identity-unpinned';
import { conditions, describeRule, statement, trustPolicy } from './helpers/rule-harness';

const CLUSTER = 'arn:aws:eks:eu-west-1:111111111111:cluster/spark';
const pods = (...conds: Parameters<typeof conditions>) =>
  statement({
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Principal: { Service: 'pods.eks.amazonaws.com' },
    ...(conds.length > 0 ? { Condition: conditions(...conds) } : {}),
  });
const NS = ['StringEquals', 'aws:RequestTag/kubernetes-namespace', 'spark'] as const;
const SA = ['StringEquals', 'aws:RequestTag/kubernetes-service-account', 'driver'] as const;
const CL = ['StringEquals', 'aws:RequestTag/eks-cluster-arn', CLUSTER] as const;
const every = 'every Pod Identity association of the account that names the role gets its credentials';

describeRule(trust021, {
  failing: [
    {
      name: 'session tags off (disableSessionTags): the service alone',
      subject: trustPolicy([pods()]),
      expected: [
        {
          level: 'warning',
          message: `EKS Pod Identity may assume the role without the session tags pinning its namespace, service account, cluster: ${every}`,
        },
      ],
    },
    {
      name: 'a namespace pinned with a pattern, not StringEquals',
      subject: trustPolicy([pods(['StringLike', 'aws:RequestTag/kubernetes-namespace', 'spark-*'], SA, CL)]),
      expected: [{ level: 'warning', message: `EKS Pod Identity may assume the role without the session tags pinning its namespace: ${every}` }],
    },
    {
      name: "AWS's own example: namespace and service account, no cluster (info)",
      subject: trustPolicy([pods(NS, SA)]),
      expected: [
        {
          level: 'info',
          message:
            'EKS Pod Identity may assume the role from any cluster of the account: the trust pins namespace and service account but not aws:RequestTag/eks-cluster-arn',
        },
      ],
    },
  ],
  passing: [
    { name: 'the three tags pinned (what eks-pod-identity writes)', subject: trustPolicy([pods(CL, NS, SA)]), status: 'compliant' },
    {
      name: 'a target role trusting the via role (AWS principal)',
      subject: trustPolicy([statement({ Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111111111111:role/via' } })]),
      status: 'not-applicable',
    },
  ],
});
