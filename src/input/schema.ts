/**
 * The spec: one description of accounts, identity issuers and the roles their
 * workloads assume. The YAML file and the TypeScript API share this schema, so
 * `SpecInput` is exactly what a YAML file may contain.
 *
 * This file is its top level; the rest is in three sub-rooms, each importing
 * only from the ones before it (ROOMS in scripts/check-imports.cjs):
 * `primitives/` (patterns, field primitives, IAM limits), `trust-types/` (one
 * file per trust type, `index.ts` the union) and `sections/` (accounts, roles,
 * policies, issuers, options, backend, organization).
 *
 * Every message carries its fix (and rule id) as data: static messages through
 * `fix()`, messages that name the value read through `issue()`
 * (`primitives/fields.ts`). Id-like values use `idString`, tags `tagsField`;
 * the loader refuses control characters and unquoted numbers that YAML does
 * not read back as written, in every field.
 */
import { z } from 'zod';
import { fix, identifier } from './primitives/fields';
import { account } from './sections/account';
import { backendIssues, backendSchema } from './sections/backend';
import { issuer } from './sections/issuer';
import { optionsSchema } from './sections/options';
import { organizationSchema } from './sections/organization';

export const specSchema = z
  .strictObject({
    version: z
      .literal(1, { error: fix('unsupported spec version', 'write version: 1') })
      .default(1)
      .meta({ description: 'The spec format version: 1.' }),
    issuers: z.record(identifier('issuer name'), issuer).default({}).meta({
      description:
        'OIDC issuers by name (a letter, then at most 63 letters, digits, "-" or "_"): EKS clusters, CI vendors, any OIDC provider. Accounts create or reference their IAM OIDC provider under oidcProviders.',
    }),
    accounts: z
      .array(account)
      .min(1, fix('the spec declares no account', 'add at least one account under accounts'))
      .meta({ description: 'The AWS accounts, at least one; each becomes one cdktf stack and one module under modules/<name>.' }),
    options: optionsSchema,
    /** Remote state of every account stack (S3); none means the local backend. */
    backend: backendSchema.optional().meta({ description: 'Remote state of every account stack (S3); none means the local backend.' }),
    /** The AWS organization and its guardrails (resource control policies derived from the spec). */
    organization: organizationSchema.optional(),
  })
  .superRefine(backendIssues);

/** What a spec file or `defineSpec` call may contain. */
export type SpecInput = z.input<typeof specSchema>;
/** A spec after validation and defaults. */
export type Spec = z.output<typeof specSchema>;
export type AccountSpec = Spec['accounts'][number];
export type RoleSpec = AccountSpec['roles'][number];
// A role's `trust` entry is `TrustSpec`, typed where the union is built (`trust-types/index.ts`).
export type IssuerSpec = Spec['issuers'][string];
export type StatementSpec = RoleSpec['inlinePolicies'][number]['statements'][number];
