/**
 * `type: gitlab-ci`: GitLab CI/CD jobs of one project, by branch or tag.
 *
 * Its schema: what a spec may write. The preset record is `gitlab-ci.ts`, which
 * loads this file only when a spec is validated. Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { quoteValue } from '../../errors';
import { fix, idString, issue } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { audience, issuerField, NEEDS_REF, needsRef, refName } from './ci-fields';

/** GitLab's numeric project id: the token's `project_id` is the id in decimal, as a string, no leading zero. */
const gitlabProjectId = idString({
  what: 'GitLab project id',
  pattern: /^[1-9]\d{0,18}$/,
  form: "decimal digits without a leading zero, as the token's project_id carries it",
  key: 'projectId',
  example: '45821937',
  source: 'the project overview page, Settings > General, or $CI_PROJECT_ID in a job',
});

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
