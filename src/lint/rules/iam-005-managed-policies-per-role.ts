import { LIMITS } from '../../input/primitives/limits';
import { COMPLIANT, findings, NOT_APPLICABLE, type Rule } from '../types';

/** IAM005: more managed policies on a role than the account's quota (10, raisable to 20). */
export const iam005: Rule = {
  id: 'IAM005',
  level: 'error',
  kinds: ['role'],
  name: `More than ${LIMITS.managedPoliciesPerRole} managed policies per role (configurable up to ${LIMITS.maxManagedPoliciesPerRole})`,
  explanation: `IAM refuses to attach more managed policies to a role than the account's quota (${LIMITS.managedPoliciesPerRole} unless raised, at most ${LIMITS.maxManagedPoliciesPerRole}), and only once the apply has started.`,
  fix: 'merge policies, or raise the quota and set limits.managedPoliciesPerRole on the account',
  suppressible: false,
  check(subject) {
    if (subject.kind !== 'role') return NOT_APPLICABLE;
    const limit = subject.managedPoliciesPerRole ?? LIMITS.managedPoliciesPerRole;
    const count = subject.role.managedPolicyArns.length;
    if (count <= limit) return COMPLIANT;
    return findings([
      {
        at: 'managedPolicies',
        message: `role "${subject.role.name}" has ${count} managed policies; the account's quota is ${limit}`,
        fix:
          limit < LIMITS.maxManagedPoliciesPerRole
            ? `merge them into fewer customer-managed or inline policies, or raise the quota with AWS and set limits.managedPoliciesPerRole on the account (up to ${LIMITS.maxManagedPoliciesPerRole})`
            : 'merge them into fewer customer-managed or inline policies',
      },
    ]);
  },
};
