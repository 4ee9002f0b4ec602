/** `type: web-identity`: any OIDC issuers, each with its own subjects (one statement per issuer). */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { sessionNameField, tokenFileField } from './shared-fields';

export const webIdentitySchema = z
  .strictObject({
    type: z.literal('web-identity').meta({ description: 'web-identity: any OIDC issuers, each with its own subjects.' }),
    ...oidcTrustFields,
    /** One statement per issuer, each with its own subjects; `aud` is always pinned with StringEquals. */
    issuers: z
      .array(
        z
          .strictObject({
            issuer: z.string().meta({ description: 'The spec issuer.', examples: ['partner-idp'] }),
            /** Exact subjects use StringEquals; a subject with `*` or `?` is a pattern and uses StringLike. */
            subjects: z
              .array(z.string().min(1).max(255))
              .min(1, fix('an issuer needs at least one subject', 'list the `sub` values allowed to assume the role'))
              .optional()
              .meta({
                description:
                  'The sub values allowed to assume the role, at least one: exact subjects use StringEquals, a subject with * or ? is a pattern and uses StringLike. Required unless anySubject: true.',
                examples: [['system:serviceaccount:jobs:runner']],
              }),
            /**
             * Instead of `subjects`: no `sub` condition, so every workload the issuer
             * serves can assume the role. Only for trust imported as it was: TRUST003
             * (and TRUST001 without `aud`) stop synth until a suppression says why.
             */
            anySubject: z
              .literal(true, { error: fix('anySubject is true or absent', 'remove anySubject and list the subjects') })
              .optional()
              .meta({
                description:
                  'true instead of subjects: no sub condition, every workload the issuer serves can assume the role (TRUST003; for trust imported as it was). Never implied: without it, subjects are required.',
              }),
            /** @default true */
            pinAudience: z.literal(false).optional().meta({
              description:
                'false: no aud condition for this issuer, any audience it mints is accepted (TRUST002; for imported roles only). By default aud is pinned.',
            }),
          })
          .refine((e) => (e.subjects === undefined) !== (e.anySubject === undefined), {
            error: fix(
              'an issuer needs its subjects (or, for trust imported as it was, anySubject: true instead)',
              'list the `sub` values allowed to assume the role',
            ),
            path: ['subjects'],
          }),
      )
      .min(1, fix('a web-identity trust needs at least one issuer', 'list the issuers with their subjects'))
      .meta({ description: 'One statement per issuer, each with its own subjects; aud is always pinned with StringEquals.' }),
    tokenFile: tokenFileField,
    sessionName: sessionNameField,
  })
  .meta({ title: 'trust: web-identity', description: 'Any OIDC issuers, each with its subjects (one statement per issuer).' });
