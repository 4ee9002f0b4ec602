/**
 * The immutable ids of the GitLab and Buildkite presets (`projectId`,
 * `pipelineId`, the `idClaim` of their records in src/input/trust-types/<type>.ts): the StringEquals claim each adds to
 * every statement, the refusal on a GitLab Self-Managed issuer (STS takes no
 * claim of it), strict formats, the lint pack on the output, and the access
 * proof: the declared run carries the id; another id and no id stay out.
 */
import { isBlocking, lintModel, runRule } from '../src/lint';
import { trust019 } from '../src/lint/rules/trust-019-ci-subject-wildcard';
import { trust023 } from '../src/lint/rules/trust-023-claim-sts-does-not-accept';
import { toIamPolicy } from '../src/policy/document';
import { CI_ISSUERS } from './helpers/ci-issuers';
import { matrixOf } from './helpers/matrix';
import { model, inputProblems, oneAccount, role } from './helpers/model';
import { expectOneProblem, synthRefusal } from './helpers/spec';

const PROJECT_ID = '45821937';
const PIPELINE_ID = '01919c01-132f-46f1-803f-2efc0c444af7';
const GITLAB = { type: 'gitlab-ci', issuer: 'gitlab', project: 'platform/deploy', branches: ['main'], tags: ['v*'], audience: 'https://gitlab.com' };
const BUILDKITE = { type: 'buildkite', issuer: 'buildkite', organization: 'acme', pipeline: 'deploy', branches: ['main'] };

const specOf = (...roles: [string, Record<string, unknown>][]) =>
  oneAccount(
    roles.map(([name, trust]) => ({ name, trust: [trust] })),
    { issuers: CI_ISSUERS },
  );
const statementsOf = (trust: Record<string, unknown>) => role(model(specOf(['r', trust])), 'acct', 'r').trustPolicy.statements;
const problems = (trust: Record<string, unknown>) => inputProblems(specOf(['r', trust]));
const at = (field: string) => `accounts[0].roles[0].trust[0].${field}`;

describe('synthesized conditions', () => {
  test('GIVEN gitlab-ci with projectId THEN every statement (exact branch, tag pattern) also tests StringEquals gitlab.com:project_id', () => {
    const statements = statementsOf({ ...GITLAB, projectId: PROJECT_ID });
    expect(statements.map((s) => s.conditions)).toEqual([
      [
        { test: 'StringEquals', variable: 'gitlab.com:sub', values: ['project_path:platform/deploy:ref_type:branch:ref:main'] },
        { test: 'StringEquals', variable: 'gitlab.com:aud', values: ['https://gitlab.com'] },
        { test: 'StringEquals', variable: 'gitlab.com:project_id', values: [PROJECT_ID] },
      ],
      [
        { test: 'StringLike', variable: 'gitlab.com:sub', values: ['project_path:platform/deploy:ref_type:tag:ref:v*'] },
        { test: 'StringEquals', variable: 'gitlab.com:aud', values: ['https://gitlab.com'] },
        { test: 'StringEquals', variable: 'gitlab.com:project_id', values: [PROJECT_ID] },
      ],
    ]);
  });

  test('GIVEN buildkite with pipelineId THEN the statement also tests StringEquals agent.buildkite.com:pipeline_id', () => {
    const [s, ...rest] = statementsOf({ ...BUILDKITE, pipelineId: PIPELINE_ID });
    expect(rest).toHaveLength(0);
    expect(s.conditions).toEqual([
      { test: 'StringLike', variable: 'agent.buildkite.com:sub', values: ['organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*'] },
      { test: 'StringEquals', variable: 'agent.buildkite.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringEquals', variable: 'agent.buildkite.com:pipeline_id', values: [PIPELINE_ID] },
    ]);
  });

  test('GIVEN an unquoted project id that YAML reads exactly THEN it is written as its digits', () => {
    expect(statementsOf({ ...GITLAB, projectId: 45821937 })[0].conditions).toContainEqual({
      test: 'StringEquals',
      variable: 'gitlab.com:project_id',
      values: ['45821937'],
    });
  });

  test.each([
    ['gitlab-ci', GITLAB, 'project_id'],
    ['buildkite', BUILDKITE, 'pipeline_id'],
  ])('GIVEN %s without the id THEN no id condition is written (unchanged output)', (_type, trust, claim) => {
    for (const s of statementsOf(trust)) expect(s.conditions!.map((c) => c.variable).some((v) => v.endsWith(`:${claim}`))).toBe(false);
  });
});

describe('refusals', () => {
  test('GIVEN projectId on a GitLab Self-Managed issuer THEN it is refused at projectId, saying why and to remove it', () => {
    expect(problems({ ...GITLAB, issuer: 'selfgitlab', audience: 'aws-prod', projectId: PROJECT_ID })).toEqual([
      {
        file: 'test.yaml',
        path: at('projectId'),
        message:
          'projectId pins the token\'s "project_id" claim, but STS does not accept that claim of issuer "selfgitlab" (https://gitlab.example.com) as a condition key: the condition would never match and nobody could assume the role',
        fix: 'remove projectId: STS takes no GitLab CI claim of this issuer (only of the hosted issuers AWS lists, docs/issuers.md), so here the subject alone pins the trust',
      },
    ]);
  });

  test('GIVEN the same in a YAML spec THEN the synth stops at the projectId line and writes nothing', () => {
    const yaml = `version: 1
issuers:
  gitlab: { url: https://gitlab.example.com, clientIds: [aws-prod] }
accounts:
  - name: ci
    id: "123456789012"
    region: eu-west-1
    oidcProviders: { gitlab: create }
    roles:
      - name: deploy
        trust:
          - type: gitlab-ci
            issuer: gitlab
            project: platform/deploy
            branches: [main]
            audience: aws-prod
            projectId: "${PROJECT_ID}"
`;
    const problems = synthRefusal(yaml);
    expectOneProblem(problems, 'accounts[0].roles[0].trust[0].projectId', /STS does not accept that claim of issuer "gitlab"/, /^remove projectId/);
    expect(problems[0].file).toBe('spec.yaml:17');
  });

  test.each([
    ['045', 'without a leading zero, as the token\'s project_id carries it; read "045"'],
    ['4582x', 'read "4582x"'],
    ['4582*', 'read "4582*"'],
    ['', 'read ""'],
    ['12345678901234567890', '(20 digits)'],
    [4.5, 'given as the number 4.5'],
    [true, 'expected the GitLab project id as text'],
  ])('GIVEN projectId %j THEN it is refused at projectId: %s, with the quoting fix', (projectId, message) => {
    expect(problems({ ...GITLAB, projectId })).toEqual([
      { file: 'test.yaml', path: at('projectId'), message: expect.stringContaining(message), fix: expect.stringContaining('projectId: "45821937"') },
    ]);
  });

  test.each([
    [PIPELINE_ID.toUpperCase(), `write it in lower case, "${PIPELINE_ID}"`],
    [`{${PIPELINE_ID}}`, 'BUILDKITE_PIPELINE_ID'],
    ['01919c01-132f-46f1-803f-*', 'BUILDKITE_PIPELINE_ID'],
    ['deploy', 'BUILDKITE_PIPELINE_ID'],
  ])('GIVEN pipelineId %j THEN it is refused at pipelineId as not a lower-case UUID: %s', (pipelineId, fix) => {
    expect(problems({ ...BUILDKITE, pipelineId })).toEqual([
      { file: 'test.yaml', path: at('pipelineId'), message: `the pipeline id is a lower-case UUID; read "${pipelineId}"`, fix: expect.stringContaining(fix) },
    ]);
  });

  test.each([
    [BUILDKITE, 'projectId', PROJECT_ID],
    [GITLAB, 'pipelineId', PIPELINE_ID],
  ])("GIVEN the other vendor's id field THEN it is refused as an unknown key", (trust, field, value) => {
    expect(
      problems({ ...trust, [field]: value })
        .map((p) => p.message)
        .join('\n'),
    ).toMatch(new RegExp(field));
  });
});

describe('the lint pack on the output', () => {
  const m = model(specOf(['gitlab', { ...GITLAB, projectId: PROJECT_ID }], ['buildkite', { ...BUILDKITE, pipelineId: PIPELINE_ID }]));

  test('THEN the spec lints with no blocking finding', () => {
    expect(lintModel(m).findings.filter(isBlocking)).toEqual([]);
  });

  test.each(['gitlab', 'buildkite'])('THEN TRUST023 checks the %s id claim and finds it accepted, TRUST019 finds nothing', (name) => {
    const policy = toIamPolicy(role(m, 'acct', name).trustPolicy);
    expect(runRule(trust023, { kind: 'trust-policy', policy })).toEqual({ status: 'compliant' });
    expect(runRule(trust019, { kind: 'trust-policy', policy }).status).not.toBe('non-compliant');
    // The same rule does see the claim keys: renamed to a claim STS does not take, the policy fails it.
    const renamed = JSON.parse(JSON.stringify(policy).replace(/:(project|pipeline)_id"/g, ':$1_path"'));
    expect(runRule(trust023, { kind: 'trust-policy', policy: renamed }).status).toBe('non-compliant');
  });
});

describe('the access proof', () => {
  const m = model(specOf(['gitlab', { ...GITLAB, projectId: PROJECT_ID }], ['buildkite', { ...BUILDKITE, pipelineId: PIPELINE_ID }]));
  const { matrix, cell, allowed } = matrixOf(m);
  const GL = 'oidc gitlab sub=project_path:platform/deploy:ref_type:branch:ref:main aud=https://gitlab.com';
  const BK =
    'oidc buildkite sub=organization:acme:pipeline:deploy:ref:refs/heads/main:commit:9f3182061f1e2cca4702c368cbc039b7dc9d4485:step:deploy aud=sts.amazonaws.com';

  test('THEN every check passes, and each role lets in only its declared runs, each carrying the id', () => {
    expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
    expect(allowed('gitlab')).toEqual([
      `${GL} project_id=${PROJECT_ID}`,
      `oidc gitlab sub=project_path:platform/deploy:ref_type:tag:ref:vexample aud=https://gitlab.com project_id=${PROJECT_ID}`,
    ]);
    expect(allowed('buildkite')).toEqual([`${BK} pipeline_id=${PIPELINE_ID}`]);
  });

  test.each([
    ['gitlab', `${GL} project_id=45821938`, /project_id: "45821938" does not match "45821937"/],
    ['gitlab', GL, /project_id: key absent/],
    ['buildkite', `${BK} pipeline_id=01919c01-132f-46f1-803f-2efc0c444af0`, /pipeline_id: "01919c01-132f-46f1-803f-2efc0c444af0" does not match/],
    ['buildkite', BK, /pipeline_id: key absent/],
  ])('THEN %s denies the same subject with %s, for the right reason', (r, identity, reason) => {
    const c = cell(r, identity);
    expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
    expect(c.reason).toMatch(reason);
  });
});
