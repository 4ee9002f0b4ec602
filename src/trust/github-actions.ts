import { presetProblems } from '../errors';
import type { OidcProviderModel } from '../model/types';
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

/**
 * GitHub Actions through the repository's OIDC tokens: `aud` pinned with
 * StringEquals (sts.amazonaws.com by default, what configure-aws-credentials
 * requests), `sub` exact unless a branch pattern or `allRefs` asks for StringLike.
 */
export function githubActions(t: GithubActions, ctx: TrustContext): TrustResult | undefined {
  const provider = ctx.provider(t.issuer);
  if (!provider) return undefined;
  if (!isGithubIssuer(provider)) {
    ctx.report(presetProblems.notGithubIssuer(t.issuer, provider.url));
    return undefined;
  }
  const subjects = githubSubjects(t);
  return { statements: subjectStatements(provider, subjects), resolved: { spec: t, provider, subjects } };
}
