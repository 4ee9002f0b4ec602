import type { TrustSpec } from '../input/trust-types';
import { awsOrganization } from './aws-organization';
import { awsRole } from './aws-role';
import { awsAccount } from './aws-account';
import { awsService } from './aws-service';
import { CI_PRESETS, type CiTrustType } from '../input/trust-types/ci-presets';
import { ciTrust } from './ci';
import type { TrustBuildContext, TrustResult } from './context';
import { applyTrustControls } from './controls';
import { dataPlatformProject } from './data-platform-project';
import { eksPodIdentity } from './eks-pod-identity';
import { githubActions } from './github-actions';
import { googleServiceAccount } from './google-service-account';
import { iamUser } from './iam-user';
import { kubernetesServiceAccount } from './kubernetes-service-account';
import { webIdentity } from './web-identity';

export type { TrustBuildContext, TrustResult } from './context';

type Builders = { [K in TrustSpec['type']]: (t: Extract<TrustSpec, { type: K }>, ctx: TrustBuildContext) => TrustResult | undefined };

/** One builder per trust type (one for every CI preset, from its record); adding a type to the schema without a builder fails to compile. */
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
  ...(Object.fromEntries(CI_PRESETS.map((p) => [p.type, ciTrust])) as Pick<Builders, CiTrustType>),
  'aws-organization': awsOrganization,
};

/** The trust entry's statements, with the controls every entry takes (extra conditions, session tags). */
export function buildTrust(t: TrustSpec, ctx: TrustBuildContext): TrustResult | undefined {
  const result = (builders[t.type] as (t: TrustSpec, ctx: TrustBuildContext) => TrustResult | undefined)(t, ctx);
  return result && applyTrustControls(t, result, ctx);
}
