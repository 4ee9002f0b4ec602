/**
 * Schemas of the CI and workload issuer presets: GitLab CI, HCP Terraform,
 * CircleCI, Buildkite and Bitbucket Pipelines. Each builds its `sub` from
 * typed fields; a wildcard only ever stands for the part the vendor puts last
 * (docs/issuers.md). `schema.ts` puts them into the trust union.
 *
 * Messages carry their fix as data (`fix()` of `fields.ts`).
 */
import { z } from 'zod';
import { HCP_TERRAFORM_AUDIENCE, UUID_RE } from '../trust/ci-vendors';
import { fix } from './fields';

/** A spec issuer, by name. */
const issuerField = z.string({ error: fix('expected the name of an issuer', 'name an issuer declared under issuers') });

/** An `aud` value: printable, no wildcard (it is pinned with StringEquals). */
const audience = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as text`, `write the ${what}`) })
    .regex(/^[\x21-\x7e]{1,255}$/, fix(`the ${what} is 1 to 255 printable characters without spaces`, `copy the ${what} exactly`))
    .refine((v) => !/[*?]/.test(v), fix(`the ${what} has a wildcard, but aud is matched exactly`, `write the one ${what}`));

/** A CircleCI or Bitbucket UUID, braces allowed and dropped. */
const uuid = (what: string, where: string) =>
  z
    .string({ error: fix(`expected the ${what} as text`, `quote the ${what}`) })
    .transform((v) => v.replace(/^\{(.*)\}$/, '$1'))
    .pipe(z.string().regex(UUID_RE, fix(`the ${what} is a lower-case UUID`, `copy it from ${where}, e.g. "0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c"`)));

/** Git ref names cannot hold `:`, spaces, `~ ^ \ [`; `*` is a pattern where the vendor allows one. */
const refName = (what: string, pattern: boolean) =>
  z
    .string({ error: fix(`expected a ${what} name`, `write the ${what} name, e.g. main`) })
    .regex(
      pattern ? /^[^\s~^:\\[?]+$/ : /^[^\s~^:\\[?*]+$/,
      pattern
        ? fix(`not a ${what} name or pattern`, `write a ${what} name such as main, or a pattern such as release/*`)
        : fix(`a ${what} name here has no wildcard or ":"`, `name each ${what} exactly: the ref is not the last part of this vendor's subject`),
    );

const slug = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} slug`, `write the ${what} slug`) })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, fix(`the ${what} slug has letters, digits, "-", "_" and "." and no wildcard`, `copy the ${what} slug from its URL`));

const needsRef = (t: { branches: readonly string[]; tags: readonly string[] }) => t.branches.length + t.tags.length > 0;
const NEEDS_REF = fix('the trust names no branch or tag', 'add branches: [main] or tags: ["v*"]');

export const gitlabCiSchema = z
  .strictObject({
    type: z.literal('gitlab-ci'),
    /** The issuer whose URL is https://gitlab.com or your GitLab Self-Managed URL. */
    issuer: issuerField,
    /** `group/project`, subgroups allowed: the token's `project_path`. */
    project: z
      .string({ error: fix('expected the project path', 'write group/project') })
      .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/, fix('a project path is group/project (subgroups allowed), without wildcards', 'copy the path from the project URL, e.g. platform/deploy')),
    /** Branches (exact, or a pattern: the ref is the last part of GitLab's subject). */
    branches: z.array(refName('branch', true)).default([]),
    /** Tags (exact or a pattern). */
    tags: z.array(refName('tag', true)).default([]),
    /** The `aud` the job asks for in `id_tokens` (GitLab has no default); one of the issuer's clientIds. */
    audience: audience('audience the job requests in id_tokens'),
  })
  .refine(needsRef, { error: NEEDS_REF });

export const hcpTerraformSchema = z.strictObject({
  type: z.literal('hcp-terraform'),
  /** The issuer whose URL is https://app.terraform.io or your Terraform Enterprise URL. */
  issuer: issuerField,
  organization: z
    .string({ error: fix('expected the organization name', 'write the HCP Terraform organization name') })
    .regex(/^[A-Za-z0-9_-]{1,100}$/, fix('an organization name has letters, digits, "-" and "_"', 'copy the organization name from HCP Terraform')),
  /** The project; HCP Terraform's default project is named "Default Project". @default "Default Project" */
  project: z
    .string()
    .regex(/^[^:*?\x00-\x1f]{1,100}$/, fix('a project name has no ":" and no wildcard', 'copy the project name, e.g. "Default Project"'))
    .default('Default Project'),
  workspace: z
    .string({ error: fix('expected the workspace name', 'write the workspace name') })
    .regex(/^[A-Za-z0-9_-]{1,90}$/, fix('a workspace name has letters, digits, "-" and "_", without wildcards', 'name the one workspace whose runs may assume the role')),
  /** Which runs: `plan`, `apply`, or `both`. A plan-only role is not assumable by an apply run. */
  runPhase: z.enum(['plan', 'apply', 'both'], { error: fix('runPhase is plan, apply or both', 'write runPhase: plan for a read-only role, apply or both otherwise') }),
  /** `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`. @default "aws.workload.identity" */
  audience: audience('audience').default(HCP_TERRAFORM_AUDIENCE),
});

export const circleciSchema = z.strictObject({
  type: z.literal('circleci'),
  /** The issuer whose URL is https://oidc.circleci.com/org/<organizationId>. */
  issuer: issuerField,
  organizationId: uuid('organization id', 'Organization Settings > Overview'),
  projectId: uuid('project id', 'Project Settings > Overview'),
  /** Users whose jobs may assume the role; none: every user of the project (the trailing `user/*`). */
  userIds: z.array(uuid('user id', 'the CircleCI user settings')).default([]),
});

export const buildkiteSchema = z
  .strictObject({
    type: z.literal('buildkite'),
    /** The issuer whose URL is https://agent.buildkite.com. */
    issuer: issuerField,
    organization: slug('organization'),
    pipeline: slug('pipeline'),
    /** Branches, exact: the ref is followed by the commit and step in Buildkite's subject. */
    branches: z.array(refName('branch', false)).default([]),
    tags: z.array(refName('tag', false)).default([]),
    /** The `--audience` of `buildkite-agent oidc request-token`. @default "sts.amazonaws.com" */
    audience: audience('audience').default('sts.amazonaws.com'),
  })
  .refine(needsRef, { error: NEEDS_REF });

export const bitbucketPipelinesSchema = z.strictObject({
  type: z.literal('bitbucket-pipelines'),
  /** The issuer whose URL is https://api.bitbucket.org/2.0/workspaces/<workspace>/pipelines-config/identity/oidc. */
  issuer: issuerField,
  workspace: slug('workspace'),
  /** The workspace UUID: the audience is `ari:cloud:bitbucket::workspace/<uuid>`. */
  workspaceUuid: uuid('workspace UUID', 'Repository settings > OpenID Connect (the audience)'),
  repositoryUuid: uuid('repository UUID', 'Repository settings > OpenID Connect'),
  /** Only the deployment steps of this environment. */
  environmentUuid: uuid('deployment environment UUID', 'Repository settings > Deployments').optional(),
});
