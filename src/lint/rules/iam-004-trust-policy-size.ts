import { LIMITS } from '../../input/primitives/limits';
import { policyText, readStatements } from '../private/iam-json';
import { isIssuerClaimKey, splitKey } from '../private/claims';
import { COMPLIANT, findings, NOT_APPLICABLE, type Rule } from '../types';

/** What IAM counts against the quota: the policy's characters other than whitespace. */
export function trustPolicySize(policy: unknown): number {
  const text = policyText(policy);
  // JSON text without indentation has white space only inside strings, and most documents have none: no copy then.
  return /\s/.test(text) ? text.replace(/\s/g, '').length : text.length;
}

/** IAM004: a trust policy over the account's size quota (2048 non-whitespace characters, raisable to 8192). */
export const iam004: Rule = {
  id: 'IAM004',
  level: 'error',
  kinds: ['trust-policy'],
  name: `Trust policy over ${LIMITS.trustPolicySize} non-whitespace characters (configurable up to ${LIMITS.maxTrustPolicySize})`,
  explanation: `IAM rejects a role whose trust policy is longer than the account's quota (${LIMITS.trustPolicySize} non-whitespace characters unless raised, at most ${LIMITS.maxTrustPolicySize}), and only once the apply has started.`,
  fix: 'split the subjects across roles, or raise the quota and set limits.trustPolicySize on the account',
  suppressible: false,
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const limit = subject.context?.trustPolicySize ?? LIMITS.trustPolicySize;
    const size = trustPolicySize(subject.policy);
    if (size <= limit) return COMPLIANT;
    const subjects = readStatements(subject.policy).reduce(
      (n, s) => n + s.conditions.filter((c) => isIssuerClaimKey(c.key) && splitKey(c.key).claim === 'sub').reduce((m, c) => m + c.values.length, 0),
      0,
    );
    const split =
      subjects > 1 ? `split its ${subjects} subjects across roles (e.g. one role per environment or project)` : 'split the trusted principals across roles';
    return findings([
      {
        message: `the trust policy has ${size} non-whitespace characters; the account's quota is ${limit}`,
        fix:
          limit < LIMITS.maxTrustPolicySize
            ? `${split}, or raise the quota with AWS and set limits.trustPolicySize on the account (up to ${LIMITS.maxTrustPolicySize})`
            : split,
      },
    ]);
  },
};
