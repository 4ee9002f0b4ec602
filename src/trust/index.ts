import type { TrustSpec } from '../spec/schema';
import { awsRole } from './aws-role';
import { awsAccount } from './aws-account';
import { awsService } from './aws-service';
import { bitbucketPipelines } from './bitbucket-pipelines';
import { buildkite } from './buildkite';
import { circleci } from './circleci';
import type { TrustContext, TrustResult } from './context';
import { dataPlatformProject } from './data-platform-project';
import { eksPodIdentity } from './eks-pod-identity';
import { githubActions } from './github-actions';
import { gitlabCi } from './gitlab-ci';
import { googleServiceAccount } from './google-service-account';
import { hcpTerraform } from './hcp-terraform';
import { iamUser } from './iam-user';
import { kubernetesServiceAccount } from './kubernetes-service-account';
import { webIdentity } from './web-identity';

export type { TrustContext, TrustResult } from './context';

type Builders = { [K in TrustSpec['type']]: (t: Extract<TrustSpec, { type: K }>, ctx: TrustContext) => TrustResult | undefined };

/** One builder per trust type; adding a type to the schema without a builder fails to compile. */
const builders: Builders = {
  'data-platform-project': dataPlatformProject,
  'kubernetes-service-account': kubernetesServiceAccount,
  'google-service-account': googleServiceAccount,
  'aws-role': awsRole,
  'aws-service': awsService,
  'aws-account': awsAccount,
  'github-actions': githubActions,
  'eks-pod-identity': eksPodIdentity,
  'web-identity': webIdentity,
  'iam-user': iamUser,
  'gitlab-ci': gitlabCi,
  'hcp-terraform': hcpTerraform,
  circleci,
  buildkite,
  'bitbucket-pipelines': bitbucketPipelines,
};

export function buildTrust(t: TrustSpec, ctx: TrustContext): TrustResult | undefined {
  return (builders[t.type] as (t: TrustSpec, ctx: TrustContext) => TrustResult | undefined)(t, ctx);
}
