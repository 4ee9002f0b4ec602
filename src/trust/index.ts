import type { TrustSpec } from '../spec/schema';
import { awsRole } from './aws-role';
import { awsService } from './aws-service';
import type { TrustContext, TrustResult } from './context';
import { dataPlatformProject } from './data-platform-project';
import { googleServiceAccount } from './google-service-account';
import { kubernetesServiceAccount } from './kubernetes-service-account';

export type { TrustContext, TrustResult } from './context';

type Builders = { [K in TrustSpec['type']]: (t: Extract<TrustSpec, { type: K }>, ctx: TrustContext) => TrustResult | undefined };

/** One builder per trust type; adding a type to the schema without a builder fails to compile. */
const builders: Builders = {
  'data-platform-project': dataPlatformProject,
  'kubernetes-service-account': kubernetesServiceAccount,
  'google-service-account': googleServiceAccount,
  'aws-role': awsRole,
  'aws-service': awsService,
};

export function buildTrust(t: TrustSpec, ctx: TrustContext): TrustResult | undefined {
  return (builders[t.type] as (t: TrustSpec, ctx: TrustContext) => TrustResult | undefined)(t, ctx);
}
