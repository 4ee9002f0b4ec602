/** The issuers the CI preset tests declare: one per vendor (GitLab twice: gitlab.com and a self-managed URL), and an EKS issuer. */
export const ORG = '0f2a6d58-1c3e-4b4b-9c3e-1d7e2f1a2b3c';
export const WS_UUID = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const BB_HOST = 'api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc';

export const CI_ISSUERS = {
  gitlab: { url: 'https://gitlab.com', clientIds: ['https://gitlab.com'] },
  selfgitlab: { url: 'https://gitlab.example.com', clientIds: ['aws-prod'] },
  tfc: { url: 'https://app.terraform.io', clientIds: ['aws.workload.identity'] },
  circle: { url: `https://oidc.circleci.com/org/${ORG}`, clientIds: [ORG] },
  buildkite: { url: 'https://agent.buildkite.com' },
  bitbucket: { url: `https://${BB_HOST}`, clientIds: [`ari:cloud:bitbucket::workspace/${WS_UUID}`] },
  eks: { url: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
};
