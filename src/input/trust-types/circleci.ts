/**
 * `type: circleci`: CircleCI jobs of one project, optionally of some users
 * only, and with the V2 token of one repository and branches.
 *
 * Its preset record (what a record holds: `CiPreset`, `ci-preset.ts`). The
 * schema is `circleci-schema.ts`, loaded on first use: running a synth never
 * builds it (bench/README.md, round 5). Sources: docs/issuers.md.
 */
import { otherUuid, preset, UUID_SOURCE, type CiNearMiss } from './ci-preset';
import type { circleciSchema } from './circleci-schema';

/** The repository and ref a CircleCI V2 token of a run carries, where the spec leaves them open. */
const CIRCLE_EXAMPLE_ORIGIN = 'github.com/example/app';
const CIRCLE_EXAMPLE_REF = 'refs/heads/main';
const CIRCLE_SUB = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(.*)$/;

export const circleci = preset({
  type: 'circleci',
  get schema(): typeof circleciSchema {
    return (require('./circleci-schema') as typeof import('./circleci-schema')).circleciSchema;
  },
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
