/**
 * The token claims STS puts in the request context of
 * AssumeRoleWithWebIdentity, per issuer, so that a trust policy can test
 * them as `<issuer host/path>:<claim>`. A condition on any other claim is
 * never present: under a positive operator nobody can assume the role, under
 * a negated or …IfExists one everybody with a token can (TRUST010).
 *
 * Source: AWS's Service Authorization Reference for STS (the condition keys of
 * sts:AssumeRoleWithWebIdentity), read through its generated copy in
 * udondan/iam-floyd; docs/issuers.md says which key comes from where. Not
 * listed there, so not accepted here: GitHub Enterprise Server
 * (`<host>/_services/token`), GitLab Self-Managed, Terraform Enterprise, HCP
 * Terraform and Bitbucket Pipelines claims.
 */

/** Keys every OIDC issuer's tokens give (IAM User Guide, "Available keys for OIDC federation"), besides `sub` and `aud`. */
export const ANY_ISSUER_CLAIMS: readonly string[] = ['amr', 'azp', 'email', 'oaud'];

export interface IssuerClaims {
  /** The issuer in messages. */
  readonly name: string;
  /** Its condition-key prefix (the issuer URL without `https://`), lower case. */
  readonly host: RegExp;
  /** The claims STS accepts as condition keys for it. */
  readonly claims: readonly string[];
}

/** GitHub's claims: github.com's issuer, an enterprise's issuer below it, GHE.com, and the enterprise-scoped `github.com/enterprises/<name>`. */
export const GITHUB_CLAIMS: readonly string[] = ['actor', 'actor_id', 'enterprise_id', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id', 'repository_owner_id', 'workflow'];

export const ISSUER_CLAIMS: readonly IssuerClaims[] = [
  {
    name: 'GitHub Actions',
    host: /^(token\.actions\.githubusercontent\.com(\/[^/]+)?|token\.actions\.[^/]+\.ghe\.com|github\.com\/enterprises\/[^/]+)$/,
    claims: GITHUB_CLAIMS,
  },
  {
    name: 'GitLab.com',
    host: /^gitlab\.com$/,
    claims: ['namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment', 'user_access_level', 'user_email', 'user_id', 'user_login'],
  },
  {
    name: 'Buildkite',
    host: /^agent\.(buildkite\.com|[^/]+\.buildkite\.(dev|site))$/,
    claims: ['build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug'],
  },
  {
    name: 'CircleCI',
    host: /^oidc\.circleci\.com\/org\/[^/]+$/,
    claims: ['oidc.circleci.com/project-id'],
  },
];

/** The issuer-specific claims of this condition-key prefix, if STS documents any. */
export function issuerClaims(host: string): IssuerClaims | undefined {
  const h = host.toLowerCase();
  return ISSUER_CLAIMS.find((i) => i.host.test(h));
}

/** Every claim besides `sub` and `aud` STS accepts for this issuer. */
export function acceptedClaims(host: string): readonly string[] {
  return [...ANY_ISSUER_CLAIMS, ...(issuerClaims(host)?.claims ?? [])];
}

/** Whether STS puts this claim of this issuer in the request context. */
export function claimAccepted(host: string, claim: string): boolean {
  return acceptedClaims(host).includes(claim.toLowerCase());
}
