/**
 * `type: aws-role`: one IAM role, of a spec account (by name) or any account
 * (by full ARN), with an external id for third parties.
 */
import { z } from 'zod';
import { trustFields } from './controls';
import { airflowConnectionField, externalIdField } from './shared-fields';

export const awsRoleSchema = z
  .strictObject({
    type: z
      .literal('aws-role')
      .meta({ description: 'aws-role: one IAM role, of a spec account (by name) or any account (by full ARN); externalId for third parties.' }),
    ...trustFields,
    /** A role name (in `account`, or else in the trusting role's own account) or a full role ARN. */
    role: z
      .string()
      .min(1)
      .meta({
        description: "A role name (in account, or else in the trusting role's own account) or a full role ARN.",
        examples: ['airflow-worker', 'arn:aws:iam::999999999999:role/vendor-reader'],
      }),
    /** The spec account the named role lives in. Only with a role name. */
    account: z
      .string()
      .optional()
      .meta({ description: 'The spec account the named role lives in. Only with a role name.', examples: ['data-platform'] }),
    /** Required as `sts:ExternalId` (StringEquals), e.g. when a third party assumes the role. */
    externalId: externalIdField,
    airflowConnection: airflowConnectionField,
  })
  .meta({
    title: 'trust: aws-role',
    description: 'An IAM role, by name or ARN; a role of another spec account also gets the inline policy allowing exactly this ARN.',
  });
