/**
 * An account of the spec: its name, id, region and partition, deploy role,
 * OIDC providers, roles, customer-managed policies, raised IAM quotas,
 * accepted findings and state backend.
 */
import { z } from 'zod';
import { accountId, fix, identifier, roleArnField } from '../primitives/fields';
import { LIMITS } from '../primitives/limits';
import { REGION } from '../primitives/patterns';
import { accountBackendSchema } from './backend';
import { managedPolicy } from './policies';
import { namePrefix, role } from './role';
import { suppressions } from './suppressions';

/** Raised IAM quotas of one account. */
const accountLimits = z.strictObject({
  /** IAM004: the trust policy size quota, 2048 by default; AWS raises it up to 8192 on request. */
  trustPolicySize: z
    .number({ error: fix('expected a number of characters', `write a whole number from ${LIMITS.trustPolicySize} to ${LIMITS.maxTrustPolicySize}`, 'IAM004') })
    .int(
      fix(
        'the trust policy size is a whole number of characters',
        `write a whole number from ${LIMITS.trustPolicySize} to ${LIMITS.maxTrustPolicySize}`,
        'IAM004',
      ),
    )
    .min(
      LIMITS.trustPolicySize,
      fix(`the trust policy size quota is at least ${LIMITS.trustPolicySize}`, 'remove the setting to use the default quota', 'IAM004'),
    )
    .max(
      LIMITS.maxTrustPolicySize,
      fix(
        `IAM raises the trust policy size quota to at most ${LIMITS.maxTrustPolicySize}`,
        `write at most ${LIMITS.maxTrustPolicySize}, and split the trust across roles beyond that`,
        'IAM004',
      ),
    )
    .default(LIMITS.trustPolicySize)
    .meta({
      description: `The trust policy size quota in characters (IAM004): ${LIMITS.trustPolicySize} by default; AWS raises it up to ${LIMITS.maxTrustPolicySize} on request.`,
      examples: [4096],
    }),
  /** IAM005: managed policies per role, 10 by default; AWS raises it up to 20 on request. */
  managedPoliciesPerRole: z
    .number({
      error: fix(
        'expected a number of policies',
        `write a whole number from ${LIMITS.managedPoliciesPerRole} to ${LIMITS.maxManagedPoliciesPerRole}`,
        'IAM005',
      ),
    })
    .int(
      fix(
        'the managed policy quota is a whole number',
        `write a whole number from ${LIMITS.managedPoliciesPerRole} to ${LIMITS.maxManagedPoliciesPerRole}`,
        'IAM005',
      ),
    )
    .min(
      LIMITS.managedPoliciesPerRole,
      fix(`the managed policy quota is at least ${LIMITS.managedPoliciesPerRole}`, 'remove the setting to use the default quota', 'IAM005'),
    )
    .max(
      LIMITS.maxManagedPoliciesPerRole,
      fix(
        `IAM raises the managed policies per role quota to at most ${LIMITS.maxManagedPoliciesPerRole}`,
        `write at most ${LIMITS.maxManagedPoliciesPerRole}, and merge policies beyond that`,
        'IAM005',
      ),
    )
    .default(LIMITS.managedPoliciesPerRole)
    .meta({
      description: `Managed policies per role (IAM005): ${LIMITS.managedPoliciesPerRole} by default; AWS raises it up to ${LIMITS.maxManagedPoliciesPerRole} on request.`,
      examples: [20],
    }),
});

export const account = z.strictObject({
  name: identifier('account name').meta({
    description:
      'The account name: a letter, then at most 63 letters, digits, "-" or "_". It becomes the stack name and modules/<name>; trust entries and issuers refer to it.',
    examples: ['data-platform'],
  }),
  /** Prepended to the IAM name of every role of the account, unless a role sets its own. */
  namePrefix,
  id: accountId.meta({ description: 'The 12-digit AWS account id, quoted: unquoted numbers lose leading zeros.', examples: ['111111111111'] }),
  region: z
    .string()
    .regex(REGION, fix('not an AWS region name', 'write a region such as eu-west-1'))
    .meta({ description: "The account's AWS region (of its partition).", examples: ['eu-west-1'] }),
  partition: z
    .enum(['aws', 'aws-cn', 'aws-us-gov'])
    .default('aws')
    .meta({ description: "The account's partition: aws, aws-cn or aws-us-gov; ARNs of another partition are refused." }),
  /** A role the AWS provider assumes to deploy this account's stack. */
  deployRole: roleArnField('deployRole', 'arn:aws:iam::111111111111:role/terraform')
    .optional()
    .meta({
      description: "A role the AWS provider assumes to deploy this account's stack: a full role ARN of the account's partition.",
      examples: ['arn:aws:iam::111111111111:role/terraform'],
    }),
  /** Per issuer: create its IAM OIDC provider here, or reference the one that already exists. */
  oidcProviders: z
    .record(
      z.string(),
      z.union(
        [
          z.enum(['create', 'existing']),
          /** A provider that already exists and that Terraform takes over (an `import` block) instead of creating. */
          z.strictObject({
            adopt: z
              .literal(true)
              .meta({ description: 'true: the provider already exists and Terraform takes it over (an import block) instead of creating it.' }),
          }),
        ],
        {
          error: fix(
            'expected create, existing or { adopt: true }',
            'write `create` to add the provider in this account, `existing` if it is already there, or `{ adopt: true }` to take the existing one over',
          ),
        },
      ),
    )
    .default({})
    .meta({
      description:
        'Per issuer name, its IAM OIDC provider in this account: create (add it here), existing (it is already there; referenced) or { adopt: true } (take the existing one over).',
      examples: [{ 'data-platform-cluster': 'create' }],
    }),
  roles: z.array(role).default([]).meta({ description: 'The IAM roles of the account, each with who may assume it (trust) and what it may do.' }),
  /** Customer-managed policies of the account, attached to its roles by name (managedPolicies: [<name>]). */
  policies: z
    .array(managedPolicy)
    .default([])
    .meta({ description: 'Customer-managed policies of the account, defined once and attached to its roles by name (managedPolicies: [<name>]).' }),
  /** Raised IAM quotas of this account. */
  limits: accountLimits
    .default({ trustPolicySize: LIMITS.trustPolicySize, managedPoliciesPerRole: LIMITS.managedPoliciesPerRole })
    .meta({ description: 'Raised IAM quotas of this account; the lint pack checks sizes and counts against them.' }),
  /** Lint findings accepted for every role of this account, each with a reason. */
  suppressions,
  /** This account's remote state: fields merged over the spec's `backend`. */
  backend: accountBackendSchema.optional().meta({ description: "This account's remote state: any field of the spec's backend.s3, merged over it." }),
});
