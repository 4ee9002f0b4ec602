/**
 * `type: bitbucket-pipelines`: Bitbucket Pipelines steps of one repository,
 * optionally of one deployment environment.
 *
 * Its schema: what a spec may write. The preset record is `bitbucket-pipelines.ts`, which
 * loads this file only when a spec is validated. Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { issuerField, uuid } from './ci-fields';

const slug = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} slug`, `write the ${what} slug`) })
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
      fix(`the ${what} slug has letters, digits, "-", "_" and "." and no wildcard`, `copy the ${what} slug from its URL`),
    );

export const bitbucketPipelinesSchema = z
  .strictObject({
    type: z
      .literal('bitbucket-pipelines')
      .meta({ description: 'bitbucket-pipelines: Bitbucket Pipelines steps of one repository, optionally of one deployment environment.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc. */
    issuer: issuerField.meta({
      description: 'The spec issuer whose URL is https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc.',
    }),
    workspace: slug('workspace').meta({ description: 'The workspace slug, as in its URL.', examples: ['acme'] }),
    /** The workspace UUID: the audience is `ari:cloud:bitbucket::workspace/<uuid>`. */
    workspaceUuid: uuid('workspace UUID', 'Repository settings > OpenID Connect (the audience)').meta({
      description:
        'The workspace UUID (Repository settings > OpenID Connect): the audience is ari:cloud:bitbucket::workspace/<uuid>. Braces are accepted and dropped.',
      examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
    }),
    repositoryUuid: uuid('repository UUID', 'Repository settings > OpenID Connect').meta({
      description: 'The repository UUID (Repository settings > OpenID Connect).',
      examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
    }),
    /** Only the deployment steps of this environment. */
    environmentUuid: uuid('deployment environment UUID', 'Repository settings > Deployments')
      .optional()
      .meta({
        description: 'Only the deployment steps of this environment (Repository settings > Deployments).',
        examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
      }),
  })
  .meta({
    title: 'trust: bitbucket-pipelines',
    description: 'Bitbucket Pipelines steps of one repository: workspace, workspaceUuid, repositoryUuid and optionally environmentUuid.',
  });
