/**
 * The claims STS accepts per issuer (the issuer table, src/input/issuers.ts, from AWS's
 * Service Authorization Reference: docs/issuers.md): an extra condition on an
 * accepted claim becomes `<issuer host>:<claim>`, one on any other claim is
 * refused with the accepted list; and GitHub's immutable ids as claims
 * (`idsIn`), refused on GitHub Enterprise Server whose claims STS does not take.
 */
import { CI_ISSUERS, ORG, WS_UUID } from './helpers/ci-issuers';
import { condition, GITHUB_URL, inputProblems, model, oneAccount, role } from './helpers/model';

const GH = 'token.actions.githubusercontent.com';

const issuers = { ...CI_ISSUERS, github: { url: GITHUB_URL }, ghes: { url: 'https://github.example.com/_services/token' } };

const TRUSTS = {
  github: { type: 'github-actions', issuer: 'github', repository: 'octo-org/deploy', branches: ['main'] },
  gitlab: { type: 'gitlab-ci', issuer: 'gitlab', project: 'platform/deploy', branches: ['main'], audience: 'https://gitlab.com' },
  selfgitlab: { type: 'gitlab-ci', issuer: 'selfgitlab', project: 'platform/deploy', branches: ['main'], audience: 'aws-prod' },
  tfc: { type: 'hcp-terraform', issuer: 'tfc', organization: 'acme', workspace: 'prod', runPhase: 'plan' },
  circle: { type: 'circleci', issuer: 'circle', organizationId: ORG, projectId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9' },
  buildkite: { type: 'buildkite', issuer: 'buildkite', organization: 'acme', pipeline: 'deploy', branches: ['main'] },
  bitbucket: {
    type: 'bitbucket-pipelines',
    issuer: 'bitbucket',
    workspace: 'acme',
    workspaceUuid: WS_UUID,
    repositoryUuid: '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912',
  },
} as const;

const spec = (trust: Record<string, unknown>) => oneAccount([{ name: 'r', trust: [trust] }], { issuers });
const statementsOf = (trust: Record<string, unknown>) => role(model(spec(trust)), 'acct', 'r').trustPolicy.statements;
const claimCondition = (claim: string) => ({ conditions: [{ test: 'StringEquals', claim, values: ['42'] }] });

test.each([
  ['github', GH, 'repository_owner_id'],
  ['github', GH, 'environment'],
  ['gitlab', 'gitlab.com', 'project_id'],
  ['gitlab', 'gitlab.com', 'ref_protected'],
  ['buildkite', 'agent.buildkite.com', 'pipeline_slug'],
  ['buildkite', 'agent.buildkite.com', 'organization_id'],
  ['circle', `oidc.circleci.com/org/${ORG}`, 'oidc.circleci.com/project-id'],
] as const)('GIVEN a %s trust with a condition on %s:%s, a claim STS accepts THEN every statement tests it', (issuer, host, claim) => {
  for (const s of statementsOf({ ...TRUSTS[issuer], ...claimCondition(claim) }))
    expect(condition(s, 'StringEquals', `${host}:${claim}`)?.values).toEqual(['42']);
});

test.each([
  ['github', 'runner_environment', 'actor, actor_id, enterprise_id'],
  ['selfgitlab', 'project_id', 'amr, azp, email, oaud'],
  ['tfc', 'terraform_workspace_id', 'amr, azp, email, oaud'],
  ['bitbucket', 'repositoryUuid', 'amr, azp, email, oaud'],
  ['buildkite', 'step_key', 'build_branch, cluster_id'],
  ['circle', 'oidc.circleci.com/vcs-origin', 'oidc.circleci.com/project-id'],
] as const)(
  'GIVEN a %s trust with a condition on %s, a claim STS does not accept THEN it is refused at the claim, listing what is accepted',
  (issuer, claim, listed) => {
    expect(inputProblems(spec({ ...TRUSTS[issuer], ...claimCondition(claim) }))).toEqual([
      expect.objectContaining({
        path: 'accounts[0].roles[0].trust[0].conditions[0].claim',
        message: expect.stringContaining(`STS does not accept claim "${claim}"`),
        fix: expect.stringContaining(listed),
      }),
    ]);
  },
);

describe('github-actions idsIn', () => {
  const ids = { ...TRUSTS.github, ownerId: '1234567', repositoryId: '89012345' };

  test('GIVEN idsIn: claims THEN the subject keeps the name-only form and both ids are StringEquals claim conditions', () => {
    const [s] = statementsOf({ ...ids, idsIn: 'claims' });
    expect(s.conditions).toEqual([
      { test: 'StringEquals', variable: `${GH}:sub`, values: ['repo:octo-org/deploy:ref:refs/heads/main'] },
      { test: 'StringEquals', variable: `${GH}:aud`, values: ['sts.amazonaws.com'] },
      { test: 'StringEquals', variable: `${GH}:repository_owner_id`, values: ['1234567'] },
      { test: 'StringEquals', variable: `${GH}:repository_id`, values: ['89012345'] },
    ]);
  });

  test('GIVEN idsIn: both THEN the immutable subject and the two claims', () => {
    const [s] = statementsOf({ ...ids, idsIn: 'both' });
    expect(condition(s, 'StringEquals', `${GH}:sub`)?.values).toEqual(['repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main']);
    expect(condition(s, 'StringEquals', `${GH}:repository_owner_id`)?.values).toEqual(['1234567']);
  });

  test('GIVEN the ids without idsIn THEN only the subject carries them (no claim condition)', () => {
    const [s] = statementsOf(ids);
    expect(s.conditions!.map((c) => c.variable)).toEqual([`${GH}:sub`, `${GH}:aud`]);
  });

  test('GIVEN idsIn without the ids THEN it is refused at idsIn', () => {
    expect(inputProblems(spec({ ...TRUSTS.github, idsIn: 'claims' }))).toEqual([
      expect.objectContaining({
        path: 'accounts[0].roles[0].trust[0].idsIn',
        message: expect.stringContaining('neither is given'),
        fix: expect.stringContaining('add ownerId and repositoryId'),
      }),
    ]);
  });

  test.each([
    [{ idsIn: 'claims', ownerId: '1', repositoryId: '2' }, 'idsIn', 'repository_owner_id'],
    [{ jobWorkflowRefs: ['o/w/.github/workflows/d.yml@refs/heads/main'] }, 'jobWorkflowRefs', 'job_workflow_ref'],
  ])('GIVEN GitHub Enterprise Server and %j THEN it is refused at %s: STS takes no GitHub claim of that issuer', (fields, field, claim) => {
    expect(inputProblems(spec({ ...TRUSTS.github, issuer: 'ghes', ...fields }))).toEqual([
      expect.objectContaining({
        path: `accounts[0].roles[0].trust[0].${field}`,
        message: expect.stringContaining(`STS does not accept claim "${claim}" of issuer github.example.com/_services/token`),
      }),
    ]);
  });
});
