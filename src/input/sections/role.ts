/**
 * A role of an account: its name (and the account's or its own name prefix),
 * path, session length, policies, tags, who may assume it (`trust`, the union
 * of `trust-types/`), accepted findings and the adopt and Airflow marks.
 */
import { z } from 'zod';
import { fix, IAM_DESCRIPTION, iamPath, iamText, issue, policyRef, tagsField } from '../primitives/fields';
import { LIMITS } from '../primitives/limits';
import { trustSchema, trustTypes } from '../trust-types';
import { inlinePolicy } from './policies';
import { suppressions } from './suppressions';

/** IAM001: 1-64 characters of `[\w+=,.@-]`. */
const roleName = z.string({ error: fix('expected a role name', 'write the IAM role name as text', 'IAM001') }).superRefine((name, ctx) => {
  if (name.length === 0) issue(ctx, 'the role name is empty', 'write the IAM role name', 'IAM001');
  if (name.length > LIMITS.roleName) {
    issue(
      ctx,
      `the role name has ${name.length} characters; IAM allows at most ${LIMITS.roleName}`,
      `shorten the role name to ${LIMITS.roleName} characters or fewer`,
      'IAM001',
    );
  }
  const bad = /^[\w+=,.@-]*$/.test(name) ? [] : [...new Set(name.replace(/[\w+=,.@-]/g, ''))];
  if (bad.length > 0) {
    issue(
      ctx,
      `the role name has characters IAM does not allow: ${bad.map((c) => JSON.stringify(c)).join(' ')}`,
      'use only letters, digits and + = , . @ _ -',
      'IAM001',
    );
  }
});

/** Prepended to role names: the IAM name is `<namePrefix><name>`; references in the spec keep the short name. */
export const namePrefix = z
  .string({ error: fix('expected the name prefix as text', 'write the prefix, e.g. namePrefix: "team-a-"') })
  .regex(/^[\w+=,.@-]{1,32}$/, fix('a name prefix has 1 to 32 letters, digits and + = , . @ _ -', 'shorten or rename the prefix', 'IAM001'))
  .optional()
  .meta({
    description:
      "Prepended to role names: the IAM name is <namePrefix><name>, references in the spec keep the short name. On an account, for every role of it; on a role, instead of the account's. 1 to 32 letters, digits and + = , . @ _ -.",
    examples: ['team-a-'],
  });

export const role = z.strictObject({
  name: roleName.meta({
    description: 'The IAM role name (IAM001): 1 to 64 letters, digits and + = , . @ _ -, unique in the account; the namePrefix, if any, is prepended.',
    examples: ['dataflow-s3-reader'],
  }),
  /** Overrides the account's namePrefix for this role. */
  namePrefix,
  description: iamText('description', IAM_DESCRIPTION, 1000, 'letters, digits, spaces and the printable characters of Latin-1')
    .optional()
    .meta({
      description: "The role's description: at most 1000 letters, digits, spaces and printable Latin-1 characters.",
      examples: ['Reads the raw zone for Dataflow'],
    }),
  path: iamPath
    .default('/')
    .meta({ description: 'The role\'s IAM path (IAM003): "/" or "/segment/.../"; part of the role\'s ARN.', examples: ['/data-platform/'] }),
  /** IAM006: 3600 (1 hour) to 43200 (12 hours) seconds. */
  maxSessionDuration: z
    .number({ error: fix('expected the max session duration as a number of seconds', 'write a whole number from 3600 to 43200', 'IAM006') })
    .int(fix('max session duration is a whole number of seconds', 'write a whole number from 3600 to 43200', 'IAM006'))
    .min(LIMITS.minSession, fix(`max session duration is below ${LIMITS.minSession} seconds`, 'use a value from 3600 (1 hour) to 43200 (12 hours)', 'IAM006'))
    .max(LIMITS.maxSession, fix(`max session duration is above ${LIMITS.maxSession} seconds`, 'use a value from 3600 (1 hour) to 43200 (12 hours)', 'IAM006'))
    .optional()
    .meta({
      description: 'The longest session, in seconds (IAM006): 3600 (1 hour) to 43200 (12 hours); IAM uses 3600 when it is not given.',
      examples: [3600],
    }),
  permissionsBoundary: policyRef.optional().meta({
    description: "The role's permissions boundary: a policy name of the role's account or a full policy ARN.",
    examples: ['arn:aws:iam::111111111111:policy/boundary'],
  }),
  managedPolicies: z
    .array(policyRef)
    .default([])
    .meta({
      description:
        "Managed policies attached to the role: AWS managed policies by ARN, the account's own policies by name (IAM005: 10 per role unless limits raise it).",
      examples: [['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']],
    }),
  inlinePolicies: z.array(inlinePolicy).default([]).meta({ description: 'Inline policies of the role, each a name and statements.' }),
  tags: tagsField
    .default({})
    .meta({ description: 'IAM tags of the role, key: value (at most 50; no key starting with "aws:").', examples: [{ team: 'data-platform' }] }),
  trust: z
    .array(trustSchema)
    .min(1, fix('a role needs at least one trust entry', 'say who may assume the role under trust'))
    .meta({
      description: `Who may assume the role, at least one entry. Each entry is one kind of caller, chosen by type: ${trustTypes.map((t) => t.shape.type.value).join(', ')}.`,
    }),
  /** Lint findings accepted for this role, each with a reason. */
  suppressions,
  /** The role already exists: Terraform takes it over with an `import` block instead of creating it. Remove once applied. */
  adopt: z
    .boolean()
    .optional()
    .meta({ description: 'true: the role already exists; Terraform takes it over with an import block instead of creating it. Remove once applied.' }),
  /** Airflow runs as this role: each role of another spec account that trusts it (`aws-role`) gets an Airflow connection (docs/workloads.md). */
  airflow: z
    .boolean({ error: fix('airflow marks the role Airflow runs as: true or false', 'write airflow: true on the role Airflow runs as') })
    .optional()
    .meta({
      description:
        'true: Airflow runs as this role; each role of another spec account that trusts it (aws-role) gets an Airflow connection. Without it, only entries that name an airflowConnection get one.',
    }),
});
