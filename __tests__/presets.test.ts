/**
 * The trust presets: the exact conditions they synthesize (operator, key,
 * values) and the problems they report. The end-to-end test plans the same
 * presets with Terraform.
 */
import { condition, GITHUB_URL, model, oneAccount, inputProblems, role } from './helpers/model';
import { blockingProblems } from './helpers/spec';

const github = { issuers: { github: { url: GITHUB_URL } } };
const HOST = 'token.actions.githubusercontent.com';

describe('github-actions', () => {
  test('GIVEN branches and an environment WHEN synthesized THEN one statement pins sub and aud with StringEquals', () => {
    const m = model(
      oneAccount(
        [
          {
            name: 'deploy',
            trust: [{ type: 'github-actions', issuer: 'github', repository: 'octo-org/deploy', branches: ['main'], environments: ['production'] }],
          },
        ],
        github,
      ),
    );
    const [s, ...rest] = role(m, 'acct', 'deploy').trustPolicy.statements;
    expect(rest).toHaveLength(0);
    expect(s.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(s.principals).toEqual([{ type: 'Federated', identifiers: [`arn:aws:iam::123456789012:oidc-provider/${HOST}`] }]);
    expect(condition(s, 'StringEquals', `${HOST}:sub`)?.values).toEqual([
      'repo:octo-org/deploy:ref:refs/heads/main',
      'repo:octo-org/deploy:environment:production',
    ]);
    expect(condition(s, 'StringEquals', `${HOST}:aud`)?.values).toEqual(['sts.amazonaws.com']);
    expect(s.conditions).toHaveLength(2);
  });

  test('GIVEN owner and repository ids THEN subjects use the immutable repo:owner@ID/repo@ID form, pull requests included', () => {
    const m = model(
      oneAccount(
        [
          {
            name: 'ci',
            trust: [
              {
                type: 'github-actions',
                issuer: 'github',
                repository: 'octo-org/deploy',
                ownerId: 1234567,
                repositoryId: '89012345',
                branches: ['main'],
                pullRequests: true,
              },
            ],
          },
        ],
        github,
      ),
    );
    const [s] = role(m, 'acct', 'ci').trustPolicy.statements;
    expect(condition(s, 'StringEquals', `${HOST}:sub`)?.values).toEqual([
      'repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main',
      'repo:octo-org@1234567/deploy@89012345:pull_request',
    ]);
  });

  test('GIVEN an exact branch and a branch pattern THEN the pattern gets a StringLike statement of its own, aud still StringEquals', () => {
    const m = model(
      oneAccount(
        [{ name: 'rel', trust: [{ type: 'github-actions', issuer: 'github', repository: 'octo-org/deploy', branches: ['main', 'release/*'] }] }],
        github,
      ),
    );
    const [exact, pattern] = role(m, 'acct', 'rel').trustPolicy.statements;
    expect(condition(exact, 'StringEquals', `${HOST}:sub`)?.values).toEqual(['repo:octo-org/deploy:ref:refs/heads/main']);
    expect(condition(exact, 'StringLike', `${HOST}:sub`)).toBeUndefined();
    expect(condition(pattern, 'StringLike', `${HOST}:sub`)?.values).toEqual(['repo:octo-org/deploy:ref:refs/heads/release/*']);
    expect(condition(pattern, 'StringEquals', `${HOST}:sub`)).toBeUndefined();
    for (const s of [exact, pattern]) expect(condition(s, 'StringEquals', `${HOST}:aud`)?.values).toEqual(['sts.amazonaws.com']);
  });

  test('allRefs is the only way to a repository-wide subject', () => {
    const m = model(oneAccount([{ name: 'any', trust: [{ type: 'github-actions', issuer: 'github', repository: 'octo-org/deploy', allRefs: true }] }], github));
    const [s] = role(m, 'acct', 'any').trustPolicy.statements;
    expect(condition(s, 'StringLike', `${HOST}:sub`)?.values).toEqual(['repo:octo-org/deploy:*']);
  });

  test.each([
    [{ repository: 'octo-org/deploy' }, 'names no branch, environment or pull-request subject'],
    [{ repository: 'octo-org/deploy', branches: ['main'], ownerId: '1' }, 'give both ownerId and repositoryId, or neither'],
    [{ repository: 'deploy', branches: ['main'] }, 'a repository is written owner/repo'],
    [{ repository: 'octo-org/deploy', environments: ['prod*'] }, 'an environment name has no wildcards'],
  ])('GIVEN %j THEN the spec is rejected: %s', (fields, message) => {
    const problems = inputProblems(oneAccount([{ name: 'r', trust: [{ type: 'github-actions', issuer: 'github', ...fields }] }], github));
    expect(problems.map((p) => p.message).join('\n')).toContain(message);
  });

  test('GIVEN an enterprise, a reusable workflow, actors and the enterprise id THEN each claim is a condition ANDed to the subject', () => {
    const ent = { issuers: { ent: { url: `${GITHUB_URL}/octo-ent` } } };
    const host = `${HOST}/octo-ent`;
    const m = model(
      oneAccount(
        [
          {
            name: 'r',
            trust: [
              {
                type: 'github-actions',
                issuer: 'ent',
                enterprise: 'octo-ent',
                repository: 'octo-org/app',
                environments: ['production'],
                jobWorkflowRefs: ['octo-org/shared/.github/workflows/deploy.yml@refs/heads/main'],
                actorIds: [42],
                enterpriseId: '7',
              },
            ],
          },
        ],
        ent,
      ),
    );
    const [s, ...rest] = role(m, 'acct', 'r').trustPolicy.statements;
    expect(rest).toHaveLength(0);
    expect(s.principals).toEqual([{ type: 'Federated', identifiers: [`arn:aws:iam::123456789012:oidc-provider/${host}`] }]);
    expect(s.conditions).toEqual([
      { test: 'StringEquals', variable: `${host}:sub`, values: ['repo:octo-org/app:environment:production'] },
      { test: 'StringEquals', variable: `${host}:aud`, values: ['sts.amazonaws.com'] },
      { test: 'StringEquals', variable: `${host}:job_workflow_ref`, values: ['octo-org/shared/.github/workflows/deploy.yml@refs/heads/main'] },
      { test: 'StringEquals', variable: `${host}:actor_id`, values: ['42'] },
      { test: 'StringEquals', variable: `${host}:enterprise_id`, values: ['7'] },
    ]);
  });

  test('GIVEN a workflow ref pattern in the ref THEN StringLike in every statement of the trust', () => {
    const m = model(
      oneAccount(
        [
          {
            name: 'r',
            trust: [
              {
                type: 'github-actions',
                issuer: 'github',
                repository: 'o/r',
                branches: ['main', 'release/*'],
                jobWorkflowRefs: ['o/w/.github/workflows/d.yml@refs/tags/v*'],
              },
            ],
          },
        ],
        github,
      ),
    );
    for (const s of role(m, 'acct', 'r').trustPolicy.statements) {
      expect(condition(s, 'StringLike', `${HOST}:job_workflow_ref`)?.values).toEqual(['o/w/.github/workflows/d.yml@refs/tags/v*']);
    }
  });

  test.each([
    [{ jobWorkflowRefs: ['o/*/.github/workflows/d.yml@main'] }, 'a wildcard only in the ref'],
    [{ jobWorkflowRefs: ['deploy.yml'] }, 'owner/repo/path/to/workflow.yml@ref'],
    [{ actorIds: ['octocat'] }, "a GitHub actor id is GitHub's numeric id"],
    [{ enterprise: 'octo ent' }, 'an enterprise slug has letters'],
  ])('GIVEN %j THEN the spec is rejected: %s', (fields, message) => {
    const problems = inputProblems(
      oneAccount([{ name: 'r', trust: [{ type: 'github-actions', issuer: 'github', repository: 'o/r', branches: ['main'], ...fields }] }], github),
    );
    expect(problems.map((p) => p.message).join('\n')).toContain(message);
  });

  test("GIVEN an enterprise whose issuer is github.com's THEN the trust is rejected at the issuer, naming the enterprise issuer", () => {
    const problems = inputProblems(
      oneAccount([{ name: 'r', trust: [{ type: 'github-actions', issuer: 'github', enterprise: 'octo-ent', repository: 'o/r', branches: ['main'] }] }], github),
    );
    expect(problems).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].issuer', fix: `name an issuer whose url is ${GITHUB_URL}/octo-ent` }),
    ]);
  });

  test('GIVEN an issuer that is not GitHub THEN the trust is rejected at the issuer field', () => {
    const problems = inputProblems(
      oneAccount([{ name: 'r', trust: [{ type: 'github-actions', issuer: 'eks', repository: 'o/r', branches: ['main'] }] }], {
        issuers: { eks: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' } },
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].issuer', message: expect.stringContaining("is not GitHub Actions' token issuer") }),
    ]);
  });
});

describe('eks-pod-identity', () => {
  const spec = oneAccount([{ name: 'orders', trust: [{ type: 'eks-pod-identity', cluster: 'apps-prod', namespace: 'orders', serviceAccount: 'orders-api' }] }]);

  test('THEN the EKS Auth service may AssumeRole and TagSession, pinned to cluster, namespace and service account', () => {
    const [s, ...rest] = role(model(spec), 'acct', 'orders').trustPolicy.statements;
    expect(rest).toHaveLength(0);
    expect(s.actions).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    expect(s.principals).toEqual([{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }]);
    expect(s.conditions).toEqual([
      { test: 'StringEquals', variable: 'aws:RequestTag/eks-cluster-arn', values: ['arn:aws:eks:eu-west-1:123456789012:cluster/apps-prod'] },
      { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: ['orders'] },
      { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-service-account', values: ['orders-api'] },
    ]);
  });

  test('GIVEN a wildcard namespace THEN the spec is rejected', () => {
    const problems = inputProblems(oneAccount([{ name: 'o', trust: [{ type: 'eks-pod-identity', cluster: 'c', namespace: 'ord*', serviceAccount: 'sa' }] }]));
    expect(problems[0].message).toContain('a namespace is a DNS label without wildcards');
  });
});

describe('web-identity with several issuers', () => {
  const issuers = {
    a: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA' },
    b: { url: 'https://oidc.eks.eu-central-1.amazonaws.com/id/BBBB', clientIds: ['custom-aud'] },
  };

  test('THEN one statement per issuer, each with its own subjects and aud pinned by StringEquals', () => {
    const m = model(
      oneAccount(
        [
          {
            name: 'reader',
            trust: [
              {
                type: 'web-identity',
                issuers: [
                  { issuer: 'a', subjects: ['system:serviceaccount:ci:reader'] },
                  { issuer: 'b', subjects: ['system:serviceaccount:prod:reader', 'system:serviceaccount:prod:reporting'] },
                ],
              },
            ],
          },
        ],
        { issuers },
      ),
    );
    const statements = role(m, 'acct', 'reader').trustPolicy.statements;
    expect(statements).toHaveLength(2);
    const [a, b] = statements;
    expect(a.principals).toEqual([{ type: 'Federated', identifiers: ['arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/AAAA'] }]);
    expect(a.conditions).toEqual([
      { test: 'StringEquals', variable: 'oidc.eks.eu-west-1.amazonaws.com/id/AAAA:sub', values: ['system:serviceaccount:ci:reader'] },
      { test: 'StringEquals', variable: 'oidc.eks.eu-west-1.amazonaws.com/id/AAAA:aud', values: ['sts.amazonaws.com'] },
    ]);
    expect(b.conditions).toEqual([
      {
        test: 'StringEquals',
        variable: 'oidc.eks.eu-central-1.amazonaws.com/id/BBBB:sub',
        values: ['system:serviceaccount:prod:reader', 'system:serviceaccount:prod:reporting'],
      },
      { test: 'StringEquals', variable: 'oidc.eks.eu-central-1.amazonaws.com/id/BBBB:aud', values: ['custom-aud'] },
    ]);
  });

  test('GIVEN the same issuers spread over several trust entries THEN mergeStatements still keeps one statement per issuer', () => {
    const m = model(
      oneAccount(
        [
          {
            name: 'reader',
            trust: [
              { type: 'web-identity', issuers: [{ issuer: 'a', subjects: ['s1'] }] },
              { type: 'web-identity', issuers: [{ issuer: 'b', subjects: ['s1'] }] },
              { type: 'web-identity', issuers: [{ issuer: 'a', subjects: ['s2'] }] },
              { type: 'kubernetes-service-account', issuer: 'b', namespace: 'ns', serviceAccount: 'sa' },
            ],
          },
        ],
        { issuers },
      ),
    );
    const statements = role(m, 'acct', 'reader').trustPolicy.statements;
    expect(statements).toHaveLength(2);
    for (const s of statements) {
      const [provider] = s.principals![0].identifiers;
      const host = provider.slice(provider.indexOf('oidc-provider/') + 'oidc-provider/'.length);
      expect(s.principals).toHaveLength(1);
      expect(s.principals![0].identifiers).toHaveLength(1);
      expect(s.conditions!.map((c) => c.variable.startsWith(`${host}:`))).toEqual([true, true]);
      expect(condition(s, 'StringEquals', `${host}:aud`)).toBeDefined();
    }
    expect(condition(statements[0], 'StringEquals', 'oidc.eks.eu-west-1.amazonaws.com/id/AAAA:sub')?.values).toEqual(['s1', 's2']);
    expect(condition(statements[1], 'StringEquals', 'oidc.eks.eu-central-1.amazonaws.com/id/BBBB:sub')?.values).toEqual(['s1', 'system:serviceaccount:ns:sa']);
  });

  test('GIVEN an issuer listed twice THEN the spec is rejected at the second entry', () => {
    const problems = inputProblems(
      oneAccount(
        [
          {
            name: 'r',
            trust: [
              {
                type: 'web-identity',
                issuers: [
                  { issuer: 'a', subjects: ['x'] },
                  { issuer: 'a', subjects: ['y'] },
                ],
              },
            ],
          },
        ],
        { issuers },
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].issuers[1].issuer', message: expect.stringContaining('listed twice') }),
    ]);
  });
});

describe('iam-user (access-key fallback)', () => {
  const trust = { type: 'iam-user', user: 'airflow-legacy' };

  test('GIVEN no opt-in THEN the spec is rejected with the way out', () => {
    const problems = inputProblems(oneAccount([{ name: 'legacy', trust: [trust] }]));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'accounts[0].roles[0].trust[0].type', fix: expect.stringContaining('options.allowIamUserAccessKeys: true') }),
    ]);
  });

  test('GIVEN the opt-in THEN only that user may sts:AssumeRole the role', () => {
    const m = model(oneAccount([{ name: 'legacy', trust: [trust] }], { options: { allowIamUserAccessKeys: true } }));
    expect(role(m, 'acct', 'legacy').trustPolicy.statements).toEqual([
      { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::123456789012:user/airflow-legacy'] }] },
    ]);
  });

  test('GIVEN one user on two roles THEN the spec is rejected: one key per user and role', () => {
    const problems = blockingProblems(
      oneAccount(
        [
          { name: 'r1', trust: [trust] },
          { name: 'r2', trust: [trust] },
        ],
        { options: { allowIamUserAccessKeys: true } },
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        ruleId: 'SPEC002',
        path: 'accounts[0].roles[1].trust[0].user',
        message: expect.stringContaining('named by two iam-user trust entries'),
      }),
    ]);
  });
});

describe('aws-organization', () => {
  test('THEN AWS "*" for sts:AssumeRole, only with aws:PrincipalOrgID pinned by StringEquals', () => {
    const m = model(oneAccount([{ name: 'org', trust: [{ type: 'aws-organization', organizationId: 'o-a1b2c3d4e5' }] }]));
    expect(role(m, 'acct', 'org').trustPolicy.statements).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] }],
      },
    ]);
  });

  test.each(['o-*', 'o-short', 'r-a1b2c3d4e5', 'O-A1B2C3D4E5'])('GIVEN organizationId %s THEN the spec is rejected', (organizationId) => {
    const problems = inputProblems(oneAccount([{ name: 'org', trust: [{ type: 'aws-organization', organizationId }] }]));
    expect(problems.map((p) => p.message).join('\n')).toContain('an organization id is "o-" and 10 to 32 lower-case letters or digits');
  });
});
