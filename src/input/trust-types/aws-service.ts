/** `type: aws-service`: an AWS service principal, e.g. lambda.amazonaws.com. */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { trustFields } from './controls';

export const awsServiceSchema = z
  .strictObject({
    type: z.literal('aws-service').meta({ description: 'aws-service: an AWS service principal.' }),
    ...trustFields,
    /** The service may tag the session: `sts:TagSession` beside `sts:AssumeRole`, as EKS Pod Identity (`pods.eks.amazonaws.com`) does. */
    sessionTags: z
      .boolean({ error: fix('sessionTags is true or false', 'write sessionTags: true, or remove it') })
      .optional()
      .meta({
        description:
          'true: the service may tag the session (sts:TagSession beside sts:AssumeRole); only for EKS Pod Identity (pods.eks.amazonaws.com). import writes it for a Pod Identity role whose associations are outside the spec. Off by default.',
      }),
    service: z
      .string()
      .regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/, fix('a service principal looks like "s3.amazonaws.com"', 'write the service principal of the AWS service'))
      .meta({ description: 'The service principal of the AWS service.', examples: ['lambda.amazonaws.com'] }),
  })
  .refine((t) => t.sessionTags !== true || t.service === 'pods.eks.amazonaws.com', {
    error: fix('sessionTags on a service trust is for EKS Pod Identity (pods.eks.amazonaws.com) only', 'remove sessionTags'),
    path: ['sessionTags'],
  })
  .meta({ title: 'trust: aws-service', description: 'An AWS service principal, e.g. lambda.amazonaws.com.' });
