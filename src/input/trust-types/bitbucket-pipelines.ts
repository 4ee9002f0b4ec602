/**
 * `type: bitbucket-pipelines`: Bitbucket Pipelines steps of one repository,
 * optionally of one deployment environment.
 *
 * Its schema and its preset record (what a record holds: `CiPreset`,
 * `ci-preset.ts`). Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { issuerField, uuid, UUID_SOURCE } from './ci-fields';
import { otherUuid, preset, type CiNearMiss } from './ci-preset';

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

export const bitbucketPipelines = preset({
  type: 'bitbucket-pipelines',
  schema: bitbucketPipelinesSchema,
  name: 'Bitbucket Pipelines',
  hosted: { host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/, name: 'Bitbucket Pipelines', claims: [] },
  // The issuer is the workspace's, `aud` its ARI.
  issuer: (t) => ({ exact: `https://api.bitbucket.org/2.0/workspaces/${t.workspace}/pipelines-config/identity/oidc` }),
  audience: (t) => ({ value: `ari:cloud:bitbucket::workspace/${t.workspaceUuid}`, field: 'workspaceUuid' }),
  audienceText: 'ari:cloud:bitbucket::workspace/<workspace-uuid>',
  subjectFormat: '{<repository-uuid>}[:{<environment-uuid>}]:{<step-uuid>, may be a wildcard}',
  fixedPrefix: new RegExp(`^\\{${UUID_SOURCE}\\}`),
  // `{<repository>}:{<step>}`, or `{<repository>}:{<environment>}:{<step>}` for a deployment step: the closing brace pins the repository, only the step is the wildcard.
  subjects: (t) => [t.environmentUuid ? `{${t.repositoryUuid}}:{${t.environmentUuid}}:*` : `{${t.repositoryUuid}}:*`],
  // The issuer is the workspace's; its tokens' aud is the workspace's ARI.
  tenant: (t) => ({ claim: 'aud', values: [`ari:cloud:bitbucket::workspace/${t.workspaceUuid}`] }),
  describe: (s) => `Bitbucket ${s.workspace} repository ${s.repositoryUuid}${s.environmentUuid ? ` · environment ${s.environmentUuid}` : ''}`,
  realSubject: (declared, ex) => declared.replace(/\*$/, `{${ex.uuid}}`),
  nearMisses: (s, _sub, ex) => {
    const step = `{${ex.uuid}}`;
    const out: [CiNearMiss, string][] = [['other-repository', `{${otherUuid(s.repositoryUuid)}}:${step}`]];
    if (s.environmentUuid) {
      out.push(['other-deployment-environment', `{${s.repositoryUuid}}:{${otherUuid(s.environmentUuid)}}:${step}`]);
      out.push(['other-subject', `{${s.repositoryUuid}}:${step}`]);
    }
    return out;
  },
});
