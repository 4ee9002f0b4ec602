/**
 * Issue 24 item 2: a `*` in the middle of a CI vendor's subject, followed by
 * pinned parts, lets in a run whose branch (CircleCI's V2 token) or step key
 * (Buildkite) ends with those parts. TRUST019 refuses it on every trust on the
 * vendor's issuer (a hand-written web-identity entry, imported trust, bare IAM
 * JSON), and the access proof tries the injected run on hand-written trust:
 * a trust that lets it in fails the proof; one that pins the parts denies it.
 */
import { buildMatrix } from '../src/access/proof/matrix';
import { auditExport } from '../src/brownfield/audit';
import { importExport } from '../src/brownfield/import';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { lintModel } from '../src/lint';
import { trust019 } from '../src/lint/rules/trust-019-ci-subject-wildcard';
import { ciPreset } from '../src/input/trust-types/ci-presets';
import { declaredSubjectMatches, injectedSubject, misplacedStars } from '../src/input/subject-parts';
import { globMatch } from '../src/policy/glob';
import { ORG } from './helpers/ci-issuers';
import { account, model } from './helpers/model';
import { ACCOUNT, trustPolicy, webIdentity } from './helpers/rule-harness';
import { exportedRole, oneAccountExport } from './helpers/iam-export';

const PROJECT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const USER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const CIRCLE = `oidc.circleci.com/org/${ORG}`;
const BK = 'agent.buildkite.com';
const V2 = `org/${ORG}/project/${PROJECT}/user`;
const ORIGIN = 'vcs-origin/github.com/acme/app';
/** CircleCI's documented pattern: any user, the main branch of one origin. */
const DOCUMENTED = `${V2}/*/${ORIGIN}/vcs-ref/refs/heads/main`;
const CIRCLE_LATER = ciPreset('circleci').laterParts!;
const BK_LATER = ciPreset('buildkite').laterParts!;

const trust = (host: string, sub: string, aud: string) =>
  webIdentity(`arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`, ['StringLike', `${host}:sub`, sub], ['StringEquals', `${host}:aud`, aud]);

describe('GIVEN CircleCI subjects with a "*" before the V2 parts', () => {
  test('THEN the documented pattern admits a push to the branch zzz/vcs-origin/.../refs/heads/main (IAM matching), and the injected run is that push', () => {
    const injected = injectedSubject(CIRCLE_LATER, DOCUMENTED)!;
    expect(injected).toBe(`${V2}/example/${ORIGIN}/vcs-ref/refs/heads/zzz/${ORIGIN}/vcs-ref/refs/heads/main`);
    expect(globMatch(DOCUMENTED, injected)).toBe(true);
    // As the subject means it, the "*" stands for the user only.
    expect(declaredSubjectMatches(CIRCLE_LATER, DOCUMENTED, injected)).toBe(false);
    expect(declaredSubjectMatches(CIRCLE_LATER, DOCUMENTED, `${V2}/${USER}/${ORIGIN}/vcs-ref/refs/heads/main`)).toBe(true);
  });

  test.each([
    ['the documented pattern (any user)', DOCUMENTED],
    ['any user and any origin', `${V2}/*/vcs-origin/*/vcs-ref/refs/heads/main`],
    ['one user, any origin', `${V2}/${USER}/vcs-origin/*/vcs-ref/refs/heads/main`],
    ['any user, any branch but pinned origin', `${V2}/*/${ORIGIN}/vcs-ref/*`],
  ])('WHEN %s THEN TRUST019 is an error that shows the injected run', (_name, sub) => {
    const result = trust019.check(trustPolicy([trust(CIRCLE, sub, ORG)]));
    expect(result.status).toBe('non-compliant');
    const [f] = result.status === 'non-compliant' ? result.findings : [];
    expect(f.message).toContain(`CircleCI subject "${sub}" on "${CIRCLE}:sub" has a "*" before the last part of ${CIRCLE_LATER.format}`);
    expect(f.message).toContain(`e.g. "${injectedSubject(CIRCLE_LATER, sub)}"`);
    expect(globMatch(sub, injectedSubject(CIRCLE_LATER, sub)!)).toBe(true);
  });

  test.each([
    ['V1: any user of the project', `${V2}/*`],
    ['V2: every part but the project left open (labels only after the "*")', `${V2}/*/vcs-origin/*/vcs-ref/*`],
    ['V2: one user and origin, a branch pattern', `${V2}/${USER}/${ORIGIN}/vcs-ref/refs/heads/release-*`],
    ['V2: one user and origin, a pattern inside the branch', `${V2}/${USER}/${ORIGIN}/vcs-ref/refs/heads/*-hotfix`],
    ['V2: any user by "?" (a user id is 36 characters), main only', `${V2}/????????-????-????-????-????????????/${ORIGIN}/vcs-ref/refs/heads/main`],
  ])('WHEN %s THEN TRUST019 finds nothing', (_name, sub) => {
    expect(trust019.check(trustPolicy([trust(CIRCLE, sub, ORG)])).status).toBe('compliant');
    expect(misplacedStars(CIRCLE_LATER, sub)).toEqual([]);
  });

  test('WHEN the user is matched by "?" THEN the injected run does not match (no wildcard spans the parts)', () => {
    const sub = `${V2}/????????-????-????-????-????????????/${ORIGIN}/vcs-ref/refs/heads/main`;
    expect(globMatch(sub, injectedSubject(CIRCLE_LATER, sub)!)).toBe(false);
  });
});

describe('GIVEN Buildkite subjects', () => {
  test('WHEN a "*" in the commit is followed by a pinned step THEN TRUST019 is an error, and a step key ending with it matches', () => {
    const sub = 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*:step:deploy';
    const injected = injectedSubject(BK_LATER, sub)!;
    expect(injected).toBe('organization:acme:pipeline:deploy:ref:refs/heads/main:commit:example:step:zzz:step:deploy');
    expect(globMatch(sub, injected)).toBe(true);
    const result = trust019.check(trustPolicy([trust(BK, sub, 'sts.amazonaws.com')]));
    expect(result.status === 'non-compliant' && result.findings.map((f) => f.message)).toEqual([
      expect.stringContaining(`a run whose step key ends with them matches too, e.g. "${injected}"`),
    ]);
  });

  test.each(['organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*', 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*:step:*'])(
    'WHEN %s (the documented form) THEN TRUST019 finds nothing',
    (sub) => {
      expect(trust019.check(trustPolicy([trust(BK, sub, 'sts.amazonaws.com')])).status).toBe('compliant');
    },
  );
});

/** A spec with one hand-written web-identity role on CircleCI's issuer, with these subjects. */
const spec = (subjects: string[]) => ({
  version: 1 as const,
  issuers: { circle: { url: `https://${CIRCLE}`, clientIds: [ORG] } },
  accounts: [
    account('ci', '111111111111', ['circle'], [{ name: 'deploy', trust: [{ type: 'web-identity' as const, issuers: [{ issuer: 'circle', subjects }] }] }]),
  ],
});

describe('GIVEN a hand-written web-identity entry on the CircleCI issuer', () => {
  test('WHEN its subject is the documented pattern THEN the synth lint is a TRUST019 error at the entry', () => {
    const findings = lintModel(model(spec([DOCUMENTED]))).findings.filter((f) => f.ruleId === 'TRUST019');
    expect(findings.map((f) => [f.level, f.path])).toEqual([['error', 'accounts[0].roles[0].trust[0]']]);
  });

  test('WHEN its subject is the documented pattern THEN the proof tries the injected branch, the role lets it in, and the proof fails on it', () => {
    const m = model(spec([DOCUMENTED]));
    const matrix = buildMatrix(m, policySetFromModel(m));
    const injected = matrix.cells.filter((c) => c.identity.includes('refs/heads/zzz/vcs-origin'));
    expect(injected.map((c) => [c.expected, c.actual, c.ok])).toEqual([['deny', 'allow', false]]);
    expect(matrix.summary.failures).toBe(1);
  });

  test('WHEN its subject pins the user (exact V2 subject) THEN the injected branch is tried and denied, and the proof holds', () => {
    const m = model(spec([`${V2}/${USER}/${ORIGIN}/vcs-ref/refs/heads/main`]));
    const matrix = buildMatrix(m, policySetFromModel(m));
    const injected = matrix.cells.filter((c) => c.identity.includes('refs/heads/zzz/vcs-origin'));
    expect(injected.map((c) => [c.expected, c.actual, c.ok])).toEqual([['deny', 'deny', true]]);
    expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
    expect(lintModel(m).findings.filter((f) => f.ruleId === 'TRUST019')).toEqual([]);
  });
});

/** An export of one account with one role trusting CircleCI's issuer with the documented pattern. */
const exported = () =>
  oneAccountExport([
    exportedRole('circle-main', {
      Version: '2012-10-17',
      Statement: [{ ...trust(CIRCLE, DOCUMENTED, ORG), Principal: { Federated: `arn:aws:iam::444444444444:oidc-provider/${CIRCLE}` } }],
    }),
  ]);

test('GIVEN an exported role with the documented pattern WHEN audited THEN TRUST019 is an error on it', () => {
  expect(
    auditExport(exported())
      .roles[0].findings.filter((f) => f.ruleId === 'TRUST019')
      .map((f) => f.level),
  ).toEqual(['error']);
});

test('GIVEN an exported role with the documented pattern WHEN imported THEN it is taken over as it was, with TRUST019 and the failing proof suppressed for tightening', () => {
  const result = importExport(exported(), { region: 'eu-west-1' });
  expect(result.imported.map((r) => [r.role, [...r.suppressed].sort()])).toEqual([['circle-main', ['PROOF001', 'TRUST019']]]);
  // The web-identity entry keeps the subject; the proof still tries the injected branch and finds it let in.
  const m = result.model;
  const injected = buildMatrix(m, policySetFromModel(m)).cells.filter((c) => c.identity.includes('refs/heads/zzz/vcs-origin'));
  expect(injected.map((c) => [c.expected, c.actual])).toEqual([['deny', 'allow']]);
});
