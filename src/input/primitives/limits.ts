/**
 * IAM limits and the stable rule ids they are reported under. A limit is
 * checked in exactly one place: on one field, by the schema (IAM001, IAM003,
 * IAM006-IAM009); across the resolved model, by the resolver (IAM002) or by the
 * lint pack (IAM004, IAM005, IAM010). This file only names them, so that the
 * schema, the resolver and the lint pack share one list.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */

/** AWS limits, spelled out where they are enforced. */
export const LIMITS = {
  /** IAM role names: 1-64 characters of `[\w+=,.@-]`. */
  roleName: 64,
  /** IAM paths: up to 512 characters, `/` or `/segment/.../`. */
  path: 512,
  /** Role max session duration, in seconds. */
  minSession: 3600,
  maxSession: 43200,
  /** OIDC provider thumbprints: at most 5, each 40 hex characters. */
  thumbprints: 5,
  /** OIDC provider client ids: at most 100, each up to 255 characters. */
  clientIds: 100,
  clientIdLength: 255,
  /** OIDC provider URL: up to 255 characters. */
  issuerUrl: 255,
  /** Role trust policy: 2048 non-whitespace characters by default, raisable to 8192. */
  trustPolicySize: 2048,
  maxTrustPolicySize: 8192,
  /** Managed policies attached to one role: 10 by default, raisable to 20. */
  managedPoliciesPerRole: 10,
  maxManagedPoliciesPerRole: 20,
} as const;

export type LimitRuleId = (typeof LIMIT_RULES)[number]['id'];

/** Every IAM limit, with where it is checked. Limits can never be suppressed: AWS would reject the apply. */
export const LIMIT_RULES = [
  { id: 'IAM001', checkedBy: 'schema', name: `Role name of 1-${LIMITS.roleName} characters of [\\w+=,.@-]` },
  { id: 'IAM002', checkedBy: 'resolver', name: 'Role names unique case-insensitively per account' },
  { id: 'IAM003', checkedBy: 'schema', name: `Role path "/" or "/…/", at most ${LIMITS.path} characters` },
  {
    id: 'IAM004',
    checkedBy: 'lint',
    name: `Trust policy at most ${LIMITS.trustPolicySize} non-whitespace characters (limits.trustPolicySize, up to ${LIMITS.maxTrustPolicySize})`,
  },
  {
    id: 'IAM005',
    checkedBy: 'lint',
    name: `At most ${LIMITS.managedPoliciesPerRole} managed policies per role (limits.managedPoliciesPerRole, up to ${LIMITS.maxManagedPoliciesPerRole})`,
  },
  { id: 'IAM006', checkedBy: 'schema', name: `Max session duration ${LIMITS.minSession}-${LIMITS.maxSession} seconds` },
  { id: 'IAM007', checkedBy: 'schema', name: `At most ${LIMITS.thumbprints} thumbprints of 40 hex characters` },
  { id: 'IAM008', checkedBy: 'schema', name: `1-${LIMITS.clientIds} client ids of at most ${LIMITS.clientIdLength} characters` },
  { id: 'IAM009', checkedBy: 'schema', name: 'Issuer URL https:// with no port, query or fragment' },
  { id: 'IAM010', checkedBy: 'lint', name: 'One OIDC provider per URL per account' },
] as const;
