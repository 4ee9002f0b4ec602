import { presetProblems } from '../errors';
import type { OidcProviderModel } from '../model/types';
import type { Condition, Statement } from '../policy/document';
import { WILDCARD } from '../spec/presets';
import type { TrustSpec } from '../spec/schema';
import type { TrustContext, TrustResult } from './context';
import { subjectStatements } from './oidc';

type GithubActions = Extract<TrustSpec, { type: 'github-actions' }>;

/** GitHub's token issuer: github.com, an enterprise's issuer below it, or GitHub Enterprise Server's `/_services/token`. */
export function isGithubIssuer(provider: Pick<OidcProviderModel, 'host'>): boolean {
  return /^token\.actions\.githubusercontent\.com(\/[A-Za-z0-9_.-]+)?$/.test(provider.host) || /\/_services\/token$/.test(provider.host);
}

/** `repo:owner/repo`, or GitHub's immutable `repo:owner@ID/repo@ID` when both ids are given. */
export function githubRepoPrefix(t: Pick<GithubActions, 'repository' | 'ownerId' | 'repositoryId'>): string {
  const [owner, repo] = t.repository.split('/');
  return t.ownerId !== undefined && t.repositoryId !== undefined ? `repo:${owner}@${t.ownerId}/${repo}@${t.repositoryId}` : `repo:${owner}/${repo}`;
}

/** The `sub` values GitHub puts in the tokens of the allowed workflow runs. */
export function githubSubjects(t: GithubActions): string[] {
  const prefix = githubRepoPrefix(t);
  if (t.allRefs) return [`${prefix}:*`];
  return [
    ...t.branches.map((b) => `${prefix}:ref:refs/heads/${b}`),
    ...t.environments.map((e) => `${prefix}:environment:${e}`),
    ...(t.pullRequests ? [`${prefix}:pull_request`] : []),
  ];
}

/** GitHub Enterprise Cloud's issuer for an enterprise slug. */
export const githubEnterpriseIssuer = (enterprise: string) => `https://token.actions.githubusercontent.com/${enterprise}`;

/**
 * The claims besides `sub` that STS accepts as condition keys for GitHub
 * (docs/issuers.md), each a condition ANDed to every statement of the trust:
 * they only ever narrow it. A `*` in a workflow ref (only after `@`) makes it StringLike.
 */
export function githubClaimConditions(t: Pick<GithubActions, 'jobWorkflowRefs' | 'actorIds' | 'enterpriseId'>, host: string): Condition[] {
  const out: Condition[] = [];
  if (t.jobWorkflowRefs.length > 0) {
    out.push({ test: t.jobWorkflowRefs.some((r) => WILDCARD.test(r)) ? 'StringLike' : 'StringEquals', variable: `${host}:job_workflow_ref`, values: [...t.jobWorkflowRefs] });
  }
  if (t.actorIds.length > 0) out.push({ test: 'StringEquals', variable: `${host}:actor_id`, values: [...t.actorIds] });
  if (t.enterpriseId !== undefined) out.push({ test: 'StringEquals', variable: `${host}:enterprise_id`, values: [t.enterpriseId] });
  return out;
}

/**
 * GitHub Actions through the repository's OIDC tokens: `aud` pinned with
 * StringEquals (sts.amazonaws.com by default, what configure-aws-credentials
 * requests), `sub` exact unless a branch pattern or `allRefs` asks for StringLike,
 * and the optional claim conditions (reusable workflow, actor, enterprise).
 * With `enterprise`, the issuer must be that enterprise's.
 */
export function githubActions(t: GithubActions, ctx: TrustContext): TrustResult | undefined {
  const provider = ctx.provider(t.issuer);
  if (!provider) return undefined;
  if (!isGithubIssuer(provider)) {
    ctx.report(presetProblems.notGithubIssuer(t.issuer, provider.url));
    return undefined;
  }
  if (t.enterprise !== undefined && provider.url !== githubEnterpriseIssuer(t.enterprise)) {
    ctx.report(presetProblems.notVendorIssuer(t.issuer, provider.url, `GitHub Enterprise Cloud enterprise "${t.enterprise}"`, githubEnterpriseIssuer(t.enterprise)));
    return undefined;
  }
  const subjects = githubSubjects(t);
  const claims = githubClaimConditions(t, provider.host);
  const statements: Statement[] = subjectStatements(provider, subjects).map((s) => (claims.length > 0 ? { ...s, conditions: [...s.conditions!, ...claims] } : s));
  return { statements, resolved: { spec: t, provider, subjects } };
}
