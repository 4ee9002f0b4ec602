/**
 * CircleCI's V2 token through the access proof on an inline spec: each form of
 * `tokenVersion: v2` (users only, users and a repository, users, repository and
 * branches) and a v1 role with users. The real token of each declared run gets
 * in; the near-misses the preset's record makes (another user, a fork, another
 * branch, a branch named after the pinned tail, the same run's other token) stay
 * out, each for its own reason. A missing cell fails too: the near-miss must be
 * among the identities the proof tries.
 */
import { matrixOf } from './helpers/matrix';
import { CI_ISSUERS, ORG } from './helpers/ci-issuers';
import { model, oneAccount } from './helpers/model';

const PROJECT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const USER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const OTHER_USER = `${USER.slice(0, -1)}0`;
const circle = (name: string, extra: Record<string, unknown>) => ({
  name,
  trust: [{ type: 'circleci', issuer: 'circle', organizationId: ORG, projectId: PROJECT, userIds: [USER], ...extra }],
});
const m = model(
  oneAccount(
    [
      circle('v1-users', {}),
      circle('v2-users', { tokenVersion: 'v2' }),
      circle('v2-origin', { tokenVersion: 'v2', vcsOrigin: 'github.com/acme/app' }),
      circle('v2-main', { tokenVersion: 'v2', vcsOrigin: 'github.com/acme/app', branches: ['main'] }),
    ],
    { issuers: { circle: CI_ISSUERS.circle } },
  ),
);
const { matrix, cell, allowed } = matrixOf(m);

const AUD = `aud=${ORG}`;
const V1 = `oidc circle sub=org/${ORG}/project/${PROJECT}/user/${USER}`;
const ANY_ORIGIN = `${V1}/vcs-origin/github.com/example/app/vcs-ref/refs/heads/main ${AUD}`;
const ACME = `${V1}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads`;
const FORK = `${V1}/vcs-origin/github.com/acme/app-fork/vcs-ref/refs/heads/main ${AUD}`;
const INJECTED = `${ACME}/zzz/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main ${AUD}`;

test('THEN every check passes, and each role lets in exactly the runs its form declares', () => {
  expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
  expect(allowed('v1-users')).toEqual([`${V1} ${AUD}`]);
  // Users only: any repository and ref of those users, a fork's and an injected branch's included.
  expect(allowed('v2-users')).toEqual(expect.arrayContaining([ANY_ORIGIN, `${ACME}/main ${AUD}`, FORK, `${ACME}/feature-x ${AUD}`, INJECTED]));
  expect(allowed('v2-users').every((i) => i.startsWith(`${V1}/vcs-origin/`))).toBe(true);
  // One repository: any ref of it, both injected branches too (each is a branch of that repository: the
  // preset's own and the mid-subject check's, access/identities/identities/preset-identities.ts); not a fork.
  expect(allowed('v2-origin')).toEqual(
    expect.arrayContaining([`${ACME}/main ${AUD}`, `${ACME}/feature-x ${AUD}`, INJECTED, `${ACME}/zzz/vcs-origin/github.com/acme/app/vcs-ref/example ${AUD}`]),
  );
  expect(allowed('v2-origin')).toHaveLength(4);
  expect(allowed('v2-main')).toEqual([`${ACME}/main ${AUD}`]);
});

test.each([
  // The aws-cli orb's V2 token on a v1 role; the V1 token on each v2 role.
  ['v1-users', ANY_ORIGIN, /StringEquals .*:sub: .* does not match/],
  ['v2-users', `${V1} ${AUD}`, /StringLike .*:sub: .* does not match/],
  ['v2-origin', `${V1} ${AUD}`, /does not match/],
  ['v2-main', `${V1} ${AUD}`, /does not match/],
  [
    'v2-users',
    `oidc circle sub=org/${ORG}/project/${PROJECT}/user/${OTHER_USER}/vcs-origin/github.com/example/app/vcs-ref/refs/heads/main ${AUD}`,
    /does not match/,
  ],
  ['v2-origin', FORK, /StringLike .*:sub: ".*app-fork.*" does not match/],
  ['v2-main', FORK, /does not match/],
  ['v2-main', `${ACME}/feature-x ${AUD}`, /does not match/],
  ['v2-main', INJECTED, /StringEquals .*:sub: ".*\/zzz\/vcs-origin\/.*" does not match/],
  [
    'v2-main',
    `oidc circle sub=org/${ORG}/project/${PROJECT}/user/${OTHER_USER}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main ${AUD}`,
    /does not match/,
  ],
  ['v2-main', `${ACME}/main aud=sts.amazonaws.com`, /:aud: "sts.amazonaws.com" does not match/],
])('THEN %s denies %s, for the right reason', (r, identity, reason) => {
  const c = cell(r, identity);
  expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
  expect(c.reason).toMatch(reason);
});
