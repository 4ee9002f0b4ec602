/**
 * Trust controls beyond the presets: organisation-wide trust. Messages follow
 * the form `what is wrong | fix: what to write instead`.
 */
import { z } from 'zod';

const fix = (message: string, howToFix: string) => `${message} | fix: ${howToFix}`;

/** An AWS Organizations id: `o-` and 10 to 32 lower-case letters or digits. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

/**
 * Every principal of one AWS organization: `Principal: {AWS: "*"}` with
 * `aws:PrincipalOrgID` pinned by StringEquals, the only form in which TRUST013
 * accepts `AWS: "*"`.
 */
export const awsOrganizationSchema = z.strictObject({
  type: z.literal('aws-organization'),
  organizationId: z
    .string({ error: fix('expected the organization id', 'write the id shown by `aws organizations describe-organization`, e.g. o-a1b2c3d4e5') })
    .regex(ORGANIZATION_ID, fix('an organization id is "o-" and 10 to 32 lower-case letters or digits, without wildcards', 'copy the id from `aws organizations describe-organization --query Organization.Id`')),
});
