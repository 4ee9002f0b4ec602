/**
 * GitHub's immutable subject (`repo:OWNER@OWNER_ID/REPO@REPO_ID:...`, sent since
 * 2026-07-15 by repositories created, renamed or transferred on github.com):
 * the `idsIn: migration` form that writes both subjects with the id claims,
 * TRUST024's warning for an entry without ids, and the refusal of a wildcard
 * where GitHub writes an id. The access proof of the migration form is in
 * access-github-ids.test.ts.
 */
import { GITHUB_URL, condition, inputProblems, model, oneAccount, role } from './helpers/model';
import { lint } from './helpers/spec';

const GH = 'token.actions.githubusercontent.com';
const issuers = { github: { url: GITHUB_URL }, ghes: { url: 'https://github.example.com/_services/token' } };
const ids = { ownerId: '1234567', repositoryId: '89012345' };
const entry = (extra: Record<string, unknown> = {}) => ({
  type: 'github-actions',
  issuer: 'github',
  repository: 'octo-org/deploy',
  branches: ['main'],
  ...extra,
});
const spec = (trust: Record<string, unknown>) => oneAccount([{ name: 'r', trust: [trust] }], { issuers });
const statementsOf = (trust: Record<string, unknown>) => role(model(spec(trust)), 'acct', 'r').trustPolicy.statements;

describe('idsIn: migration', () => {
  test('GIVEN ids and idsIn migration THEN both subject forms, exact, each ANDed with the two id claims', () => {
    const [s, ...rest] = statementsOf(entry({ ...ids, idsIn: 'migration' }));
    expect(rest).toHaveLength(0);
    expect(condition(s, 'StringEquals', `${GH}:sub`)?.values).toEqual([
      'repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main',
      'repo:octo-org/deploy:ref:refs/heads/main',
    ]);
    expect(condition(s, 'StringEquals', `${GH}:repository_owner_id`)?.values).toEqual(['1234567']);
    expect(condition(s, 'StringEquals', `${GH}:repository_id`)?.values).toEqual(['89012345']);
  });

  test('GIVEN idsIn migration without ids THEN the spec is refused at idsIn, naming the ids to add', () => {
    expect(inputProblems(spec(entry({ idsIn: 'migration' })))).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].idsIn', fix: expect.stringContaining('add ownerId and repositoryId') }),
    ]);
  });

  test('GIVEN no idsIn THEN the existing forms are unchanged: name-only without ids, the id form with them', () => {
    expect(condition(statementsOf(entry())[0], 'StringEquals', `${GH}:sub`)?.values).toEqual(['repo:octo-org/deploy:ref:refs/heads/main']);
    expect(condition(statementsOf(entry(ids))[0], 'StringEquals', `${GH}:sub`)?.values).toEqual(['repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main']);
  });
});

describe('TRUST024: a github-actions entry without ownerId and repositoryId', () => {
  const trust024 = (trust: Record<string, unknown>) => lint(spec(trust)).findings.filter((f) => f.ruleId === 'TRUST024');

  test('GIVEN no ids on github.com THEN a warning at the repository, saying which subject the entry never matches and why', () => {
    expect(trust024(entry()).map((f) => [f.level, f.path, f.message])).toEqual([
      [
        'warning',
        'accounts[0].roles[0].trust[0].repository',
        'github-actions trust of "octo-org/deploy" has no ownerId and repositoryId: it matches only repo:octo-org/deploy:..., not the repo:octo-org@<owner id>/deploy@<repository id>:... that a repository created, renamed or transferred since 2026-07-15 sends, and it matches a repository that later takes over the name',
      ],
    ]);
    expect(trust024(entry())[0].fix).toContain('gh api repos/OWNER/REPO --jq .owner.id,.id');
  });

  test.each(['subject', 'claims', 'both', 'migration'])('GIVEN ids with idsIn %s THEN no warning', (idsIn) => {
    expect(trust024(entry({ ...ids, idsIn }))).toEqual([]);
  });

  test('GIVEN GitHub Enterprise Server, which keeps the name form THEN no warning', () => {
    expect(trust024(entry({ issuer: 'ghes' }))).toEqual([]);
  });

  test('GIVEN a suppression with a reason on the role THEN the warning is kept, marked suppressed', () => {
    const s = spec(entry());
    (s.accounts[0].roles![0] as { suppressions?: unknown[] }).suppressions = [{ rule: 'TRUST024', reason: 'ids follow in the next change' }];
    expect(
      lint(s)
        .findings.filter((f) => f.ruleId === 'TRUST024')
        .map((f) => f.suppressed?.reason),
    ).toEqual(['ids follow in the next change']);
  });
});

describe('a wildcard where GitHub writes an id', () => {
  const webIdentity = (subjects: string[]) => ({ type: 'web-identity', issuers: [{ issuer: 'github', subjects }] });

  test.each([
    ['repo:octo-org@*/deploy@*:ref:refs/heads/main', '*'],
    ['repo:octo-org@1234567/deploy@*:ref:refs/heads/main', '*'],
    ['repo:octo-org@12*/deploy@89012345:*', '12*'],
    ['repo:octo-org@1234567/deploy@8901234?:ref:refs/heads/main', '8901234?'],
  ])('GIVEN web-identity subject %s on a GitHub issuer THEN refused at load at the subject, with the numeric-id fix', (sub, id) => {
    expect(inputProblems(spec(webIdentity(['repo:octo-org/other:ref:refs/heads/main', sub])))).toEqual([
      expect.objectContaining({
        path: 'accounts[0].roles[0].trust[0].issuers[0].subjects[1]',
        message: expect.stringContaining(`has "@${id}" where GitHub writes a numeric owner or repository id`),
        fix: expect.stringContaining('gh api repos/OWNER/REPO --jq .owner.id,.id'),
      }),
    ]);
  });

  test.each([
    'repo:octo-org@1234567/deploy@89012345:ref:refs/heads/*',
    'repo:octo-org/deploy:ref:refs/heads/main',
    'repo:octo-org/deploy:ref:refs/heads/user@host',
  ])('GIVEN %s THEN accepted: the ids, when written, are digits', (sub) => {
    expect(inputProblems(spec(webIdentity([sub])))).toEqual([]);
  });
});
