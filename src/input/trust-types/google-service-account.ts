/** `type: google-service-account`: a GCP service account, by its numeric unique id (accounts.google.com). */
import { z } from 'zod';
import { idString } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { sessionNameField, tokenFileField } from './shared-fields';

export const googleServiceAccountSchema = z
  .strictObject({
    type: z
      .literal('google-service-account')
      .meta({ description: 'google-service-account: a GCP service account, by its numeric unique id (accounts.google.com).' }),
    ...oidcTrustFields,
    /** The service account's numeric unique id (`gcloud iam service-accounts describe --format='value(uniqueId)'`). */
    uniqueId: idString({
      what: 'Google service account unique id',
      pattern: /^\d{10,30}$/,
      form: 'a string of 10 to 30 digits',
      key: 'uniqueId',
      example: '112233445566778899000',
      source: "gcloud iam service-accounts describe SA --format='value(uniqueId)'",
    }).meta({
      description: "The service account's numeric unique id (10 to 30 digits), quoted: `gcloud iam service-accounts describe SA --format='value(uniqueId)'`.",
      examples: ['112233445566778899000'],
    }),
    /** Also require `accounts.google.com:sub` to equal the unique id. */
    requireSubject: z.boolean().default(false).meta({ description: 'Also require accounts.google.com:sub to equal the unique id.' }),
    tokenFile: tokenFileField,
    sessionName: sessionNameField,
  })
  .meta({ title: 'trust: google-service-account', description: 'A GCP service account by its unique id (aud is the unique id).' });
