/**
 * `type: circleci`: CircleCI jobs of one project, optionally of some users
 * only, and with the V2 token of one repository and branches.
 *
 * Its schema: what a spec may write. The preset record is `circleci.ts`, which
 * loads this file only when a spec is validated. Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { issuerField, refName, uuid } from './ci-fields';

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
