/**
 * `type: github-actions`: GitHub Actions workflow runs of one repository, by
 * branch, environment or pull request, with GitHub's immutable ids. Its own
 * schema and builder rather than a CI preset record: its ids and claims do
 * not fit one `sub` per run (CONTRIBUTING.md).
 */
import { z } from 'zod';
import { fix, idString } from '../primitives/fields';
import { oidcTrustFields } from './controls';

const numericId = (what: string, key: string) =>
  idString({
    what: `GitHub ${what}`,
    pattern: /^\d{1,20}$/,
    form: "GitHub's numeric id",
    key,
    example: '123456789',
    source: 'gh api repos/OWNER/REPO --jq .owner.id,.id',
  });

/** Git ref names cannot hold `*` or `?`, so those characters can only mean a pattern. */
const branch = z
  .string()
  .min(1)
  .regex(/^[^\s~^:\\[]+$/, fix('not a branch name', 'write a branch name such as main, or a pattern such as release/*'));

export const githubActionsSchema = z
  .strictObject({
    type: z
      .literal('github-actions')
      .meta({ description: 'github-actions: GitHub Actions workflow runs of one repository, by branch, environment or pull request.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://token.actions.githubusercontent.com (or an enterprise's issuer below it), a GHE.com one or GitHub Enterprise Server's (docs/issuers.md). */
    issuer: z.string().meta({
      description:
        "The spec issuer whose URL is https://token.actions.githubusercontent.com (or an enterprise's issuer below it), a GHE.com one or GitHub Enterprise Server's (docs/issuers.md).",
      examples: ['github'],
    }),
    /** `owner/repo`. */
    repository: z
      .string()
      .regex(
        /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/,
        fix('a repository is written owner/repo', 'write it as shown on GitHub, e.g. octo-org/deploy'),
      )
      .meta({ description: 'The repository, owner/repo, as shown on GitHub.', examples: ['octo-org/deploy'] }),
    /** GitHub's immutable owner id: with `repositoryId`, subjects use the `repo:owner@ID/repo@ID:` form (see `idsIn`). */
    ownerId: numericId('owner id', 'ownerId')
      .optional()
      .meta({
        description: "GitHub's immutable owner id (gh api repos/OWNER/REPO --jq .owner.id), with repositoryId: pinned where idsIn says.",
        examples: ['123456789'],
      }),
    repositoryId: numericId('repository id', 'repositoryId')
      .optional()
      .meta({ description: "GitHub's immutable repository id (gh api repos/OWNER/REPO --jq .id), with ownerId.", examples: ['987654321'] }),
    /**
     * Where `ownerId` and `repositoryId` are pinned: in the subject (`repo:owner@ID/repo@ID:`, what
     * GitHub sends for repositories created, renamed or transferred since 2026-07-15), as the
     * `repository_owner_id` and `repository_id` claims beside the name-only subject (repositories that
     * still send `repo:owner/repo:`), both, or `migration`: both subject forms, each with the two id
     * claims, for a repository about to switch (a rename, a transfer, or GitHub's opt-in). @default "subject"
     */
    idsIn: z
      .enum(['subject', 'claims', 'both', 'migration'], {
        error: fix(
          'idsIn is subject, claims, both or migration',
          'write idsIn: claims for a repository whose tokens still carry the name-only subject, migration while it switches to the id form',
        ),
      })
      .optional()
      .meta({
        description:
          'Where ownerId and repositoryId are pinned: subject (repo:owner@ID/repo@ID:), claims (repository_owner_id and repository_id beside the name-only subject), both, or migration (both subject forms, each with the two id claims, while the repository switches to the id form).',
        default: 'subject',
      }),
    /** Branches (exact, or patterns with `*`) whose workflow runs may assume the role. */
    branches: z
      .array(branch)
      .default([])
      .meta({ description: 'Branches (exact, or patterns with *) whose workflow runs may assume the role.', examples: [['main', 'release/*']] }),
    /** GitHub environments whose jobs may assume the role. */
    environments: z
      .array(z.string().regex(/^[^*?\s:][^*?:]{0,254}$/, fix('an environment name has no wildcards or ":"', 'name each environment exactly')))
      .default([])
      .meta({ description: 'GitHub environments whose jobs may assume the role, each named exactly.', examples: [['production']] }),
    /** Workflow runs triggered by pull requests. */
    pullRequests: z.boolean().default(false).meta({ description: 'true: workflow runs triggered by pull requests may assume the role.' }),
    /** Every ref, environment and event of the repository (`repo:owner/repo:*`): an explicit opt-in. */
    allRefs: z
      .literal(true)
      .optional()
      .meta({ description: 'true: every ref, environment and event of the repository (repo:owner/repo:*), an explicit opt-in.' }),
    /** GitHub Enterprise Cloud: the enterprise slug. The issuer must then be https://token.actions.githubusercontent.com/<enterprise>. */
    enterprise: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/,
        fix('an enterprise slug has letters, digits and "-"', 'copy the slug from https://github.com/enterprises/<slug>'),
      )
      .optional()
      .meta({
        description: 'GitHub Enterprise Cloud: the enterprise slug; the issuer must then be https://token.actions.githubusercontent.com/<enterprise>.',
        examples: ['octo-enterprise'],
      }),
    /**
     * Reusable workflows allowed to run the job (`job_workflow_ref`, a condition key STS accepts for
     * GitHub): `owner/repo/.github/workflows/file.yml@ref`, a `*` only in the ref after `@`.
     */
    jobWorkflowRefs: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+\/[^@\s*?]+@[^\s?]+$/,
            fix(
              'a workflow ref is owner/repo/path/to/workflow.yml@ref, with a wildcard only in the ref',
              'write e.g. octo-org/shared/.github/workflows/deploy.yml@refs/heads/main',
            ),
          ),
      )
      .default([])
      .meta({
        description: 'Reusable workflows allowed to run the job (job_workflow_ref): owner/repo/path/to/workflow.yml@ref, a * only in the ref.',
        examples: [['octo-org/shared/.github/workflows/deploy.yml@refs/heads/main']],
      }),
    /** GitHub user ids whose runs may assume the role (`actor_id`). */
    actorIds: z
      .array(numericId('actor id', 'actorIds'))
      .default([])
      .meta({ description: 'GitHub user ids whose runs may assume the role (actor_id).', examples: [['123456789']] }),
    /** The enterprise's numeric id (`enterprise_id`). */
    enterpriseId: numericId('enterprise id', 'enterpriseId')
      .optional()
      .meta({ description: "The enterprise's numeric id (enterprise_id).", examples: ['123456'] }),
  })
  .refine((t) => (t.ownerId === undefined) === (t.repositoryId === undefined), {
    error: fix('give both ownerId and repositoryId, or neither', 'add the missing id, or remove both to use the name-only subject form'),
  })
  .refine((t) => t.idsIn === undefined || t.ownerId !== undefined, {
    path: ['idsIn'],
    error: fix(
      'idsIn says where ownerId and repositoryId are pinned, but neither is given',
      'add ownerId and repositoryId (gh api repos/OWNER/REPO --jq .owner.id,.id), or remove idsIn',
    ),
  })
  .refine((t) => t.allRefs === true || t.branches.length + t.environments.length > 0 || t.pullRequests, {
    error: fix(
      'a GitHub Actions trust names no branch, environment or pull-request subject',
      'add branches: [main], environments: [production] or pullRequests: true (or allRefs: true to allow every ref)',
    ),
  })
  .meta({
    title: 'trust: github-actions',
    description: 'GitHub Actions runs of one repository: at least one of branches, environments, pullRequests: true or allRefs: true.',
  });
