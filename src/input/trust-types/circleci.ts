/**
 * `type: circleci`: CircleCI jobs of one project, optionally of some users
 * only, and with the V2 token of one repository and branches.
 *
 * Its schema and its preset record (what a record holds: `CiPreset`,
 * `ci-preset.ts`). Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { issuerField, refName, uuid, UUID_SOURCE } from './ci-fields';
import { otherUuid, preset, type CiNearMiss } from './ci-preset';

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

/** The repository and ref a CircleCI V2 token of a run carries, where the spec leaves them open. */
const CIRCLE_EXAMPLE_ORIGIN = 'github.com/example/app';
const CIRCLE_EXAMPLE_REF = 'refs/heads/main';
const CIRCLE_SUB = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(.*)$/;

export const circleci = preset({
  type: 'circleci',
  schema: circleciSchema,
  name: 'CircleCI',
  hosted: { host: /^oidc\.circleci\.com\/org\/[^/]+$/, name: 'CircleCI', claims: ['oidc.circleci.com/project-id'] },
  // The issuer is the organization's.
  issuer: (t) => ({ exact: `https://oidc.circleci.com/org/${t.organizationId}` }),
  audience: (t) => ({ value: t.organizationId, field: 'organizationId' }),
  audienceText: 'the organization id',
  subjectFormat: 'org/<org-id>/project/<project-id>/user/<user-id, may be a wildcard>',
  fixedPrefix: new RegExp(`^org/${UUID_SOURCE}/project/${UUID_SOURCE}/user/`),
  // V1 (`$CIRCLE_OIDC_TOKEN`): the user is the last part, `user/*` without users. V2 (`$CIRCLE_OIDC_TOKEN_V2`)
  // continues `/vcs-origin/<origin>/vcs-ref/<ref>`: each user pinned, then the origin (or `*` for any), then
  // the branch (or `*` for any ref), so a wildcard only ever ends the subject. Without users, `user/*` for both.
  subjects: (t) => {
    const prefix = `org/${t.organizationId}/project/${t.projectId}/user/`;
    if (t.userIds.length === 0) return [`${prefix}*`];
    if (t.tokenVersion === 'v1') return t.userIds.map((u) => `${prefix}${u}`);
    if (t.vcsOrigin === undefined) return t.userIds.map((u) => `${prefix}${u}/vcs-origin/*`);
    const refs = t.branches.length > 0 ? t.branches.map((b) => `refs/heads/${b}`) : ['*'];
    return t.userIds.flatMap((u) => refs.map((ref) => `${prefix}${u}/vcs-origin/${t.vcsOrigin}/vcs-ref/${ref}`));
  },
  // The issuer is the organization's; its tokens' aud is the organization id.
  tenant: (t) => ({ claim: 'aud', values: [t.organizationId] }),
  // The V2 token (what the aws-cli orb sends) goes on after the user: a `*` there must not stand before a pinned origin or ref.
  laterParts: {
    format: 'org/<org-id>/project/<project-id>/user/<user-id>/vcs-origin/<vcs-origin>/vcs-ref/<vcs-ref, may be a pattern>',
    labels: ['/vcs-origin/', '/vcs-ref/'],
    lastPart: 'vcs-ref (the branch or tag)',
    injected: 'refs/heads/zzz',
    nearMiss: 'injected-branch',
  },
  describe: (s) => {
    const users = s.userIds.length > 0 ? `${s.userIds.length} user(s)` : 'any user';
    const v2 =
      s.tokenVersion === 'v2' && s.userIds.length > 0
        ? ` · V2 token, ${s.vcsOrigin ?? 'any repository'}${s.branches.length > 0 ? ` ${s.branches.join(', ')}` : ''}`
        : '';
    return `CircleCI project ${s.projectId} · ${users}${v2}`;
  },
  realSubject: (declared, ex) =>
    declared
      .replace(/\/user\/\*$/, `/user/${ex.uuid}`)
      .replace(/\/vcs-origin\/\*$/, `/vcs-origin/${CIRCLE_EXAMPLE_ORIGIN}/vcs-ref/${CIRCLE_EXAMPLE_REF}`)
      .replace(/\/vcs-ref\/\*$/, `/vcs-ref/${CIRCLE_EXAMPLE_REF}`),
  nearMisses: (s, sub) => {
    const [, org, project, user, rest] = CIRCLE_SUB.exec(sub)!;
    const at = (o: string, p: string, u: string, r: string) => `org/${o}/project/${p}/user/${u}${r}`;
    const out: [CiNearMiss, string][] = [
      ['other-project', at(org, otherUuid(project), user, rest)],
      ['other-organization', at(otherUuid(org), project, user, rest)],
    ];
    if (s.userIds.length === 0) return out;
    out.push(['other-user', at(org, project, otherUuid(user), rest)]);
    // The same run's other token: the V2 token on a v1 role (the aws-cli orb's), the V1 token on a v2 role.
    out.push([
      'other-token-version',
      s.tokenVersion === 'v1' ? at(org, project, user, `/vcs-origin/${CIRCLE_EXAMPLE_ORIGIN}/vcs-ref/${CIRCLE_EXAMPLE_REF}`) : at(org, project, user, ''),
    ]);
    if (s.vcsOrigin === undefined) return out;
    const ref = rest.slice(`/vcs-origin/${s.vcsOrigin}/vcs-ref/`.length);
    // A fork whose path starts with the repository's.
    out.push(['other-vcs-origin', at(org, project, user, `/vcs-origin/${s.vcsOrigin}-fork/vcs-ref/${ref}`)]);
    if (s.branches.length > 0) {
      out.push(['other-branch', at(org, project, user, `/vcs-origin/${s.vcsOrigin}/vcs-ref/refs/heads/feature-x`)]);
      // A branch whose name repeats the pinned tail: what a wildcard in the middle of the subject would let in.
      out.push(['injected-branch', at(org, project, user, `/vcs-origin/${s.vcsOrigin}/vcs-ref/refs/heads/zzz/vcs-origin/${s.vcsOrigin}/vcs-ref/${ref}`)]);
    }
    return out;
  },
});
