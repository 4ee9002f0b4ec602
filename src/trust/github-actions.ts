import { problems as P } from '../errors';
import type { OidcProviderModel } from '../model/types';
import type { Condition } from '../policy/document';
import { WILDCARD } from '../input/primitives/patterns';
import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';
import { acceptedClaims, claimAccepted, issuerOf } from '../input/issuers';
import { subjectStatements } from './oidc';

type GithubActions = Extract<TrustSpec, { type: 'github-actions' }>;

/** GitHub's token issuer, as the issuer table says: github.com or GHE.com, an enterprise's issuer below either, or GitHub Enterprise Server's `/_services/token`. */
export function isGithubIssuer(provider: Pick<OidcProviderModel, 'host'>): boolean {
  return issuerOf(provider.host).kind === 'github';
}

type Ids = Pick<GithubActions, 'ownerId' | 'repositoryId' | 'idsIn'>;

/**
 * Whether the ids are pinned in the subject (`idsIn` subject, both or migration), and in the claims
 * (claims, both or migration). With `migration` the name-only subject is written too
 * (`namesInSubject`), ANDed with the id claims like every other subject of the entry.
 */
export const idsInSubject = (t: Ids) => t.ownerId !== undefined && t.repositoryId !== undefined && t.idsIn !== 'claims';
export const idsInClaims = (t: Ids) =>
  t.ownerId !== undefined && t.repositoryId !== undefined && (t.idsIn === 'claims' || t.idsIn === 'both' || t.idsIn === 'migration');
/** Whether the name-only subject `repo:owner/repo:` is written: without ids, with `idsIn: claims`, and beside the id form with `migration`. */
export const namesInSubject = (t: Ids) => !idsInSubject(t) || t.idsIn === 'migration';

/** `repo:owner/repo`, or GitHub's immutable `repo:owner@ID/repo@ID` when both ids are given and pinned in the subject. */
export function githubRepoPrefix(t: Pick<GithubActions, 'repository'> & Ids): string {
  const [owner, repo] = t.repository.split('/');
  return idsInSubject(t) ? `repo:${owner}@${t.ownerId}/${repo}@${t.repositoryId}` : `repo:${owner}/${repo}`;
}

/**
 * The `sub` values GitHub puts in the tokens of the allowed workflow runs: after the
 * repository prefix, and with `idsIn: migration` after both prefixes (the id form first).
 */
export function githubSubjects(t: GithubActions): string[] {
  const prefixes = t.idsIn === 'migration' && idsInSubject(t) ? [githubRepoPrefix(t), githubRepoPrefix({ ...t, idsIn: 'claims' })] : [githubRepoPrefix(t)];
  return prefixes.flatMap((prefix) => {
    if (t.allRefs) return [`${prefix}:*`];
    return [
      ...t.branches.map((b) => `${prefix}:ref:refs/heads/${b}`),
      ...t.environments.map((e) => `${prefix}:environment:${e}`),
      ...(t.pullRequests ? [`${prefix}:pull_request`] : []),
    ];
  });
}

/** GitHub Enterprise Cloud's issuer for an enterprise slug. */
export const githubEnterpriseIssuer = (enterprise: string) => `https://token.actions.githubusercontent.com/${enterprise}`;

/**
 * The claims besides `sub` that STS accepts as condition keys for GitHub
 * (docs/issuers.md), each a condition ANDed to every statement of the trust:
 * they only ever narrow it. The immutable owner and repository ids (with
 * `idsIn: claims`, `both` or `migration`), reusable workflows (a `*` only after `@` makes
 * it StringLike), actors and the enterprise.
 */
export function githubClaimConditions(t: Pick<GithubActions, 'jobWorkflowRefs' | 'actorIds' | 'enterpriseId'> & Ids, host: string): Condition[] {
  const out: Condition[] = [];
  if (idsInClaims(t)) {
    out.push({ test: 'StringEquals', variable: `${host}:repository_owner_id`, values: [t.ownerId!] });
    out.push({ test: 'StringEquals', variable: `${host}:repository_id`, values: [t.repositoryId!] });
  }
  if (t.jobWorkflowRefs.length > 0) {
    out.push({
      test: t.jobWorkflowRefs.some((r) => WILDCARD.test(r)) ? 'StringLike' : 'StringEquals',
      variable: `${host}:job_workflow_ref`,
      values: [...t.jobWorkflowRefs],
    });
  }
  if (t.actorIds.length > 0) out.push({ test: 'StringEquals', variable: `${host}:actor_id`, values: [...t.actorIds] });
  if (t.enterpriseId !== undefined) out.push({ test: 'StringEquals', variable: `${host}:enterprise_id`, values: [t.enterpriseId] });
  return out;
}

/** The trust field that writes each claim condition, for messages. */
const CLAIM_FIELD: Readonly<Record<string, string>> = {
  repository_owner_id: 'idsIn',
  repository_id: 'idsIn',
  job_workflow_ref: 'jobWorkflowRefs',
  actor_id: 'actorIds',
  enterprise_id: 'enterpriseId',
};

/**
 * GitHub Actions through the repository's OIDC tokens: `aud` pinned with
 * StringEquals (sts.amazonaws.com by default, what configure-aws-credentials
 * requests), `sub` exact unless a branch pattern or `allRefs` asks for StringLike,
 * and the optional claim conditions (reusable workflow, actor, enterprise).
 * With `enterprise`, the issuer must be that enterprise's.
 */
export function githubActions(t: GithubActions, ctx: TrustBuildContext): TrustResult | undefined {
  const provider = ctx.provider(t.issuer);
  if (!provider) return undefined;
  if (!isGithubIssuer(provider)) {
    ctx.report('issuer', (f, p) => P.notGithubIssuer(f, p, t.issuer, provider.url));
    return undefined;
  }
  if (t.enterprise !== undefined && provider.url !== githubEnterpriseIssuer(t.enterprise)) {
    const [vendor, expected] = [`GitHub Enterprise Cloud enterprise "${t.enterprise}"`, githubEnterpriseIssuer(t.enterprise)];
    ctx.report('issuer', (f, p) => P.notVendorIssuer(f, p, t.issuer, provider.url, vendor, expected));
    return undefined;
  }
  const subjects = githubSubjects(t);
  const claims = githubClaimConditions(t, provider.host);
  // GitHub Enterprise Server's issuer is not among those whose claims STS accepts: such a condition would never match.
  const refused = claims.map((c) => c.variable.slice(provider.host.length + 1)).find((claim) => !claimAccepted(provider.host, claim));
  if (refused !== undefined) {
    ctx.report(CLAIM_FIELD[refused], (f, p) => P.claimNotAccepted(f, p, refused, provider.host, acceptedClaims(provider.host)));
    return undefined;
  }
  return { statements: subjectStatements(provider, subjects, provider.audience, claims), resolved: { spec: t, provider, subjects } };
}
