/**
 * The trust union: every trust type of a role's `trust:` entries, chosen by
 * `type`. Each type's schema is `trust-types/<type>.ts`, named after its
 * `type:` value; the CI issuer presets' schemas are `trust-types/<type>-schema.ts`,
 * read through their records (`ci-presets.ts`). A new type is one file and one
 * line in `trustTypes`. Only validation loads this file (`load.ts`).
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { awsAccountSchema } from './aws-account';
import { awsOrganizationSchema } from './aws-organization';
import { awsRoleSchema } from './aws-role';
import { awsServiceSchema } from './aws-service';
import { ciPresetSchemas } from './ci-presets';
import { dataPlatformProjectSchema } from './data-platform-project';
import { eksPodIdentitySchema } from './eks-pod-identity';
import { githubActionsSchema } from './github-actions';
import { googleServiceAccountSchema } from './google-service-account';
import { iamUserSchema } from './iam-user';
import { kubernetesServiceAccountSchema } from './kubernetes-service-account';
import { webIdentitySchema } from './web-identity';

/** Every trust type, in the order the schema (and its JSON Schema) lists them. */
export const trustTypes = [
  dataPlatformProjectSchema,
  kubernetesServiceAccountSchema,
  googleServiceAccountSchema,
  awsRoleSchema,
  awsServiceSchema,
  awsAccountSchema,
  githubActionsSchema,
  eksPodIdentitySchema,
  webIdentitySchema,
  iamUserSchema,
  ...ciPresetSchemas(),
  awsOrganizationSchema,
] as const;

export const trustSchema = z.discriminatedUnion('type', trustTypes, {
  error: fix('unknown trust type', `use one of: ${trustTypes.map((t) => t.shape.type.value).join(', ')}`),
});

/** One trust entry, as the schema reads it. */
export type TrustSpec = z.output<typeof trustSchema>;
