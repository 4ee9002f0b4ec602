import { GOOGLE_ISSUER } from '../model/types';
import type { Condition } from '../policy/document';
import type { TrustSpec } from '../input/trust-types';
import type { TrustResult } from './context';

/**
 * A GCP service account through the built-in `accounts.google.com` provider: no
 * IAM OIDC provider is needed, and `accounts.google.com:aud` carries the
 * service account's unique id.
 */
export function googleServiceAccount(t: Extract<TrustSpec, { type: 'google-service-account' }>): TrustResult {
  const conditions: Condition[] = [{ test: 'StringEquals', variable: `${GOOGLE_ISSUER}:aud`, values: [t.uniqueId] }];
  if (t.requireSubject) conditions.push({ test: 'StringEquals', variable: `${GOOGLE_ISSUER}:sub`, values: [t.uniqueId] });
  return {
    statements: [
      { effect: 'Allow', actions: ['sts:AssumeRoleWithWebIdentity'], principals: [{ type: 'Federated', identifiers: [GOOGLE_ISSUER] }], conditions },
    ],
    resolved: { spec: t },
  };
}
