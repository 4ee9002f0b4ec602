/** `type: aws-organization`: every principal of one AWS organization. */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { ORGANIZATION_ID } from '../primitives/patterns';
import { trustFields } from './controls';

/**
 * Every principal of one AWS organization: `Principal: {AWS: "*"}` with
 * `aws:PrincipalOrgID` pinned by StringEquals, the only form in which TRUST013
 * accepts `AWS: "*"`.
 */
export const awsOrganizationSchema = z
  .strictObject({
    type: z
      .literal('aws-organization')
      .meta({ description: 'aws-organization: every principal of one AWS organization, AWS: "*" with aws:PrincipalOrgID pinned by StringEquals.' }),
    ...trustFields,
    organizationId: z
      .string({ error: fix('expected the organization id', 'write the id shown by `aws organizations describe-organization`, e.g. o-a1b2c3d4e5') })
      .regex(
        ORGANIZATION_ID,
        fix(
          'an organization id is "o-" and 10 to 32 lower-case letters or digits, without wildcards',
          'copy the id from `aws organizations describe-organization --query Organization.Id`',
        ),
      )
      .meta({
        description:
          'The AWS Organizations id: "o-" and 10 to 32 lower-case letters or digits (aws organizations describe-organization --query Organization.Id).',
        examples: ['o-a1b2c3d4e5'],
      }),
  })
  .meta({ title: 'trust: aws-organization', description: 'Every principal of one AWS organization (the only form of AWS: "*" TRUST013 accepts).' });
