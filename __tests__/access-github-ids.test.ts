/**
 * GitHub's immutable ids through the access proof on an inline spec: pinned
 * in the subject, as `repository_owner_id` / `repository_id` claims
 * (`idsIn: claims`), or both. The declared run gets in; another owner's
 * repository of the same name and id, another repository id, and a token
 * without either id claim stay out, each for its own reason (a missing cell
 * fails too: the near-miss must be among the identities the proof tries).
 */
import { matrixOf } from './helpers/matrix';
import { GITHUB_URL, model, oneAccount } from './helpers/model';

const gh = (name: string, idsIn?: string) => ({
  name,
  trust: [
    {
      type: 'github-actions',
      issuer: 'github',
      repository: 'octo-org/deploy',
      ownerId: '1234567',
      repositoryId: '89012345',
      branches: ['main'],
      ...(idsIn ? { idsIn } : {}),
    },
  ],
});
const m = model(
  oneAccount([gh('in-subject'), gh('in-claims', 'claims'), gh('in-both', 'both'), gh('in-migration', 'migration')], {
    issuers: { github: { url: GITHUB_URL } },
  }),
);
const { matrix, cell, allowed } = matrixOf(m);

const NAME_SUB = 'oidc github sub=repo:octo-org/deploy:ref:refs/heads/main aud=sts.amazonaws.com';
const ID_SUB = 'oidc github sub=repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main aud=sts.amazonaws.com';
const IDS = 'repository_id=89012345 repository_owner_id=1234567';

test('THEN every check of the matrix passes, and the id-claim roles let in their declared run only', () => {
  expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
  expect(allowed('in-claims')).toEqual([`${NAME_SUB} ${IDS}`]);
  expect(allowed('in-both')).toEqual([`${ID_SUB} ${IDS}`]);
  // During a migration: both subject forms, each with the repository's own ids.
  expect(allowed('in-migration')).toEqual([`${NAME_SUB} ${IDS}`, `${ID_SUB} ${IDS}`]);
  // The subject-only role tests no claim: every token with its immutable subject gets in, whatever id claims it carries.
  expect(allowed('in-subject').every((i) => i.startsWith(ID_SUB))).toBe(true);
  expect(allowed('in-subject')).toContain(ID_SUB);
});

test.each([
  [
    'in-subject',
    'oidc github sub=repo:octo-org@1234568/deploy@89012345:ref:refs/heads/main aud=sts.amazonaws.com',
    /sub: "repo:octo-org@1234568\/deploy@89012345:ref:refs\/heads\/main" does not match/,
  ],
  ['in-claims', `${NAME_SUB} repository_id=89012345 repository_owner_id=1234568`, /repository_owner_id: "1234568" does not match "1234567"/],
  ['in-claims', `${NAME_SUB} repository_id=89012345`, /repository_owner_id: key absent/],
  ['in-claims', `${NAME_SUB} repository_id=89012346 repository_owner_id=1234567`, /repository_id: "89012346" does not match "89012345"/],
  ['in-claims', `${NAME_SUB} repository_owner_id=1234567`, /repository_id: key absent/],
  ['in-both', `oidc github sub=repo:octo-org@1234568/deploy@89012345:ref:refs/heads/main aud=sts.amazonaws.com ${IDS}`, /does not match/],
  ['in-both', `${ID_SUB} repository_id=89012345 repository_owner_id=1234568`, /repository_owner_id: "1234568" does not match "1234567"/],
  // A repository that took over the name during the migration: the name-only subject, its own ids.
  ['in-migration', `${NAME_SUB} repository_id=89012346 repository_owner_id=1234568`, /repository_owner_id: "1234568" does not match "1234567"/],
  ['in-migration', `oidc github sub=repo:octo-org@1234568/deploy@89012345:ref:refs/heads/main aud=sts.amazonaws.com ${IDS}`, /does not match/],
  ['in-migration', `${ID_SUB} repository_id=89012345`, /repository_owner_id: key absent/],
  ['in-migration', `${ID_SUB} repository_id=89012346 repository_owner_id=1234567`, /repository_id: "89012346" does not match "89012345"/],
])('THEN %s denies %s, for the right reason', (r, identity, reason) => {
  const c = cell(r, identity);
  expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
  expect(c.reason).toMatch(reason);
});
