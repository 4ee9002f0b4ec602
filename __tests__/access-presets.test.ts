/**
 * The access matrix of the presets example (GitHub Actions, EKS Pod Identity,
 * several OIDC issuers on one role, IAM users): every declared subject gets
 * in, and each near-miss is kept out for the reason it was made for.
 */
import { join } from 'node:path';
import { buildMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { trustGraph } from '../src/access/report/graph';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile } from '../src/input/load';

const model = resolveModel(loadSpecFile(join(__dirname, '..', 'examples', 'presets', 'spec.yaml')));
const matrix = buildMatrix(model, policySetFromModel(model));
const cell = (role: string, identity: string) => {
  const c = matrix.cells.find((x) => x.role === role && x.identity === identity);
  if (!c) throw new Error(`no cell ${role} <- ${identity}`);
  return c;
};
const GH = 'oidc github sub=repo:octo-org/deploy';
const STS = 'aud=sts.amazonaws.com';
const POD = 'service pods.eks.amazonaws.com eks-cluster-arn=arn:aws:eks:eu-west-1:777777777777:cluster/apps-prod';
const ENT = 'oidc github-octo-enterprise sub=repo:octo-org/payments:environment:production';
const WF = 'octo-org/shared-workflows/.github/workflows/deploy.yml@refs/tags/';
const MEMBER = 'arn:aws:iam::999999999999:role/member-workload';
const ORG = '0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c';
const PROJECT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const USER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
const REPO = '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912';
const ENV = '8d9e0f1a-2b3c-4d5e-8f6a-7b8c9d0e1f2a';
const SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';
const GL = 'oidc gitlab sub=project_path:platform/deploy';
const GL_ID = 'project_id=45821937';
const BK_ID = 'pipeline_id=01919c01-132f-46f1-803f-2efc0c444af7';
const TFC = 'oidc hcp-terraform sub=organization:acme';
const TFC_AUD = 'aud=aws.workload.identity';
const CIRCLE = `oidc circleci sub=org/${ORG}/project/${PROJECT}`;
const V2 = `${CIRCLE}/user/${USER}/vcs-origin/github.com/acme/app`;
const GH_ID = 'oidc github sub=repo:octo-org@1234567/deploy@89012345';
const IDS = 'repository_id=89012345 repository_owner_id=1234567';
const BK = 'oidc buildkite sub=organization:acme:pipeline:deploy';
const BB = `oidc bitbucket sub={${REPO}}`;
const BB_AUD = 'aud=ari:cloud:bitbucket::workspace/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('GIVEN the presets example', () => {
  it('THEN every check passes and exactly the declared subjects get in', () => {
    expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
    expect(matrix.cells.filter((c) => c.actual === 'allow').map((c) => `${c.role} <- ${c.identity}`)).toEqual([
      // deploy-main, during its migration: both subject forms, each with the repository's own ids.
      `ci/deploy-main <- ${GH_ID}:ref:refs/heads/main ${STS} ${IDS}`,
      `ci/deploy-main <- ${GH_ID}:environment:production ${STS} ${IDS}`,
      `ci/deploy-main <- ${GH}:ref:refs/heads/main ${STS} ${IDS}`,
      `ci/deploy-main <- ${GH}:environment:production ${STS} ${IDS}`,
      // deploy-immutable pins the ids in the subject only: any id claims (deploy-main's near-misses) pass with it.
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS} ${IDS}`,
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS} repository_id=89012345 repository_owner_id=1234568`,
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS} repository_id=89012345`,
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS} repository_id=89012346 repository_owner_id=1234567`,
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS} repository_owner_id=1234567`,
      `ci/deploy-immutable <- ${GH_ID}:pull_request ${STS} ${IDS}`,
      `ci/deploy-immutable <- ${GH_ID}:ref:refs/heads/main ${STS}`,
      `ci/deploy-immutable <- ${GH_ID}:pull_request ${STS}`,
      // release-builds pins no id (TRUST024, suppressed): the name-only subject with any ids, including a recycled name's.
      `ci/release-builds <- ${GH}:ref:refs/heads/main ${STS} ${IDS}`,
      `ci/release-builds <- ${GH}:ref:refs/heads/main ${STS} repository_id=89012346 repository_owner_id=1234568`,
      `ci/release-builds <- ${GH}:ref:refs/heads/main ${STS}`,
      `ci/release-builds <- ${GH}:ref:refs/heads/release/example ${STS}`,
      `ci/enterprise-deploy <- ${ENT} ${STS} enterprise_id=4242 job_workflow_ref=${WF}vexample repository_id=77001234`,
      `apps/orders-pod-identity <- ${POD} kubernetes-namespace=orders kubernetes-service-account=orders-api`,
      `apps/shared-reader <- oidc ci-cluster sub=system:serviceaccount:ci:reader ${STS}`,
      `apps/shared-reader <- oidc prod-cluster sub=system:serviceaccount:prod:reader ${STS}`,
      `apps/shared-reader <- oidc prod-cluster sub=system:serviceaccount:prod:reporting ${STS}`,
      'apps/partner-uploader <- oidc partner-idp sub=uploader-svc aud=aws-federation',
      `apps/org-audit-reader <- ${MEMBER} aws:PrincipalOrgID=o-a1b2c3d4e5 aws:PrincipalTag/team=audit`,
      'legacy/airflow-legacy-reader <- arn:aws:iam::888888888888:user/airflow-legacy-reader',
      'legacy/airflow-legacy-writer <- arn:aws:iam::888888888888:user/airflow-legacy-writer',
      `pipelines/gitlab-deploy <- ${GL}:ref_type:branch:ref:main aud=https://gitlab.com ${GL_ID}`,
      `pipelines/gitlab-deploy <- ${GL}:ref_type:tag:ref:vexample aud=https://gitlab.com ${GL_ID}`,
      'pipelines/gitlab-release-tools <- oidc gitlab-self-managed sub=project_path:infra/ops/tools:ref_type:branch:ref:release/example aud=aws-prod',
      `pipelines/terraform-plan <- ${TFC}:project:Default Project:workspace:networking-prod:run_phase:plan ${TFC_AUD}`,
      `pipelines/terraform-apply <- ${TFC}:project:Platform:workspace:networking-prod:run_phase:apply ${TFC_AUD}`,
      // Every workspace of the Platform project, apply only: the other roles' workspaces of that project too.
      `pipelines/terraform-platform-apply <- ${TFC}:project:Platform:workspace:networking-prod:run_phase:apply ${TFC_AUD}`,
      `pipelines/terraform-platform-apply <- ${TFC}:project:Platform:workspace:networking-prod-extra:run_phase:apply ${TFC_AUD}`,
      `pipelines/terraform-platform-apply <- ${TFC}:project:Platform:workspace:example:run_phase:apply ${TFC_AUD}`,
      `pipelines/circleci-build <- ${CIRCLE}/user/<uuid> aud=${ORG}`,
      `pipelines/circleci-build <- ${CIRCLE}/user/${USER} aud=${ORG}`,
      `pipelines/circleci-build <- ${CIRCLE}/user/${USER.slice(0, -1)}0 aud=${ORG}`,
      // The project-wide user/* matches every V2 token too: a fork's and an injected branch's (docs/issuers.md).
      `pipelines/circleci-build <- ${CIRCLE}/user/${USER}/vcs-origin/github.com/example/app/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/circleci-build <- ${V2}/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/circleci-build <- ${CIRCLE}/user/${USER.slice(0, -1)}0/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/circleci-build <- ${CIRCLE}/user/${USER}/vcs-origin/github.com/acme/app-fork/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/circleci-build <- ${V2}/vcs-ref/refs/heads/feature-x aud=${ORG}`,
      `pipelines/circleci-build <- ${V2}/vcs-ref/refs/heads/zzz/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/circleci-release <- ${CIRCLE}/user/${USER} aud=${ORG}`,
      `pipelines/circleci-orb-deploy <- ${V2}/vcs-ref/refs/heads/main aud=${ORG}`,
      `pipelines/buildkite-deploy <- ${BK}:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS} ${BK_ID}`,
      `pipelines/buildkite-deploy <- ${BK}:ref:refs/tags/v1.0.0:commit:${SHA}:step:deploy ${STS} ${BK_ID}`,
      `pipelines/buildkite-deploy <- [sts:TagSession] ${BK}:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS} ${BK_ID}`,
      `pipelines/bitbucket-build <- ${BB}:{<uuid>} ${BB_AUD}`,
      `pipelines/bitbucket-build <- ${BB}:{${ENV}}:{<uuid>} ${BB_AUD}`,
      `pipelines/bitbucket-build <- ${BB}:{${ENV.slice(0, -1)}0}:{<uuid>} ${BB_AUD}`,
      `pipelines/bitbucket-deploy-production <- ${BB}:{${ENV}}:{<uuid>} ${BB_AUD}`,
    ]);
  });

  it.each([
    [
      'pipelines/terraform-plan',
      `${TFC}:project:Default Project:workspace:networking-prod:run_phase:apply ${TFC_AUD}`,
      /StringEquals app.terraform.io:sub: ".*:run_phase:apply" does not match ".*:run_phase:plan"/,
    ],
    ['pipelines/terraform-apply', `${TFC}:project:Platform:workspace:networking-prod:run_phase:plan ${TFC_AUD}`, /does not match/],
    ['pipelines/terraform-plan', `${TFC}:project:Default Project:workspace:networking-prod-extra:run_phase:plan ${TFC_AUD}`, /does not match/],
    ['pipelines/terraform-plan', `${TFC}:project:Other Project:workspace:networking-prod:run_phase:plan ${TFC_AUD}`, /does not match/],
    // Another HCP organization, another AWS organization: the example's guardrails (organization block) deny them before the trust is read.
    [
      'pipelines/terraform-plan',
      `oidc hcp-terraform sub=organization:acme-extra:project:Default Project:workspace:networking-prod:run_phase:plan ${TFC_AUD}`,
      /explicit Deny in cross-account-iam-guardrails-1 S\d+ \(EnforceTrustedOidcTenants\d*\)/,
    ],
    [
      'pipelines/terraform-plan',
      `${TFC}:project:Default Project:workspace:networking-prod:run_phase:plan aud=sts.amazonaws.com`,
      /app.terraform.io:aud: "sts.amazonaws.com" does not match "aws.workload.identity"/,
    ],
    [
      'pipelines/gitlab-deploy',
      `oidc gitlab sub=project_path:platform/deploy-extra:ref_type:branch:ref:main aud=https://gitlab.com ${GL_ID}`,
      /StringEquals gitlab.com:sub: .* does not match/,
    ],
    ['pipelines/gitlab-deploy', `${GL}:ref_type:tag:ref:main aud=https://gitlab.com ${GL_ID}`, /does not match/],
    ['pipelines/gitlab-deploy', `${GL}:ref_type:branch:ref:feature-x aud=https://gitlab.com ${GL_ID}`, /does not match/],
    ['pipelines/gitlab-deploy', `${GL}:ref_type:branch:ref:main aud=(none) ${GL_ID}`, /gitlab.com:aud: key absent/],
    // A project that took over the path after a rename, transfer or deletion: the same sub, another project id.
    [
      'pipelines/gitlab-deploy',
      `${GL}:ref_type:branch:ref:main aud=https://gitlab.com project_id=45821938`,
      /StringEquals gitlab.com:project_id: "45821938" does not match "45821937"/,
    ],
    ['pipelines/gitlab-deploy', `${GL}:ref_type:branch:ref:main aud=https://gitlab.com`, /gitlab.com:project_id: key absent/],
    ['pipelines/circleci-release', `${CIRCLE}/user/${USER.slice(0, -1)}0 aud=${ORG}`, /does not match/],
    // A v1 role and the aws-cli orb's V2 token; a v2 role and the V1 token of the same run.
    [
      'pipelines/circleci-release',
      `${CIRCLE}/user/${USER}/vcs-origin/github.com/example/app/vcs-ref/refs/heads/main aud=${ORG}`,
      /StringEquals .*:sub: .* does not match/,
    ],
    ['pipelines/circleci-orb-deploy', `${CIRCLE}/user/${USER} aud=${ORG}`, /StringEquals .*:sub: .* does not match/],
    // A fork, another branch, and a branch whose name repeats the pinned origin and ref.
    ['pipelines/circleci-orb-deploy', `${CIRCLE}/user/${USER}/vcs-origin/github.com/acme/app-fork/vcs-ref/refs/heads/main aud=${ORG}`, /does not match/],
    ['pipelines/circleci-orb-deploy', `${V2}/vcs-ref/refs/heads/feature-x aud=${ORG}`, /does not match/],
    [
      'pipelines/circleci-orb-deploy',
      `${V2}/vcs-ref/refs/heads/zzz/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main aud=${ORG}`,
      /StringEquals .*:sub: ".*\/zzz\/vcs-origin\/.*" does not match/,
    ],
    [
      'pipelines/circleci-orb-deploy',
      `${CIRCLE}/user/${USER.slice(0, -1)}0/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main aud=${ORG}`,
      /does not match/,
    ],
    [
      'pipelines/circleci-orb-deploy',
      `oidc circleci sub=org/${ORG}/project/${PROJECT.slice(0, -1)}0/user/${USER}/vcs-origin/github.com/acme/app/vcs-ref/refs/heads/main aud=${ORG}`,
      /does not match/,
    ],
    // Every workspace of one project and phase: another project, the other phase, another organization.
    [
      'pipelines/terraform-platform-apply',
      `${TFC}:project:Default Project:workspace:example:run_phase:apply ${TFC_AUD}`,
      /StringLike app.terraform.io:sub: .* does not match "organization:acme:project:Platform:workspace:\*:run_phase:apply"/,
    ],
    ['pipelines/terraform-platform-apply', `${TFC}:project:Platform:workspace:example:run_phase:plan ${TFC_AUD}`, /does not match/],
    [
      'pipelines/terraform-platform-apply',
      `oidc hcp-terraform sub=organization:acme-extra:project:Platform:workspace:example:run_phase:apply ${TFC_AUD}`,
      /explicit Deny in cross-account-iam-guardrails-1 S\d+ \(EnforceTrustedOidcTenants\d*\)/,
    ],
    [
      'pipelines/circleci-build',
      `oidc circleci sub=org/${ORG}/project/${PROJECT.slice(0, -1)}0/user/<uuid> aud=${ORG}`,
      /StringLike .*:sub: .* does not match/,
    ],
    [
      'pipelines/buildkite-deploy',
      `oidc buildkite sub=organization:acme:pipeline:deploy-extra:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS} ${BK_ID}`,
      /StringLike agent.buildkite.com:sub: .* does not match/,
    ],
    ['pipelines/buildkite-deploy', `${BK}:ref:refs/heads/feature-x:commit:${SHA}:step:deploy ${STS} ${BK_ID}`, /does not match/],
    // A pipeline that took over the slug; a job that did not request the optional pipeline_id claim.
    [
      'pipelines/buildkite-deploy',
      `${BK}:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS} pipeline_id=01919c01-132f-46f1-803f-2efc0c444af0`,
      /StringEquals agent.buildkite.com:pipeline_id: .* does not match/,
    ],
    ['pipelines/buildkite-deploy', `${BK}:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS}`, /agent.buildkite.com:pipeline_id: key absent/],
    ['pipelines/bitbucket-deploy-production', `${BB}:{<uuid>} ${BB_AUD}`, /does not match/],
    ['pipelines/bitbucket-deploy-production', `${BB}:{${ENV.slice(0, -1)}0}:{<uuid>} ${BB_AUD}`, /does not match/],
    ['pipelines/bitbucket-build', `oidc bitbucket sub={${REPO.slice(0, -1)}0}:{<uuid>} ${BB_AUD}`, /does not match/],
    [
      'ci/enterprise-deploy',
      `${ENT} ${STS} enterprise_id=4242 job_workflow_ref=octo-org/payments/.github/workflows/unreviewed.yml@refs/heads/feature-x repository_id=77001234`,
      /StringLike token.actions.githubusercontent.com\/octo-enterprise:job_workflow_ref: .* does not match/,
    ],
    ['ci/enterprise-deploy', `${ENT} ${STS} enterprise_id=4242 repository_id=77001234`, /job_workflow_ref: key absent/],
    [
      'ci/enterprise-deploy',
      `${ENT} ${STS} enterprise_id=4242 job_workflow_ref=${WF}vexample repository_id=77001234-other`,
      /repository_id: "77001234-other" does not match "77001234"/,
    ],
    [
      'ci/enterprise-deploy',
      `${ENT} ${STS} enterprise_id=42420 job_workflow_ref=${WF}vexample repository_id=77001234`,
      /enterprise_id: "42420" does not match "4242"/,
    ],
    [
      'ci/enterprise-deploy',
      `oidc github sub=repo:octo-org/payments:environment:production ${STS} enterprise_id=4242 job_workflow_ref=${WF}vexample repository_id=77001234`,
      /not named in the Principal/,
    ],
    [
      'apps/org-audit-reader',
      `${MEMBER} aws:PrincipalOrgID=o-a1b2c3d4e0 aws:PrincipalTag/team=audit`,
      /explicit Deny in cross-account-iam-guardrails-1 S\d+ \(EnforceOrgIdentities\)/,
    ],
    ['apps/org-audit-reader', `${MEMBER} aws:PrincipalTag/team=audit`, /explicit Deny in cross-account-iam-guardrails-1 S\d+ \(EnforceOrgIdentities\)/],
    ['apps/org-audit-reader', `${MEMBER} aws:PrincipalOrgID=o-a1b2c3d4e5`, /aws:PrincipalTag\/team: key absent/],
    [
      'apps/org-audit-reader',
      `${MEMBER} aws:PrincipalOrgID=o-a1b2c3d4e5 aws:PrincipalTag/team=audit-other`,
      /aws:PrincipalTag\/team: "audit-other" does not match "audit"/,
    ],
    ['pipelines/circleci-build', `[sts:TagSession] ${BK}:ref:refs/heads/main:commit:${SHA}:step:deploy ${STS} ${BK_ID}`, /no statement allows sts:TagSession/],
  ])('THEN CI role %s denies %s, for the right reason', (role, identity, reason) => {
    const c = cell(role, identity);
    expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
    expect(c.reason).toMatch(reason);
  });

  it.each([
    [
      'ci/release-builds',
      `oidc github sub=repo:octo-org/deploy-extra:ref:refs/heads/main ${STS}`,
      /StringEquals token.actions.githubusercontent.com:sub: "repo:octo-org\/deploy-extra:ref:refs\/heads\/main" does not match/,
    ],
    ['ci/deploy-main', `${GH_ID}:pull_request ${STS} ${IDS}`, /does not match/],
    ['ci/deploy-main', `${GH}:ref:refs/heads/release/example ${STS}`, /does not match/],
    // During the migration, a repository that took over the name sends the name-only subject with its own ids.
    [
      'ci/deploy-main',
      `${GH}:ref:refs/heads/main ${STS} repository_id=89012346 repository_owner_id=1234568`,
      /repository_owner_id: "1234568" does not match "1234567"/,
    ],
    ['ci/release-builds', `${GH}:ref:refs/heads/feature-x ${STS}`, /S1 StringLike .*"repo:octo-org\/deploy:ref:refs\/heads\/release\/\*"/],
    [
      'ci/deploy-main',
      `${GH_ID}:ref:refs/heads/main aud=https://github.com/octo-org ${IDS}`,
      /:aud: "https:\/\/github.com\/octo-org" does not match "sts.amazonaws.com"/,
    ],
    [
      'apps/shared-reader',
      `oidc ci-cluster sub=system:serviceaccount:prod:reader ${STS}`,
      /S0 StringEquals oidc.eks.eu-west-1.amazonaws.com\/id\/C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1:sub: "system:serviceaccount:prod:reader" does not match/,
    ],
    ['apps/shared-reader', `oidc prod-cluster sub=system:serviceaccount:ci:reader ${STS}`, /S1 StringEquals oidc.eks.eu-central-1.amazonaws.com/],
    [
      'apps/orders-pod-identity',
      `${POD}-other kubernetes-namespace=orders kubernetes-service-account=orders-api`,
      /StringEquals aws:RequestTag\/eks-cluster-arn: .* does not match/,
    ],
    [
      'apps/orders-pod-identity',
      `${POD} kubernetes-namespace=default kubernetes-service-account=orders-api`,
      /StringEquals aws:RequestTag\/kubernetes-namespace: "default" does not match "orders"/,
    ],
    ['apps/orders-pod-identity', `${POD} kubernetes-service-account=orders-api`, /StringEquals aws:RequestTag\/kubernetes-namespace: key absent/],
    ['legacy/airflow-legacy-reader', 'arn:aws:iam::888888888888:user/airflow-legacy-reader-other', /is not named in the Principal/],
  ])('THEN %s denies %s, for the right reason', (role, identity, reason) => {
    const c = cell(role, identity);
    expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
    expect(c.reason).toMatch(reason);
  });

  it('THEN the graph has one edge per issuer of a web-identity role, the pod identity service and the IAM users', () => {
    const edges = trustGraph(model)
      .split('\n')
      .filter((l) => l.includes('-->'));
    expect(edges).toEqual(
      expect.arrayContaining([
        '  issuer_ci_cluster -->|"system:serviceaccount:ci:reader"| role_apps__shared_reader',
        '  issuer_prod_cluster -->|"system:serviceaccount:prod:reader, system:serviceaccount:prod:reporting"| role_apps__shared_reader',
        '  service_pods_eks_amazonaws_com -->|"apps-prod · orders/orders-api"| role_apps__orders_pod_identity',
        '  user_legacy__airflow_legacy_reader -->|"access key"| role_legacy__airflow_legacy_reader',
        '  issuer_github -->|"octo-org/deploy · main, release/*"| role_ci__release_builds',
      ]),
    );
    expect(edges).toEqual(
      expect.arrayContaining([
        '  issuer_hcp_terraform -->|"HCP Terraform acme/Default Project/networking-prod · plan"| role_pipelines__terraform_plan',
        '  issuer_gitlab -->|"GitLab CI platform/deploy (id 45821937) · main, tag v*"| role_pipelines__gitlab_deploy',
      ]),
    );
    expect(edges).toHaveLength(22);
    expect(edges).toContain('  organization_o_a1b2c3d4e5 -->|"sts:AssumeRole · aws:PrincipalOrgID"| role_apps__org_audit_reader');
  });
});
