/**
 * `type: aws-account`: every principal of one AWS account that its own
 * policies allow (the account root, TRUST014), as `import` writes it for trust
 * that exists.
 */
import { z } from 'zod';
import { accountId } from '../primitives/fields';
import { trustFields } from './controls';
import { externalIdField } from './shared-fields';

/** Every principal of one AWS account that its own policies allow: the account root (TRUST014). Written by `import` for trust that exists. */
export const awsAccountSchema = z
  .strictObject({
    type: z.literal('aws-account').meta({
      description:
        'aws-account: every principal of one AWS account that its own policies allow (the account root, TRUST014); written by import for trust that exists.',
    }),
    ...trustFields,
    /** The 12-digit account id whose principals are trusted. */
    accountId: accountId.meta({ description: 'The 12-digit account id whose principals are trusted, quoted.', examples: ['333333333333'] }),
    /** Required as `sts:ExternalId` (StringEquals). */
    externalId: externalIdField,
  })
  .meta({ title: 'trust: aws-account', description: 'A whole AWS account (its root), as import writes it for trust that exists.' });
