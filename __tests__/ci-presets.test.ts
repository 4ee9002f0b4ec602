/**
 * The CI and workload issuer presets: the exact conditions each synthesizes
 * (operator, key, values), and the problems each reports. The end-to-end
 * test plans the same presets with Terraform (modules-e2e.test.ts); the
 * access proof tries their near-misses (access-presets.test.ts).
 */
import { BB_HOST, CI_ISSUERS, ORG, WS_UUID } from './helpers/ci-issuers';
import { condition, inputProblems, model, oneAccount, role } from './helpers/model';

const PROJECT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const USER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const REPO = '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912';
const ENV = '8d9e0f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a';

const issuers = CI_ISSUERS;

/** The statements of one role with this one trust entry. */
const statementsOf = (trust: Record<string, unknown>) =>
  role(model(oneAccount([{ name: 'r', trust: [trust] }], { issuers })), 'acct', 'r').trustPolicy.statements;
const problems = (trust: Record<string, unknown>) => inputProblems(oneAccount([{ name: 'r', trust: [trust] }], { issuers }));
const federated = (host: string) => [{ type: 'Federated', identifiers: [`arn:aws:iam::123456789012:oidc-provider/${host}`] }];

describe('gitlab-ci', () => {
  test('GIVEN a branch and a tag pattern THEN the branch is exact, the tag pattern alone is StringLike, aud is the job audience', () => {
    const [exact, pattern, ...rest] = statementsOf({
      type: 'gitlab-ci',
      issuer: 'gitlab',
      project: 'platform/deploy',
      branches: ['main'],
      tags: ['v*'],
      audience: 'https://gitlab.com',
    });
    expect(rest).toHaveLength(0);
    expect(exact.principals).toEqual(federated('gitlab.com'));
    expect(exact.conditions).toEqual([
      { test: 'StringEquals', variable: 'gitlab.com:sub', values: ['project_path:platform/deploy:ref_type:branch:ref:main'] },
      { test: 'StringEquals', variable: 'gitlab.com:aud', values: ['https://gitlab.com'] },
    ]);
    expect(pattern.conditions).toEqual([
      { test: 'StringLike', variable: 'gitlab.com:sub', values: ['project_path:platform/deploy:ref_type:tag:ref:v*'] },
      { test: 'StringEquals', variable: 'gitlab.com:aud', values: ['https://gitlab.com'] },
    ]);
  });

  test('GIVEN a self-managed instance THEN its host is the key prefix', () => {
    const [s] = statementsOf({ type: 'gitlab-ci', issuer: 'selfgitlab', project: 'infra/ops/tools', branches: ['release/*'], audience: 'aws-prod' });
    expect(condition(s, 'StringLike', 'gitlab.example.com:sub')?.values).toEqual(['project_path:infra/ops/tools:ref_type:branch:ref:release/*']);
    expect(condition(s, 'StringEquals', 'gitlab.example.com:aud')?.values).toEqual(['aws-prod']);
  });

  test.each([
    [{ project: 'platform/deploy', branches: ['main'] }, 'expected the audience'],
    [{ project: 'platform/deploy', audience: 'https://gitlab.com' }, 'names no branch or tag'],
    [{ project: 'platform/*', branches: ['main'], audience: 'https://gitlab.com' }, 'without wildcards'],
    [{ project: 'deploy', branches: ['main'], audience: 'https://gitlab.com' }, 'group/project'],
    [{ project: 'platform/deploy', branches: ['main'], audience: 'gitlab*' }, 'aud is matched exactly'],
  ])('GIVEN %j THEN the spec is rejected: %s', (fields, message) => {
    expect(
      problems({ type: 'gitlab-ci', issuer: 'gitlab', ...fields })
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });

  test('GIVEN an audience the issuer does not list THEN the spec is rejected at the audience, naming the fix', () => {
    expect(problems({ type: 'gitlab-ci', issuer: 'gitlab', project: 'p/q', branches: ['main'], audience: 'sts.amazonaws.com' })).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].audience', fix: 'add "sts.amazonaws.com" to issuers.gitlab.clientIds' }),
    ]);
  });

  test.each(['eks', 'tfc', 'buildkite'])('GIVEN issuer %s, another known issuer THEN the trust is rejected at the issuer field', (issuer) => {
    expect(problems({ type: 'gitlab-ci', issuer, project: 'p/q', branches: ['main'], audience: 'aws-prod' })).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].issuer', message: expect.stringContaining('is not the token issuer of GitLab CI') }),
    ]);
  });
});

describe('hcp-terraform', () => {
  const base = { type: 'hcp-terraform', issuer: 'tfc', organization: 'acme', workspace: 'networking-prod' };
  const key = 'app.terraform.io:sub';

  test('GIVEN runPhase plan THEN only the plan subject, exact, in the "Default Project"; aud aws.workload.identity', () => {
    const [s, ...rest] = statementsOf({ ...base, runPhase: 'plan' });
    expect(rest).toHaveLength(0);
    expect(s.principals).toEqual(federated('app.terraform.io'));
    expect(s.conditions).toEqual([
      { test: 'StringEquals', variable: key, values: ['organization:acme:project:Default Project:workspace:networking-prod:run_phase:plan'] },
      { test: 'StringEquals', variable: 'app.terraform.io:aud', values: ['aws.workload.identity'] },
    ]);
  });

  test('GIVEN runPhase both THEN both phases as two exact values, never a run_phase wildcard', () => {
    const [s] = statementsOf({ ...base, project: 'Platform', runPhase: 'both' });
    expect(condition(s, 'StringEquals', key)?.values).toEqual([
      'organization:acme:project:Platform:workspace:networking-prod:run_phase:plan',
      'organization:acme:project:Platform:workspace:networking-prod:run_phase:apply',
    ]);
    expect(condition(s, 'StringLike', key)).toBeUndefined();
  });

  test('GIVEN workspace "*" and runPhase apply THEN one StringLike subject pinned to the organization, project and apply phase', () => {
    const [s, ...rest] = statementsOf({ ...base, project: 'Platform', workspace: '*', runPhase: 'apply' });
    expect(rest).toHaveLength(0);
    expect(s.conditions).toEqual([
      { test: 'StringLike', variable: key, values: ['organization:acme:project:Platform:workspace:*:run_phase:apply'] },
      { test: 'StringEquals', variable: 'app.terraform.io:aud', values: ['aws.workload.identity'] },
    ]);
  });

  test('GIVEN workspace "*" and runPhase both THEN one pattern per phase, never run_phase:*', () => {
    const [s] = statementsOf({ ...base, workspace: '*', runPhase: 'both' });
    expect(condition(s, 'StringLike', key)?.values).toEqual([
      'organization:acme:project:Default Project:workspace:*:run_phase:plan',
      'organization:acme:project:Default Project:workspace:*:run_phase:apply',
    ]);
  });

  test.each([
    [{ workspace: 'networking-*', runPhase: 'plan' }, 'the only pattern is "*" alone'],
    [{ workspace: '*-prod', runPhase: 'plan' }, 'the only pattern is "*" alone'],
    [{ workspace: '?', runPhase: 'plan' }, 'the only pattern is "*" alone'],
    [{ workspace: '*', organization: '*', runPhase: 'apply' }, 'an organization name has letters, digits'],
    [{ workspace: '*', project: '*', runPhase: 'apply' }, 'a project name has no ":" and no wildcard'],
    [{ runPhase: 'destroy' }, 'runPhase is plan, apply or both'],
    [{}, 'runPhase is plan, apply or both'],
    [{ project: 'A:B', runPhase: 'plan' }, 'a project name has no ":"'],
  ])('GIVEN %j THEN the spec is rejected: %s', (fields, message) => {
    expect(
      problems({ ...base, ...fields })
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });
});

describe('circleci', () => {
  const base = { type: 'circleci', issuer: 'circle', organizationId: ORG, projectId: PROJECT };
  const host = `oidc.circleci.com/org/${ORG}`;

  test('GIVEN no users THEN the user is the one trailing wildcard; aud is the organization id', () => {
    const [s] = statementsOf(base);
    expect(s.principals).toEqual(federated(host));
    expect(s.conditions).toEqual([
      { test: 'StringLike', variable: `${host}:sub`, values: [`org/${ORG}/project/${PROJECT}/user/*`] },
      { test: 'StringEquals', variable: `${host}:aud`, values: [ORG] },
    ]);
  });

  test('GIVEN users (braces dropped) THEN exact subjects', () => {
    const [s] = statementsOf({ ...base, userIds: [`{${USER}}`] });
    expect(s.conditions![0]).toEqual({ test: 'StringEquals', variable: `${host}:sub`, values: [`org/${ORG}/project/${PROJECT}/user/${USER}`] });
  });

  test("GIVEN another organization's issuer THEN the trust is rejected: the issuer URL names the organization", () => {
    const other = `${ORG.slice(0, -1)}d`;
    expect(problems({ ...base, organizationId: other })).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].issuer', fix: `name an issuer whose url is https://oidc.circleci.com/org/${other}` }),
    ]);
  });

  test('GIVEN a project id that is not a UUID THEN the spec is rejected', () => {
    expect(problems({ ...base, projectId: 'my-project' })[0].message).toContain('the project id is a lower-case UUID');
  });

  describe('tokenVersion v2 ($CIRCLE_OIDC_TOKEN_V2, what the aws-cli orb 5.x sends)', () => {
    const v2 = { ...base, tokenVersion: 'v2', userIds: [USER] };
    const prefix = `org/${ORG}/project/${PROJECT}/user/${USER}`;
    const subOf = (trust: Record<string, unknown>) => statementsOf(trust).flatMap((s) => s.conditions!.filter((c) => c.variable === `${host}:sub`));

    test('GIVEN users and no vcsOrigin THEN each user pinned, then the V2 tail left open: StringLike .../vcs-origin/*', () => {
      expect(subOf(v2)).toEqual([{ test: 'StringLike', variable: `${host}:sub`, values: [`${prefix}/vcs-origin/*`] }]);
    });

    test('GIVEN users and a vcsOrigin THEN the origin pinned and only the ref, last, is a wildcard', () => {
      expect(subOf({ ...v2, vcsOrigin: 'github.com/acme/app' })).toEqual([
        { test: 'StringLike', variable: `${host}:sub`, values: [`${prefix}/vcs-origin/github.com/acme/app/vcs-ref/*`] },
      ]);
    });

    test('GIVEN users, a vcsOrigin and branches THEN one exact subject per user and branch, StringEquals only', () => {
      const other = `${USER.slice(0, -1)}0`;
      expect(subOf({ ...v2, userIds: [USER, other], vcsOrigin: 'github.com/acme/app', branches: ['main', 'release'] })).toEqual([
        {
          test: 'StringEquals',
          variable: `${host}:sub`,
          values: [
            `${prefix}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`,
            `${prefix}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/release`,
            `org/${ORG}/project/${PROJECT}/user/${other}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main`,
            `org/${ORG}/project/${PROJECT}/user/${other}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/release`,
          ],
        },
      ]);
    });

    test('GIVEN v2 without users THEN user/*, the same pattern as v1: every user, repository and ref of the project', () => {
      expect(subOf({ ...base, tokenVersion: 'v2' })).toEqual(subOf(base));
    });

    test('GIVEN no tokenVersion THEN v1: the output of an existing entry is unchanged', () => {
      expect(subOf({ ...base, userIds: [USER] })).toEqual([{ test: 'StringEquals', variable: `${host}:sub`, values: [prefix] }]);
    });

    test.each([
      [{ ...base, userIds: [USER], vcsOrigin: 'github.com/acme/app' }, 'vcsOrigin', "is a part of the V2 token's subject", 'write tokenVersion: v2'],
      [{ ...base, userIds: [USER], branches: ['main'] }, 'branches', "is a part of the V2 token's subject", 'write tokenVersion: v2'],
      [{ ...base, tokenVersion: 'v2', userIds: [USER], branches: ['main'] }, 'branches', 'branches without vcsOrigin', 'add vcsOrigin'],
      [{ ...base, tokenVersion: 'v2', vcsOrigin: 'github.com/acme/app', branches: ['main'] }, 'vcsOrigin', 'vcsOrigin without userIds', 'list the userIds'],
      [{ ...v2, vcsOrigin: 'github.com/acme/*' }, 'vcsOrigin', 'a vcs-origin is a host and a repository path', 'github.com/acme/app'],
      [{ ...v2, vcsOrigin: 'https://github.com/acme/app' }, 'vcsOrigin', 'a vcs-origin is a host and a repository path', 'github.com/acme/app'],
      [{ ...v2, vcsOrigin: 'github.com/acme/app', branches: ['release/*'] }, 'branches[0]', 'a branch name here has no wildcard', 'name each branch exactly'],
      [{ ...base, tokenVersion: 'v3' }, 'tokenVersion', 'tokenVersion is v1 or v2', 'write tokenVersion: v2'],
    ])('GIVEN %j THEN the spec is rejected at %s, with the fix', (trust, field, message, fixText) => {
      expect(problems(trust)).toEqual([
        expect.objectContaining({
          path: `accounts[0].roles[0].trust[0].${field}`,
          message: expect.stringContaining(message),
          fix: expect.stringContaining(fixText),
        }),
      ]);
    });
  });
});

describe('buildkite', () => {
  const base = { type: 'buildkite', issuer: 'buildkite', organization: 'acme', pipeline: 'deploy' };

  test('THEN organization, pipeline and ref are pinned; the commit and step are the trailing wildcard; aud sts.amazonaws.com', () => {
    const [s, ...rest] = statementsOf({ ...base, branches: ['main'], tags: ['v1.0.0'] });
    expect(rest).toHaveLength(0);
    expect(s.principals).toEqual(federated('agent.buildkite.com'));
    expect(s.conditions).toEqual([
      {
        test: 'StringLike',
        variable: 'agent.buildkite.com:sub',
        values: ['organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*', 'organization:acme:pipeline:deploy:ref:refs/tags/v1.0.0:commit:*'],
      },
      { test: 'StringEquals', variable: 'agent.buildkite.com:aud', values: ['sts.amazonaws.com'] },
    ]);
  });

  test.each([
    [{ branches: ['release/*'] }, 'a branch name here has no wildcard'],
    [{ pipeline: 'de*', branches: ['main'] }, 'no wildcard'],
    [{}, 'names no branch or tag'],
  ])('GIVEN %j THEN the spec is rejected: %s', (fields, message) => {
    expect(
      problems({ ...base, ...fields })
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });

  test('GIVEN a custom audience the provider does not list THEN it is rejected', () => {
    expect(problems({ ...base, branches: ['main'], audience: 'buildkite-aws' })[0]).toMatchObject({
      fix: 'add "buildkite-aws" to issuers.buildkite.clientIds',
    });
  });
});

describe('bitbucket-pipelines', () => {
  const base = { type: 'bitbucket-pipelines', issuer: 'bitbucket', workspace: 'acme', workspaceUuid: `{${WS_UUID}}`, repositoryUuid: REPO };

  test('THEN the sub is {<repository>}:{<step>} with the step the only wildcard; aud is the workspace ARI', () => {
    const [s] = statementsOf(base);
    expect(s.principals).toEqual(federated(BB_HOST));
    expect(s.conditions).toEqual([
      { test: 'StringLike', variable: `${BB_HOST}:sub`, values: [`{${REPO}}:*`] },
      { test: 'StringEquals', variable: `${BB_HOST}:aud`, values: [`ari:cloud:bitbucket::workspace/${WS_UUID}`] },
    ]);
  });

  test('GIVEN a deployment environment THEN only its steps: {<repository>}:{<environment>}:{<step>}', () => {
    const [s] = statementsOf({ ...base, environmentUuid: ENV });
    expect(condition(s, 'StringLike', `${BB_HOST}:sub`)?.values).toEqual([`{${REPO}}:{${ENV}}:*`]);
  });

  test("GIVEN another workspace's name THEN the trust is rejected: the issuer URL names the workspace", () => {
    expect(problems({ ...base, workspace: 'other' })[0]).toMatchObject({
      path: 'accounts[0].roles[0].trust[0].issuer',
      message: expect.stringContaining('is not the token issuer of Bitbucket Pipelines'),
    });
  });

  test('GIVEN a workspace UUID whose ARI the issuer does not list THEN it is rejected at workspaceUuid', () => {
    expect(problems({ ...base, workspaceUuid: ENV })[0]).toMatchObject({ path: 'accounts[0].roles[0].trust[0].workspaceUuid' });
  });
});
