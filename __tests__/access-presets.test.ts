/**
 * The access matrix of the presets example (GitHub Actions, EKS Pod Identity,
 * several OIDC issuers on one role, IAM users): every declared subject gets
 * in, and each near-miss is kept out for the reason it was made for.
 */
import { join } from 'node:path';
import { buildMatrix } from '../src/access/matrix';
import { policySetFromModel } from '../src/access/policy-set';
import { trustGraph } from '../src/access/graph';
import { resolveModel } from '../src/model/resolve';
import { loadSpecFile } from '../src/spec/load';

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

describe('GIVEN the presets example', () => {
  it('THEN every check passes and exactly the declared subjects get in', () => {
    expect(matrix.summary).toMatchObject({ failures: 0, cannotDecide: 0 });
    expect(matrix.cells.filter((c) => c.actual === 'allow').map((c) => `${c.role} <- ${c.identity}`)).toEqual([
      `ci/deploy-main <- ${GH}:ref:refs/heads/main ${STS}`,
      `ci/deploy-main <- ${GH}:environment:production ${STS}`,
      'ci/deploy-immutable <- oidc github sub=repo:octo-org@1234567/deploy@89012345:ref:refs/heads/main aud=sts.amazonaws.com',
      'ci/deploy-immutable <- oidc github sub=repo:octo-org@1234567/deploy@89012345:pull_request aud=sts.amazonaws.com',
      `ci/release-builds <- ${GH}:ref:refs/heads/main ${STS}`,
      `ci/release-builds <- ${GH}:ref:refs/heads/release/example ${STS}`,
      `apps/orders-pod-identity <- ${POD} kubernetes-namespace=orders kubernetes-service-account=orders-api`,
      `apps/shared-reader <- oidc ci-cluster sub=system:serviceaccount:ci:reader ${STS}`,
      `apps/shared-reader <- oidc prod-cluster sub=system:serviceaccount:prod:reader ${STS}`,
      `apps/shared-reader <- oidc prod-cluster sub=system:serviceaccount:prod:reporting ${STS}`,
      'apps/partner-uploader <- oidc partner-idp sub=uploader-svc aud=aws-federation',
      'legacy/airflow-legacy-reader <- arn:aws:iam::888888888888:user/airflow-legacy-reader',
      'legacy/airflow-legacy-writer <- arn:aws:iam::888888888888:user/airflow-legacy-writer',
    ]);
  });

  it.each([
    ['ci/deploy-main', `oidc github sub=repo:octo-org/deploy-extra:ref:refs/heads/main ${STS}`, /StringEquals token.actions.githubusercontent.com:sub: "repo:octo-org\/deploy-extra:ref:refs\/heads\/main" does not match/],
    ['ci/deploy-main', `${GH}:pull_request ${STS}`, /does not match/],
    ['ci/deploy-main', `${GH}:ref:refs/heads/release/example ${STS}`, /does not match/],
    ['ci/release-builds', `${GH}:ref:refs/heads/feature-x ${STS}`, /S1 StringLike .*"repo:octo-org\/deploy:ref:refs\/heads\/release\/\*"/],
    ['ci/deploy-main', `${GH}:ref:refs/heads/main aud=https://github.com/octo-org`, /:aud: "https:\/\/github.com\/octo-org" does not match "sts.amazonaws.com"/],
    ['apps/shared-reader', `oidc ci-cluster sub=system:serviceaccount:prod:reader ${STS}`, /S0 StringEquals oidc.eks.eu-west-1.amazonaws.com\/id\/C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1C1:sub: "system:serviceaccount:prod:reader" does not match/],
    ['apps/shared-reader', `oidc prod-cluster sub=system:serviceaccount:ci:reader ${STS}`, /S1 StringEquals oidc.eks.eu-central-1.amazonaws.com/],
    ['apps/orders-pod-identity', `${POD}-other kubernetes-namespace=orders kubernetes-service-account=orders-api`, /StringEquals aws:RequestTag\/eks-cluster-arn: .* does not match/],
    ['apps/orders-pod-identity', `${POD} kubernetes-namespace=default kubernetes-service-account=orders-api`, /StringEquals aws:RequestTag\/kubernetes-namespace: "default" does not match "orders"/],
    ['apps/orders-pod-identity', `${POD} kubernetes-service-account=orders-api`, /StringEquals aws:RequestTag\/kubernetes-namespace: key absent/],
    ['legacy/airflow-legacy-reader', 'arn:aws:iam::888888888888:user/airflow-legacy-reader-other', /is not named in the Principal/],
  ])('THEN %s denies %s, for the right reason', (role, identity, reason) => {
    const c = cell(role, identity);
    expect([c.expected, c.actual]).toEqual(['deny', 'deny']);
    expect(c.reason).toMatch(reason);
  });

  it('THEN the graph has one edge per issuer of a web-identity role, the pod identity service and the IAM users', () => {
    const edges = trustGraph(model).split('\n').filter((l) => l.includes('-->'));
    expect(edges).toEqual(
      expect.arrayContaining([
        '  issuer_ci_cluster -->|"system:serviceaccount:ci:reader"| role_apps__shared_reader',
        '  issuer_prod_cluster -->|"system:serviceaccount:prod:reader, system:serviceaccount:prod:reporting"| role_apps__shared_reader',
        '  service_pods_eks_amazonaws_com -->|"apps-prod · orders/orders-api"| role_apps__orders_pod_identity',
        '  user_legacy__airflow_legacy_reader -->|"access key"| role_legacy__airflow_legacy_reader',
        '  issuer_github -->|"octo-org/deploy · main, release/*"| role_ci__release_builds',
      ]),
    );
    expect(edges).toHaveLength(9);
  });
});
