/**
 * TRUST019 and the CI vendors in TRUST002: the lint table of the CI and
 * workload issuer presets, on hand-written IAM JSON.
 */
import { trust002 } from '../src/lint/rules/trust-002-missing-audience';
import { trust019 } from '../src/lint/rules/trust-019-ci-subject-wildcard';
import { trust020 } from '../src/lint/rules/trust-020-oidc-session-tags';
import { trust023 } from '../src/lint/rules/trust-023-claim-sts-does-not-accept';
import { ACCOUNT, describeRule, GITHUB_ARN, githubTrust, trustPolicy, webIdentity } from './helpers/rule-harness';

const ORG = '0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c';
const PROJECT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const REPO = '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912';
const GITLAB = 'gitlab.com';
const SELF = 'gitlab.example.com';
const TFC = 'app.terraform.io';
const CIRCLE = `oidc.circleci.com/org/${ORG}`;
const BK = 'agent.buildkite.com';
const BB = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';
const GH = 'token.actions.githubusercontent.com';
const arn = (host: string) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;

/** A GitHub trust on one branch, with one more condition on a claim. */
const githubClaim = (operator: string, claim: string, value: string, host = GH) =>
  webIdentity(
    arn(host),
    ['StringEquals', `${host}:sub`, 'repo:o/r:ref:refs/heads/main'],
    ['StringEquals', `${host}:aud`, 'sts.amazonaws.com'],
    [operator, `${host}:${claim}`, value],
  );

/** A trust as a preset writes it, with the sub under `operator`. */
const trust = (host: string, sub: string, operator = 'StringLike', aud = 'sts.amazonaws.com') =>
  webIdentity(arn(host), [operator, `${host}:sub`, sub], ['StringEquals', `${host}:aud`, aud]);

const GITLAB_FORMAT = 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name, may be a pattern>';
const TFC_FORMAT = 'organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>';
const CIRCLE_FORMAT = 'org/<org-id>/project/<project-id>/user/<user-id, may be a wildcard>';
const BK_FORMAT = 'organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha, may be a wildcard>:step:<step>';
const BB_FORMAT = '{<repository-uuid>}[:{<environment-uuid>}]:{<step-uuid>, may be a wildcard}';
const finding = (vendor: string, sub: string, host: string, format: string) => ({
  level: 'error' as const,
  message: `${vendor} subject "${sub}" on "${host}:sub" has a wildcard before the last part of ${format}`,
  fix: `pin every part before the last: ${format}`,
});

describeRule(trust019, {
  failing: [
    {
      name: 'GitLab: a wildcard project',
      subject: trustPolicy([trust(GITLAB, 'project_path:platform/*:ref_type:branch:ref:main')]),
      expected: [finding('GitLab CI', 'project_path:platform/*:ref_type:branch:ref:main', GITLAB, GITLAB_FORMAT)],
    },
    {
      name: 'GitLab: a project prefix that any project sharing it matches',
      subject: trustPolicy([trust(GITLAB, 'project_path:platform/deploy*')]),
      expected: [finding('GitLab CI', 'project_path:platform/deploy*', GITLAB, GITLAB_FORMAT)],
    },
    {
      name: 'GitLab: any ref type',
      subject: trustPolicy([trust(GITLAB, 'project_path:platform/deploy:ref_type:*:ref:main')]),
      expected: [finding('GitLab CI', 'project_path:platform/deploy:ref_type:*:ref:main', GITLAB, GITLAB_FORMAT)],
    },
    {
      name: 'GitLab Self-Managed, known as GitLab from the preset that names the provider',
      subject: trustPolicy([trust(SELF, 'project_path:infra/*')], { providers: [{ arn: arn(SELF), host: SELF, vendor: 'gitlab-ci' }] }),
      expected: [finding('GitLab CI', 'project_path:infra/*', SELF, GITLAB_FORMAT)],
    },
    {
      name: 'HCP Terraform: a workspace prefix',
      subject: trustPolicy([trust(TFC, 'organization:acme:project:Default Project:workspace:prod-*:run_phase:apply')]),
      expected: [finding('HCP Terraform', 'organization:acme:project:Default Project:workspace:prod-*:run_phase:apply', TFC, TFC_FORMAT)],
    },
    {
      name: 'HCP Terraform: the documented pre-project form with a wildcard',
      subject: trustPolicy([trust(TFC, 'organization:acme:workspace:prod:run_phase:*')]),
      expected: [finding('HCP Terraform', 'organization:acme:workspace:prod:run_phase:*', TFC, TFC_FORMAT)],
    },
    {
      name: 'CircleCI: any project of the organization',
      subject: trustPolicy([trust(CIRCLE, `org/${ORG}/project/*`, 'StringLike', ORG)]),
      expected: [finding('CircleCI', `org/${ORG}/project/*`, CIRCLE, CIRCLE_FORMAT)],
    },
    {
      name: 'Buildkite: a ref pattern before the commit',
      subject: trustPolicy([trust(BK, 'organization:acme:pipeline:deploy:ref:refs/heads/*')]),
      expected: [finding('Buildkite', 'organization:acme:pipeline:deploy:ref:refs/heads/*', BK, BK_FORMAT)],
    },
    {
      name: 'Buildkite: a pipeline prefix',
      subject: trustPolicy([trust(BK, 'organization:acme:pipeline:deploy*')]),
      expected: [finding('Buildkite', 'organization:acme:pipeline:deploy*', BK, BK_FORMAT)],
    },
    {
      name: 'Bitbucket: a repository UUID left open',
      subject: trustPolicy([trust(BB, `{${REPO.slice(0, 8)}*`)]),
      expected: [finding('Bitbucket Pipelines', `{${REPO.slice(0, 8)}*`, BB, BB_FORMAT)],
    },
    {
      name: 'GitHub: a reusable workflow ref with a wildcard before "@"',
      subject: trustPolicy([
        webIdentity(
          GITHUB_ARN,
          ['StringEquals', `${GH}:sub`, 'repo:o/r:ref:refs/heads/main'],
          ['StringEquals', `${GH}:aud`, 'sts.amazonaws.com'],
          ['StringLike', `${GH}:job_workflow_ref`, 'o/shared/.github/workflows/*'],
        ),
      ]),
      expected: [
        {
          level: 'error',
          message: `GitHub workflow ref "o/shared/.github/workflows/*" on "${GH}:job_workflow_ref" has a wildcard before "@": every workflow sharing the text before it can run the job`,
        },
      ],
    },
    {
      name: 'Bitbucket: any step of the workspace',
      subject: trustPolicy([trust(BB, '*:*')]),
      expected: [finding('Bitbucket Pipelines', '*:*', BB, BB_FORMAT)],
    },
    {
      name: 'GitHub: an owner id with a wildcard (an id has no variable part)',
      subject: trustPolicy([githubClaim('StringLike', 'repository_owner_id', '12*')]),
      expected: [
        {
          level: 'error',
          message: `GitHub id "12*" on "${GH}:repository_owner_id" has a wildcard: it no longer pins one repository owner`,
          fix: 'write the numeric repository owner id exactly, under StringEquals',
        },
      ],
    },
  ],
  passing: [
    {
      name: 'GitLab: a ref pattern, the last part',
      subject: trustPolicy([trust(GITLAB, 'project_path:platform/deploy:ref_type:branch:ref:release/*')]),
      status: 'compliant',
    },
    {
      name: 'HCP Terraform: both run phases by wildcard, the last part',
      subject: trustPolicy([trust(TFC, 'organization:acme:project:Default Project:workspace:prod:run_phase:*')]),
      status: 'compliant',
    },
    {
      name: 'CircleCI: any user of one project',
      subject: trustPolicy([trust(CIRCLE, `org/${ORG}/project/${PROJECT}/user/*`, 'StringLike', ORG)]),
      status: 'compliant',
    },
    {
      name: 'Buildkite: the commit and step left open',
      subject: trustPolicy([trust(BK, 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*')]),
      status: 'compliant',
    },
    { name: 'Bitbucket: one repository, braces closed', subject: trustPolicy([trust(BB, `{${REPO}}*`)]), status: 'compliant' },
    { name: 'Bitbucket: one repository, any step', subject: trustPolicy([trust(BB, `{${REPO}}:*`)]), status: 'compliant' },
    {
      name: 'GitHub: a workflow ref pattern after "@"',
      subject: trustPolicy([githubClaim('StringLike', 'job_workflow_ref', 'o/shared/.github/workflows/d.yml@refs/tags/v*')]),
      status: 'compliant',
    },
    {
      name: 'an exact GitLab subject (StringEquals has no wildcard)',
      subject: trustPolicy([trust(GITLAB, 'project_path:platform/deploy:ref_type:branch:ref:main', 'StringEquals')]),
      status: 'not-applicable',
    },
    { name: 'a self-hosted issuer no preset names (unknown vendor)', subject: trustPolicy([trust(SELF, 'project_path:infra/*')]), status: 'not-applicable' },
    {
      name: 'GitHub: a workflow ref pattern only in the ref',
      subject: trustPolicy([
        webIdentity(
          GITHUB_ARN,
          ['StringEquals', `${GH}:sub`, 'repo:o/r:ref:refs/heads/main'],
          ['StringEquals', `${GH}:aud`, 'sts.amazonaws.com'],
          ['StringLike', `${GH}:job_workflow_ref`, 'o/shared/.github/workflows/d.yml@refs/tags/v*'],
        ),
      ]),
      status: 'compliant',
    },
    { name: 'GitHub (its own rules, TRUST004/005/016)', subject: trustPolicy([githubTrust('repo:org/*')]), status: 'not-applicable' },
  ],
});

describeRule(trust002, {
  failing: [
    {
      name: 'HCP Terraform with only sub: the fix names its audience',
      subject: trustPolicy([webIdentity(arn(TFC), ['StringEquals', `${TFC}:sub`, 'organization:acme:project:Default Project:workspace:w:run_phase:plan'])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${TFC}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${TFC}:aud" = "aws.workload.identity"`,
        },
      ],
    },
    {
      name: 'Bitbucket with only sub: the fix names the workspace ARI',
      subject: trustPolicy([webIdentity(arn(BB), ['StringLike', `${BB}:sub`, `{${REPO}}*`])]),
      expected: [
        {
          level: 'error',
          message: `no condition on "${BB}:aud": tokens the issuer mints for any other audience are accepted`,
          fix: `add StringEquals "${BB}:aud" = "ari:cloud:bitbucket::workspace/<workspace-uuid>"`,
        },
      ],
    },
  ],
  passing: [
    {
      name: 'a CircleCI trust with aud',
      subject: trustPolicy([trust(CIRCLE, `org/${ORG}/project/${PROJECT}/user/*`, 'StringLike', ORG)]),
      status: 'compliant',
    },
  ],
});

test('GitHub stays out of TRUST019 even from a context that names it', () => {
  expect(trust019.check(trustPolicy([githubTrust('repo:*')], { providers: [{ arn: GITHUB_ARN, host: 'token.actions.githubusercontent.com' }] })).status).toBe(
    'not-applicable',
  );
});

const tagging = (host: string, sub: string) => ({ ...trust(host, sub), Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] });

describeRule(trust020, {
  failing: [
    {
      name: 'a Buildkite trust that lets the agent tag the session (info)',
      subject: trustPolicy([tagging(BK, 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*')]),
      expected: [{ level: 'info', message: `issuer "${BK}" may tag the session: its tokens' session tags become principal tags` }],
    },
    {
      name: 'a GitHub trust with sts:TagSession (warning: GitHub sends no session tags)',
      subject: trustPolicy([{ ...githubTrust('repo:o/r:ref:refs/heads/main', 'StringEquals'), Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] }]),
      expected: [
        {
          level: 'warning',
          message: `sts:TagSession for GitHub issuer "${GH}", whose tokens carry no session tags: the grant is unused`,
          fix: 'remove sessionTags from the GitHub trust',
        },
      ],
    },
  ],
  passing: [
    {
      name: 'an OIDC trust without sts:TagSession',
      subject: trustPolicy([trust(BK, 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*')]),
      status: 'compliant',
    },
    {
      name: 'EKS Pod Identity (a service principal tags its sessions by design)',
      subject: trustPolicy([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Principal: { Service: 'pods.eks.amazonaws.com' } }]),
      status: 'not-applicable',
    },
  ],
});

const GHES = 'github.example.com/_services/token';
const notAccepted = (key: string, claim: string, name: string, accepted: string) => ({
  level: 'error' as const,
  message: `condition on "${key}": STS does not accept claim "${claim}" of ${name} tokens as a condition key, so the key is never present`,
  fix: `test one of the claims STS accepts for ${name}: sub, aud, amr, azp, email, oaud${accepted}`,
});

describeRule(trust023, {
  failing: [
    {
      name: "GitHub: runner_environment, in a token but not among AWS's GitHub keys",
      subject: trustPolicy([githubClaim('StringEquals', 'runner_environment', 'github-hosted')]),
      expected: [
        notAccepted(
          `${GH}:runner_environment`,
          'runner_environment',
          'GitHub Actions',
          ', actor, actor_id, enterprise_id, environment, job_workflow_ref, ref, repository, repository_id, repository_owner_id, workflow',
        ),
      ],
    },
    {
      name: 'GitHub Enterprise Server: no GitHub claim is accepted for its issuer',
      subject: trustPolicy([githubClaim('StringEquals', 'repository_id', '89012345', GHES)]),
      expected: [notAccepted(`${GHES}:repository_id`, 'repository_id', 'GitHub Enterprise Server', '')],
    },
    {
      name: "Bitbucket: the token's repositoryUuid claim",
      subject: trustPolicy([webIdentity(arn(BB), ['StringLike', `${BB}:sub`, `{${REPO}}:*`], ['StringEquals', `${BB}:repositoryUuid`, `{${REPO}}`])]),
      expected: [notAccepted(`${BB}:repositoryUuid`, 'repositoryUuid', 'Bitbucket Pipelines', '')],
    },
  ],
  passing: [
    {
      name: "GitHub: repository_owner_id, one of AWS's GitHub keys",
      subject: trustPolicy([githubClaim('StringEquals', 'repository_owner_id', '1234567')]),
      status: 'compliant',
    },
    {
      name: 'Buildkite: pipeline_slug',
      subject: trustPolicy([
        webIdentity(
          arn(BK),
          ['StringLike', `${BK}:sub`, 'organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*'],
          ['StringEquals', `${BK}:pipeline_slug`, 'deploy'],
        ),
      ]),
      status: 'compliant',
    },
    {
      name: 'CircleCI: oidc.circleci.com/project-id',
      subject: trustPolicy([
        webIdentity(arn(CIRCLE), ['StringEquals', `${CIRCLE}:aud`, ORG], ['StringEquals', `${CIRCLE}:oidc.circleci.com/project-id`, PROJECT]),
      ]),
      status: 'compliant',
    },
    {
      name: 'an EKS issuer, whose claims the rule does not list',
      subject: trustPolicy([
        webIdentity(arn('oidc.eks.eu-west-1.amazonaws.com/id/ABC'), ['StringEquals', 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:groups', 'x']),
      ]),
      status: 'not-applicable',
    },
  ],
});

/** HCP Terraform's project-wide form: `workspace:*`, and nothing else, between the pinned project and run phase. */
describe('TRUST019: HCP Terraform every workspace of one project', () => {
  const tfcFinding = (sub: string) => finding('HCP Terraform', sub, TFC, TFC_FORMAT);
  test.each(['apply', 'plan'])(
    'GIVEN workspace:* with run_phase:%s pinned THEN compliant: a workspace name holds no ":", so the * stays in its part',
    (phase) => {
      expect(trust019.check(trustPolicy([trust(TFC, `organization:acme:project:Platform:workspace:*:run_phase:${phase}`)])).status).toBe('compliant');
    },
  );
  test.each([
    ['a wildcard organization', 'organization:*:project:Platform:workspace:*:run_phase:apply'],
    ['a wildcard project', 'organization:acme:project:*:workspace:*:run_phase:apply'],
    ['a project prefix', 'organization:acme:project:Plat*:workspace:*:run_phase:apply'],
    ['a workspace prefix next to the project-wide form', 'organization:acme:project:Platform:workspace:prod*:run_phase:apply'],
    ['any run phase after workspace:*', 'organization:acme:project:Platform:workspace:*:run_phase:*'],
    ['nothing after workspace:*', 'organization:acme:project:Platform:workspace:*'],
  ])('GIVEN %s THEN an error', (_name, sub) => {
    const result = trust019.check(trustPolicy([trust(TFC, sub)]));
    expect(result.status).toBe('non-compliant');
    const { level: _level, ...expected } = tfcFinding(sub);
    expect(result.status === 'non-compliant' && result.findings).toEqual([expect.objectContaining(expected)]);
  });
});

/** The CircleCI V2 subjects the preset writes: each wildcard ends the subject, after the pinned user (and origin). */
describe('TRUST019: CircleCI V2 subjects as the preset writes them', () => {
  const USER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
  const prefix = `org/${ORG}/project/${PROJECT}/user/${USER}`;
  test.each([`${prefix}/vcs-origin/*`, `${prefix}/vcs-origin/github.com/acme/app/vcs-ref/*`])('GIVEN %s THEN compliant', (sub) => {
    expect(trust019.check(trustPolicy([trust(CIRCLE, sub, 'StringLike', ORG)])).status).toBe('compliant');
  });
  test('GIVEN the branch form THEN exact, under StringEquals: nothing for TRUST019 to read', () => {
    expect(trust019.check(trustPolicy([trust(CIRCLE, `${prefix}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`, 'StringEquals', ORG)])).status).toBe(
      'not-applicable',
    );
  });
});
