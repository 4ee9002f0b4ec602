/**
 * `type: iam-user`: the discouraged access-key fallback, an IAM user whose
 * long-lived key may assume only this role (options.allowIamUserAccessKeys).
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { trustFields } from './controls';
import { airflowConnectionField } from './shared-fields';

export const iamUserSchema = z
  .strictObject({
    type: z
      .literal('iam-user')
      .meta({ description: 'iam-user: the discouraged access-key fallback (long-lived keys), refused unless options.allowIamUserAccessKeys: true.' }),
    ...trustFields,
    /** The IAM user created in the role's account, whose access key may assume only this role. */
    user: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, fix('an IAM user name has 1 to 64 characters of letters, digits and + = , . @ _ -', 'rename the user'))
      .meta({
        description: "The IAM user created in the role's account, whose access key may assume only this role: 1 to 64 letters, digits and + = , . @ _ -.",
        examples: ['legacy-etl'],
      }),
    /** A base64 PGP public key or `keybase:<name>`: the secret is then only output encrypted. */
    pgpKey: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A base64 PGP public key or keybase:<name>: the secret is then only output encrypted.', examples: ['keybase:alice'] }),
    airflowConnection: airflowConnectionField,
  })
  .meta({
    title: 'trust: iam-user',
    description: 'An IAM user with an access key that may assume only this role; needs options.allowIamUserAccessKeys: true.',
  });
