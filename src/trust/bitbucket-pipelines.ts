import type { TrustSpec } from '../spec/schema';
import { ciTrust } from './ci';
import { BITBUCKET_AUDIENCE, BITBUCKET_ISSUER } from './ci-vendors';
import type { TrustContext, TrustResult } from './context';

type Bitbucket = Extract<TrustSpec, { type: 'bitbucket-pipelines' }>;

/**
 * Bitbucket's `sub` is `{<repository>}:{<step>}`, or
 * `{<repository>}:{<environment>}:{<step>}` for a deployment step
 * (docs/issuers.md): pinned by the repository UUID (braces close it, so no
 * other repository shares the prefix) and the environment UUID when given;
 * only the step, which changes on every run, is the trailing wildcard.
 */
export function bitbucketSubjects(t: Pick<Bitbucket, 'repositoryUuid' | 'environmentUuid'>): string[] {
  return [t.environmentUuid ? `{${t.repositoryUuid}}:{${t.environmentUuid}}:*` : `{${t.repositoryUuid}}:*`];
}

/** Bitbucket Pipelines steps of one repository; the issuer is the workspace's, `aud` its ARI. */
export function bitbucketPipelines(t: Bitbucket, ctx: TrustContext): TrustResult | undefined {
  return ciTrust(t, ctx, 'bitbucket', { exact: BITBUCKET_ISSUER(t.workspace) }, bitbucketSubjects(t), { value: BITBUCKET_AUDIENCE(t.workspaceUuid), field: 'workspaceUuid' });
}
