import { findings, NOT_APPLICABLE, type Rule } from '../types';

/** WORK004: the iam-user trust gives a workload a long-lived access key (whether its secret is encrypted is TRUST017). */
export const work004: Rule = {
  id: 'WORK004',
  level: 'warning',
  kinds: ['iam-user-access-key'],
  name: 'Long-lived IAM-user access key for a workload',
  explanation:
    'An access key does not expire: whoever copies it can assume the role until someone rotates it. Role trusts hand out credentials that expire within hours.',
  fix: 'prefer a role trust (aws-role, kubernetes-service-account, eks-pod-identity); otherwise give pgpKey and rotate the key',
  check(subject) {
    if (subject.kind !== 'iam-user-access-key') return NOT_APPLICABLE;
    const role = subject.user.roleName ? ` that can assume role "${subject.user.roleName}"` : '';
    return findings([{ message: `IAM user "${subject.user.userName}" gets a long-lived access key${role}` }]);
  },
};
