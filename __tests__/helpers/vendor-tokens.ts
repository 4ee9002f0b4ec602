/**
 * Tokens as the vendors issue them, for `explain`: the claims the access proof
 * gives a declared run (sub, aud and the ids the trust pins) inside the claim
 * set each vendor's token reference shows (docs/issuers.md, "Sources"):
 * registered claims (iss, iat, nbf, exp, jti) and the vendor's own, which
 * explain must pass over or pass on exactly as STS does. And an unsigned JWT
 * built from claims, as a CI job receives a token (header.payload.signature).
 */
import { issuerOf } from '../../src/input/issuers';
import { GOOGLE_ISSUER } from '../../src/model/types';

const REGISTERED = { iat: 1767225600, nbf: 1767225595, exp: 1767229200, jti: '8d1b4c2e-6f0a-4e3b-9a7d-2c5e1f0b3a6d' };

/** The vendor's claims besides sub and aud, with example values in the documented formats. */
function vendorClaims(host: string): Record<string, unknown> {
  const issuer = issuerOf(host);
  switch (issuer.preset ?? issuer.kind) {
    // https://docs.gitlab.com/ci/secrets/id_token_authentication (token payload table)
    case 'gitlab-ci':
      return {
        namespace_id: '72',
        namespace_path: 'platform',
        project_path: 'platform/deploy',
        user_id: '42',
        user_login: 'deployer',
        user_email: 'deployer@example.com',
        user_access_level: 'maintainer',
        pipeline_id: '1212',
        pipeline_source: 'push',
        job_id: '1212',
        ref_protected: 'true',
        runner_id: 1,
        runner_environment: 'gitlab-hosted',
        sha: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
      };
    // https://docs.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
    case 'hcp-terraform':
      return {
        terraform_organization_id: 'org-GRNbCjYNpBB6NEH9',
        terraform_organization_name: 'acme',
        terraform_project_id: 'prj-vegSA59s1XPwMr2t',
        terraform_workspace_id: 'ws-mbsd5E3Ktt5Rg2Xm',
        terraform_workspace_name: 'networking-prod',
        terraform_full_workspace: 'organization:acme:project:Default Project:workspace:networking-prod',
        terraform_run_id: 'run-X3n1AUXNGWbfECsJ',
        terraform_run_phase: 'apply',
      };
    // https://circleci.com/docs/openid-connect-tokens/
    case 'circleci':
      return {
        'oidc.circleci.com/project-id': '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
        'oidc.circleci.com/context-ids': ['a1b2c3d4-0000-4000-8000-000000000001'],
        'oidc.circleci.com/vcs-origin': 'github.com/acme/app',
        'oidc.circleci.com/vcs-ref': 'refs/heads/main',
      };
    // https://buildkite.com/docs/agent/v3/cli-oidc
    case 'buildkite':
      return {
        organization_slug: 'acme',
        pipeline_slug: 'deploy',
        build_number: 1,
        build_branch: 'main',
        build_tag: null,
        build_commit: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
        step_key: 'deploy',
        job_id: '0184990a-477b-4fa8-9968-496074483cee',
        agent_id: '0184990a-4782-42b5-afc1-16715b10b120',
      };
    // https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/
    case 'bitbucket-pipelines':
      return {
        accountUuid: '{1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9}',
        workspaceUuid: '{7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f}',
        repositoryUuid: '{3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912}',
        pipelineUuid: '{0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d}',
        stepUuid: '{4f6b1c2d-8e3a-4b7f-9c1d-2e5a6b7c8d9e}',
        branchName: 'main',
      };
    // https://docs.github.com/actions/reference/security/oidc (the example token)
    case 'github':
      return {
        ref: 'refs/heads/main',
        ref_type: 'branch',
        sha: '9f3182061f1e2cca4702c368cbc039b7dc9d4485',
        repository_owner: 'octo-org',
        repository_visibility: 'private',
        actor: 'octocat',
        event_name: 'push',
        workflow: 'deploy',
        run_id: '8675309',
        run_number: '7',
        run_attempt: '1',
        runner_environment: 'github-hosted',
        head_ref: '',
        base_ref: '',
      };
    // A projected service-account token: https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/
    case 'eks':
      return { 'kubernetes.io': { namespace: 'ci', serviceaccount: { name: 'reader', uid: '4f6b1c2d-8e3a-4b7f-9c1d-2e5a6b7c8d9e' } } };
    case 'google':
      return { azp: '123456789012345678901', email: 'deployer@project.iam.gserviceaccount.com', email_verified: true };
    default:
      return {};
  }
}

/** A real-format token's claims: the vendor's claim set, with the proof's claims (sub, aud, pinned ids) over it. */
export function vendorToken(host: string, claims: Readonly<Record<string, string>>): Record<string, unknown> {
  const iss = host === GOOGLE_ISSUER ? `https://${GOOGLE_ISSUER}` : `https://${host}`;
  return { iss, ...REGISTERED, ...vendorClaims(host), ...claims };
}

/** An unsigned JWT of these claims (`alg: none`, empty signature), as `explain` must read it without checking anything. */
export function unsignedJwt(claims: Readonly<Record<string, unknown>>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}
