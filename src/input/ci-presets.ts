/**
 * Schemas of the CI and workload issuer presets: GitLab CI, HCP Terraform,
 * CircleCI, Buildkite and Bitbucket Pipelines. Each builds its `sub` from
 * typed fields; a wildcard only ever stands for the part the vendor puts last
 * (docs/issuers.md). Each is the schema of one record of `ci-preset-records.ts`,
 * from which `schema.ts` takes the trust union.
 *
 * Messages carry their fix as data (`fix()` of `fields.ts`).
 */
import { z } from 'zod';
import { oidcTrustFields } from './trust-controls';
import { quoteValue } from '../errors';
import { fix, idString, issue } from './fields';

/** A UUID as CircleCI, Bitbucket and Buildkite write them in their tokens: lower-case hex. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_RE = new RegExp(`^${UUID_SOURCE}$`);
/** HCP Terraform's default audience (`TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`). */
const HCP_TERRAFORM_AUDIENCE = 'aws.workload.identity';

/** A spec issuer, by name. */
const issuerField = z.string({ error: fix('expected the name of an issuer', 'name an issuer declared under issuers') });

/** An `aud` value: printable, no wildcard (it is pinned with StringEquals). */
const audience = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} as text`, `write the ${what}`) })
    .regex(/^[\x21-\x7e]{1,255}$/, fix(`the ${what} is 1 to 255 printable characters without spaces`, `copy the ${what} exactly`))
    .refine((v) => !/[*?]/.test(v), fix(`the ${what} has a wildcard, but aud is matched exactly`, `write the one ${what}`));

/** A lower-case UUID as the vendor writes it in its tokens; with `braces`, CircleCI's and Bitbucket's `{...}` form is accepted and dropped. */
const uuid = (what: string, where: string, braces = true) =>
  z.string({ error: fix(`expected the ${what} as text`, `quote the ${what}`) }).transform((v, ctx) => {
    const id = braces ? v.replace(/^\{(.*)\}$/, '$1') : v;
    if (UUID_RE.test(id)) return id;
    // The token carries the lower-case form, and StringEquals is case-sensitive: an upper-case copy would never match.
    const lower = UUID_RE.test(id.toLowerCase()) ? `; write it in lower case, "${id.toLowerCase()}", as the token carries it` : '';
    issue(ctx, `the ${what} is a lower-case UUID; read ${quoteValue(v)}`, `copy it from ${where}, e.g. "0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c"${lower}`);
    return z.NEVER;
  });

/** GitLab's numeric project id: the token's `project_id` is the id in decimal, as a string, no leading zero. */
const gitlabProjectId = idString({
  what: 'GitLab project id',
  pattern: /^[1-9]\d{0,18}$/,
  form: "decimal digits without a leading zero, as the token's project_id carries it",
  key: 'projectId',
  example: '45821937',
  source: 'the project overview page, Settings > General, or $CI_PROJECT_ID in a job',
});

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

/**
 * Buildkite organization and pipeline slugs: Buildkite makes them from the
 * name in lower-case letters, digits and "-", so a slug with an upper-case
 * letter, ".", "_" or "/" is one no token carries (the subject is matched
 * case-sensitively).
 */
const buildkiteSlug = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} slug`, `write the ${what} slug`) })
    .regex(
      /^[a-z0-9][a-z0-9-]{0,99}$/,
      fix(
        `a Buildkite ${what} slug is lower-case letters, digits and "-", starting with a letter or digit, and no wildcard; no token carries any other`,
        `copy the ${what} slug from its URL, e.g. deploy-app in buildkite.com/acme/deploy-app`,
      ),
    );

/**
 * One segment of a GitLab path (a group, subgroup or project). GitLab refuses
 * a path starting with "-" or ending in ".git" or ".atom", and since 2022
 * consecutive special characters: "." and ".." segments (relative paths) and
 * any ".." are no path a token can carry. A leading "_" or "." is kept: older
 * projects have such paths.
 */
function gitlabPathProblem(path: string): string | undefined {
  if (path.includes('..')) return 'a GitLab path has no ".." (no ".." segment, no two dots in a row)';
  const bad = path.split('/').find((s) => /\.(git|atom)$/.test(s) || s === '.');
  if (bad) return `GitLab refuses the path segment ${JSON.stringify(bad)}: a segment is never "." and never ends in ".git" or ".atom"`;
  return undefined;
}

const slug = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} slug`, `write the ${what} slug`) })
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
      fix(`the ${what} slug has letters, digits, "-", "_" and "." and no wildcard`, `copy the ${what} slug from its URL`),
    );

const needsRef = (t: { branches: readonly string[]; tags: readonly string[] }) => t.branches.length + t.tags.length > 0;
const NEEDS_REF = fix('the trust names no branch or tag', 'add branches: [main] or tags: ["v*"]');

export const gitlabCiSchema = z
  .strictObject({
    type: z.literal('gitlab-ci').meta({ description: 'gitlab-ci: GitLab CI/CD jobs of one project, by branch or tag.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://gitlab.com or your GitLab Self-Managed URL. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://gitlab.com or your GitLab Self-Managed URL.' }),
    /** `group/project`, subgroups allowed: the token's `project_path`. */
    project: z
      .string({ error: fix('expected the project path', 'write group/project') })
      .regex(
        /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/,
        fix('a project path is group/project (subgroups allowed), without wildcards', 'copy the path from the project URL, e.g. platform/deploy'),
      )
      .superRefine((path, ctx) => {
        const problem = gitlabPathProblem(path);
        if (problem) issue(ctx, `${quoteValue(path)}: ${problem}`, 'copy the path from the project URL, e.g. platform/deploy');
      })
      .meta({
        description: "The project path, group/project (subgroups allowed), without wildcards: the token's project_path.",
        examples: ['platform/deploy'],
      }),
    /** Branches (exact, or a pattern: the ref is the last part of GitLab's subject). */
    branches: z
      .array(refName('branch', true))
      .default([])
      .meta({ description: "Branches, exact or a pattern (the ref is the last part of GitLab's subject). At least one branch or tag.", examples: [['main']] }),
    /** Tags (exact or a pattern). */
    tags: z
      .array(refName('tag', true))
      .default([])
      .meta({ description: 'Tags, exact or a pattern. At least one branch or tag.', examples: [['v*']] }),
    /** The `aud` the job asks for in `id_tokens` (GitLab's default is the instance URL, e.g. https://gitlab.com); one of the issuer's clientIds. */
    audience: audience('audience the job requests in id_tokens').meta({
      description: "The aud the job asks for in id_tokens (GitLab's default is the instance URL, e.g. https://gitlab.com); one of the issuer's clientIds.",
      examples: ['sts.amazonaws.com'],
    }),
    /**
     * The project's immutable id: adds `StringEquals gitlab.com:project_id`, so a project
     * that later takes over the path (after a rename, transfer or deletion) is refused.
     * GitLab.com only: STS takes no claim of a GitLab Self-Managed issuer.
     */
    projectId: gitlabProjectId.optional().meta({
      description:
        "The project's immutable id (Settings > General, or $CI_PROJECT_ID): adds StringEquals gitlab.com:project_id, so a project that later takes over the path is refused. GitLab.com only.",
      examples: ['45821937'],
    }),
  })
  .refine(needsRef, { error: NEEDS_REF })
  .meta({ title: 'trust: gitlab-ci', description: 'GitLab CI/CD jobs of one project: project, audience, and at least one of branches and tags.' });

export const hcpTerraformSchema = z
  .strictObject({
    type: z.literal('hcp-terraform').meta({ description: 'hcp-terraform: HCP Terraform (or Terraform Enterprise) runs of one workspace, by run phase.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://app.terraform.io or your Terraform Enterprise URL. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://app.terraform.io or your Terraform Enterprise URL.' }),
    organization: z
      .string({ error: fix('expected the organization name', 'write the HCP Terraform organization name') })
      .regex(/^[A-Za-z0-9_-]{1,100}$/, fix('an organization name has letters, digits, "-" and "_"', 'copy the organization name from HCP Terraform'))
      .meta({ description: 'The HCP Terraform organization name.', examples: ['acme'] }),
    /** The project; HCP Terraform's default project is named "Default Project". @default "Default Project" */
    project: z
      .string()
      .regex(/^[^:*?\x00-\x1f]{1,100}$/, fix('a project name has no ":" and no wildcard', 'copy the project name, e.g. "Default Project"'))
      .default('Default Project')
      .meta({ description: 'The HCP Terraform project; its default project is named "Default Project". No ":" and no wildcard.', examples: ['platform'] }),
    /**
     * The one workspace, or `"*"`: every workspace of the project (one run phase, or both). HashiCorp
     * allows only letters, digits, "-" and "_" in a workspace name, so the `*` of
     * `workspace:*:run_phase:<phase>` cannot stretch past the next ":" (docs/issuers.md).
     */
    workspace: z
      .string({ error: fix('expected the workspace name', 'write the workspace name') })
      .regex(
        /^([A-Za-z0-9_-]{1,90}|\*)$/,
        fix(
          'a workspace name has letters, digits, "-" and "_"; the only pattern is "*" alone (every workspace of the project)',
          'name the one workspace whose runs may assume the role, or write workspace: "*" for every workspace of the project',
        ),
      )
      .meta({
        description:
          'The one workspace whose runs may assume the role, or "*" for every workspace of the project (still pinned to the organization, project and run phase). No other pattern.',
        examples: ['iam-prod', '*'],
      }),
    /** Which runs: `plan`, `apply`, or `both`. A plan-only role is not assumable by an apply run. */
    runPhase: z
      .enum(['plan', 'apply', 'both'], { error: fix('runPhase is plan, apply or both', 'write runPhase: plan for a read-only role, apply or both otherwise') })
      .meta({ description: 'Which runs: plan, apply or both. A plan-only role is not assumable by an apply run.' }),
    /** `TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE`. @default "aws.workload.identity" */
    audience: audience('audience')
      .default(HCP_TERRAFORM_AUDIENCE)
      .meta({ description: "The aud of the run's token: the workspace's TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE." }),
  })
  .meta({
    title: 'trust: hcp-terraform',
    description: 'HCP Terraform runs of one workspace (or every workspace of one project, workspace: "*"): organization, project, workspace and runPhase.',
  });

/**
 * The repository a CircleCI pipeline was triggered from, as the V2 token writes it after
 * `vcs-origin/` (and in its `oidc.circleci.com/vcs-origin` claim): host and path, no scheme,
 * e.g. `github.com/acme/app`.
 */
const vcsOrigin = z
  .string({ error: fix('expected the repository as host/path', 'write it as the token carries it, e.g. github.com/acme/app') })
  .regex(
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[A-Za-z0-9_.-]+)+$/,
    fix(
      'a vcs-origin is a host and a repository path, without a scheme, ".git" suffix handling or wildcard',
      "write it as the token's oidc.circleci.com/vcs-origin claim carries it, e.g. github.com/acme/app",
    ),
  );

/** Why the V2-only fields cannot be used as given, with the fix; `undefined` when they can. */
function circleciV2Problem(t: {
  tokenVersion: 'v1' | 'v2';
  userIds: readonly string[];
  vcsOrigin?: string;
  branches: readonly string[];
}): { path: string; message: string; fix: string } | undefined {
  if (t.tokenVersion === 'v1' && (t.vcsOrigin !== undefined || t.branches.length > 0)) {
    const field = t.vcsOrigin !== undefined ? 'vcsOrigin' : 'branches';
    return {
      path: field,
      message: `${field} is a part of the V2 token's subject ($CIRCLE_OIDC_TOKEN_V2), but tokenVersion is v1: $CIRCLE_OIDC_TOKEN's subject ends at the user`,
      fix: 'write tokenVersion: v2 (the token the aws-cli orb 5.x sends), or remove vcsOrigin and branches',
    };
  }
  if (t.branches.length > 0 && t.vcsOrigin === undefined) {
    return {
      path: 'branches',
      message:
        'branches without vcsOrigin: the branch is only pinned after the repository it was pushed to, and a wildcard for the repository would sit in the middle of the subject, where a branch name can carry a forged "vcs-origin/.../vcs-ref/..." past it',
      fix: 'add vcsOrigin: <host>/<owner>/<repository>, e.g. github.com/acme/app',
    };
  }
  if (t.vcsOrigin !== undefined && t.userIds.length === 0) {
    return {
      path: 'vcsOrigin',
      message:
        'vcsOrigin without userIds: the V2 subject names the user before the repository, so every user would be a wildcard in the middle (user/*/vcs-origin/...), and a branch named "zzz/vcs-origin/<origin>/vcs-ref/refs/heads/main" would get in',
      fix: 'list the userIds whose runs may assume the role, or remove vcsOrigin and branches for a role of every user of the project (user/*: any repository, any ref)',
    };
  }
  return undefined;
}

export const circleciSchema = z
  .strictObject({
    type: z
      .literal('circleci')
      .meta({ description: 'circleci: CircleCI jobs of one project, optionally of some users only, and with the V2 token of one repository and branches.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://oidc.circleci.com/org/<organizationId>. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://oidc.circleci.com/org/<organizationId>.' }),
    organizationId: uuid('organization id', 'Organization Settings > Overview').meta({
      description: 'The organization id, a lower-case UUID (Organization Settings > Overview); also the aud.',
      examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
    }),
    projectId: uuid('project id', 'Project Settings > Overview').meta({
      description: 'The project id, a lower-case UUID (Project Settings > Overview).',
      examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
    }),
    /** Users whose jobs may assume the role; none: every user of the project (the trailing `user/*`). */
    userIds: z.array(uuid('user id', 'the CircleCI user settings')).default([]).meta({
      description: 'Users (lower-case UUIDs) whose jobs may assume the role; none: every user of the project (the trailing user/*, which matches both tokens).',
    }),
    /**
     * Which token the job presents: `v1`, `$CIRCLE_OIDC_TOKEN` (`org/<org>/project/<project>/user/<user>`),
     * or `v2`, `$CIRCLE_OIDC_TOKEN_V2`, whose subject continues `/vcs-origin/<origin>/vcs-ref/<ref>`: the
     * token the aws-cli orb 5.x sends. With `userIds`, a v1 role refuses the V2 token and a v2 role the V1 token.
     * @default "v1"
     */
    tokenVersion: z
      .enum(['v1', 'v2'], {
        error: fix('tokenVersion is v1 or v2', 'write tokenVersion: v2 for $CIRCLE_OIDC_TOKEN_V2 (the aws-cli orb 5.x), v1 for $CIRCLE_OIDC_TOKEN'),
      })
      .default('v1')
      .meta({
        description:
          'Which token the job presents: v1 ($CIRCLE_OIDC_TOKEN, sub ends at the user) or v2 ($CIRCLE_OIDC_TOKEN_V2, sub continues /vcs-origin/<origin>/vcs-ref/<ref>; what the aws-cli orb 5.x sends).',
        examples: ['v2'],
      }),
    /** v2, with `userIds`: the repository the pipeline came from (`vcs-origin`), pinned exactly; a fork's runs are refused. */
    vcsOrigin: vcsOrigin.optional().meta({
      description:
        "tokenVersion v2 with userIds: the repository the pipeline was triggered from, as the token's vcs-origin carries it (host/path, no scheme), pinned exactly: a fork's runs are refused.",
      examples: ['github.com/acme/app'],
    }),
    /** v2, with `vcsOrigin`: branches, each exact (`vcs-ref/refs/heads/<branch>`). None: any ref of that repository. */
    branches: z
      .array(refName('branch', false))
      .default([])
      .meta({
        description:
          'tokenVersion v2 with vcsOrigin: branches whose runs may assume the role, each exact (vcs-ref/refs/heads/<branch>). None: any ref of that repository.',
        examples: [['main']],
      }),
  })
  .superRefine((t, ctx) => {
    const problem = circleciV2Problem(t);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { fix: problem.fix }, path: [problem.path], input: undefined });
  })
  .meta({
    title: 'trust: circleci',
    description: 'CircleCI jobs of one project: organizationId, projectId, optionally userIds; with tokenVersion v2, vcsOrigin and branches.',
  });

export const buildkiteSchema = z
  .strictObject({
    type: z.literal('buildkite').meta({ description: 'buildkite: Buildkite jobs of one pipeline, by branch or tag.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://agent.buildkite.com. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://agent.buildkite.com.' }),
    organization: buildkiteSlug('organization').meta({
      description: 'The organization slug: lower-case letters, digits and "-", as in its URL.',
      examples: ['acme'],
    }),
    pipeline: buildkiteSlug('pipeline').meta({
      description: 'The pipeline slug: lower-case letters, digits and "-", as in buildkite.com/<org>/<pipeline>.',
      examples: ['deploy-app'],
    }),
    /** Branches, exact: the ref is followed by the commit and step in Buildkite's subject. */
    branches: z
      .array(refName('branch', false))
      .default([])
      .meta({
        description: "Branches, exact (the ref is followed by the commit and step in Buildkite's subject). At least one branch or tag.",
        examples: [['main']],
      }),
    tags: z
      .array(refName('tag', false))
      .default([])
      .meta({ description: 'Tags, exact. At least one branch or tag.', examples: [['v1.2.0']] }),
    /** The `--audience` of `buildkite-agent oidc request-token`. @default "sts.amazonaws.com" */
    audience: audience('audience').default('sts.amazonaws.com').meta({ description: 'The --audience of buildkite-agent oidc request-token.' }),
    /**
     * The pipeline's immutable UUID: adds `StringEquals agent.buildkite.com:pipeline_id`, so a
     * pipeline that later takes over the slug is refused. An optional claim: the job must ask
     * for it (`buildkite-agent oidc request-token --claim pipeline_id`, or `BUILDKITE_OIDC_TOKEN_CLAIMS=pipeline_id`).
     */
    pipelineId: uuid('pipeline id', '$BUILDKITE_PIPELINE_ID in a job of the pipeline, or the pipeline\'s "id" in the REST API', false)
      .optional()
      .meta({
        description:
          "The pipeline's immutable UUID ($BUILDKITE_PIPELINE_ID): adds StringEquals agent.buildkite.com:pipeline_id; the job must request it (--claim pipeline_id).",
        examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
      }),
  })
  .refine(needsRef, { error: NEEDS_REF })
  .meta({ title: 'trust: buildkite', description: 'Buildkite jobs of one pipeline: organization, pipeline, and at least one of branches and tags.' });

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
