/**
 * A role's inline policies and an account's customer-managed policies: their
 * names and IAM statements.
 */
import { z } from 'zod';
import { fix, IAM_DESCRIPTION, iamPath, iamText } from '../primitives/fields';

const statement = z.strictObject({
  sid: z
    .string()
    .regex(/^[A-Za-z0-9]*$/, fix('a Sid has only letters and digits', 'remove other characters from the sid'))
    .optional()
    .meta({ description: "The statement's Sid: letters and digits only.", examples: ['ReadRawData'] }),
  effect: z.enum(['Allow', 'Deny']).default('Allow').meta({ description: 'Allow or Deny.' }),
  actions: z
    .array(z.string().min(1))
    .min(1, fix('a statement needs at least one action', 'list the actions, e.g. ["s3:GetObject"]'))
    .meta({ description: 'IAM actions, at least one; written to AWS as typed.', examples: [['s3:GetObject']] }),
  resources: z
    .array(z.string().min(1))
    .min(1, fix('a statement needs at least one resource', 'list the resources, e.g. ["arn:aws:s3:::my-bucket/*"]'))
    .meta({
      description: 'Resource ARNs, at least one; `${aws:username}` and other policy variables reach IAM as typed.',
      examples: [['arn:aws:s3:::my-bucket/*']],
    }),
  conditions: z
    .array(
      z.strictObject({
        test: z
          .string()
          .min(1)
          .meta({ description: 'The condition operator.', examples: ['StringEquals'] }),
        variable: z
          .string()
          .min(1)
          .meta({ description: 'The condition key.', examples: ['aws:PrincipalTag/team'] }),
        values: z
          .array(z.string())
          .min(1)
          .meta({ description: 'The values, at least one; IAM reads a list as OR.', examples: [['data-platform']] }),
      }),
    )
    .default([])
    .meta({ description: "The statement's conditions, each an operator, a key and values; one condition per operator and key." }),
});

export const inlinePolicy = z.strictObject({
  name: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, fix('an inline policy name has 1 to 128 characters of letters, digits and + = , . @ _ -', 'rename the policy'))
    .meta({ description: 'The inline policy name: 1 to 128 letters, digits and + = , . @ _ -.', examples: ['read-raw-data'] }),
  statements: z
    .array(statement)
    .min(1, fix('an inline policy needs at least one statement', 'add a statement or remove the policy'))
    .meta({ description: "The policy's statements, at least one." }),
});

/** A customer-managed policy (`aws_iam_policy`), defined once per account; roles attach it by name in managedPolicies. */
export const managedPolicy = z.strictObject({
  name: z
    .string()
    .regex(/^[\w+=,.@-]{1,128}$/, fix('a policy name has 1 to 128 characters of letters, digits and + = , . @ _ -', 'rename the policy'))
    .meta({
      description: 'The policy name (1 to 128 letters, digits and + = , . @ _ -); roles of the account attach it with managedPolicies: [<name>].',
      examples: ['data-reader'],
    }),
  path: iamPath.default('/').meta({ description: 'The policy\'s IAM path (IAM003): "/" or "/segment/.../".', examples: ['/data-platform/'] }),
  description: iamText('description', IAM_DESCRIPTION, 1000, 'letters, digits, spaces and the printable characters of Latin-1')
    .optional()
    .meta({ description: "The policy's description: at most 1000 letters, digits, spaces and printable Latin-1 characters." }),
  statements: z
    .array(statement)
    .min(1, fix('a policy needs at least one statement', 'add a statement or remove the policy'))
    .meta({ description: "The policy's statements, at least one." }),
});
