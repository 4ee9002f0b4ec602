import type { TrustSpec } from '../input/trust-types';
import { webIdentityStatement } from './oidc';
import type { TrustBuildContext, TrustResult } from './context';

/** IRSA: one service account of one namespace, matched exactly. */
export function kubernetesServiceAccount(t: Extract<TrustSpec, { type: 'kubernetes-service-account' }>, ctx: TrustBuildContext): TrustResult | undefined {
  const provider = ctx.provider(t.issuer);
  if (!provider) return undefined;
  const subject = `system:serviceaccount:${t.namespace}:${t.serviceAccount}`;
  return {
    statements: [
      webIdentityStatement(
        provider,
        { test: 'StringEquals', variable: `${provider.host}:sub`, values: [subject] },
        t.pinAudience === false ? false : undefined,
      ),
    ],
    resolved: { spec: t, provider, subject },
  };
}
