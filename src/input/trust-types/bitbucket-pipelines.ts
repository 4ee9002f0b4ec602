/**
 * `type: bitbucket-pipelines`: Bitbucket Pipelines steps of one repository,
 * optionally of one deployment environment.
 *
 * Its preset record (what a record holds: `CiPreset`, `ci-preset.ts`). The
 * schema is `bitbucket-pipelines-schema.ts`, loaded on first use: running a synth never
 * builds it (bench/README.md, round 5). Sources: docs/issuers.md.
 */
import { otherUuid, preset, UUID_SOURCE, type CiNearMiss } from './ci-preset';
import type { bitbucketPipelinesSchema } from './bitbucket-pipelines-schema';

export const bitbucketPipelines = preset({
  type: 'bitbucket-pipelines',
  get schema(): typeof bitbucketPipelinesSchema {
    return (require('./bitbucket-pipelines-schema') as typeof import('./bitbucket-pipelines-schema')).bitbucketPipelinesSchema;
  },
  name: 'Bitbucket Pipelines',
  hosted: { host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/, name: 'Bitbucket Pipelines', claims: [] },
  // The issuer is the workspace's, `aud` its ARI.
  issuer: (t) => ({ exact: `https://api.bitbucket.org/2.0/workspaces/${t.workspace}/pipelines-config/identity/oidc` }),
  audience: (t) => ({ value: `ari:cloud:bitbucket::workspace/${t.workspaceUuid}`, field: 'workspaceUuid' }),
  audienceText: 'ari:cloud:bitbucket::workspace/<workspace-uuid>',
  subjectFormat: '{<repository-uuid>}[:{<environment-uuid>}]:{<step-uuid>, may be a wildcard}',
  fixedPrefix: new RegExp(`^\\{${UUID_SOURCE}\\}`),
  // `{<repository>}:{<step>}`, or `{<repository>}:{<environment>}:{<step>}` for a deployment step: the closing brace pins the repository, only the step is the wildcard.
  subjects: (t) => [t.environmentUuid ? `{${t.repositoryUuid}}:{${t.environmentUuid}}:*` : `{${t.repositoryUuid}}:*`],
  // The issuer is the workspace's; its tokens' aud is the workspace's ARI.
  tenant: (t) => ({ claim: 'aud', values: [`ari:cloud:bitbucket::workspace/${t.workspaceUuid}`] }),
  describe: (s) => `Bitbucket ${s.workspace} repository ${s.repositoryUuid}${s.environmentUuid ? ` · environment ${s.environmentUuid}` : ''}`,
  realSubject: (declared, ex) => declared.replace(/\*$/, `{${ex.uuid}}`),
  nearMisses: (s, _sub, ex) => {
    const step = `{${ex.uuid}}`;
    const out: [CiNearMiss, string][] = [['other-repository', `{${otherUuid(s.repositoryUuid)}}:${step}`]];
    if (s.environmentUuid) {
      out.push(['other-deployment-environment', `{${s.repositoryUuid}}:{${otherUuid(s.environmentUuid)}}:${step}`]);
      out.push(['other-subject', `{${s.repositoryUuid}}:${step}`]);
    }
    return out;
  },
});
