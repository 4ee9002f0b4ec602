import type { Condition, Statement } from '../policy/document';
import type { OidcProviderModel } from '../model/types';

/** `sts:AssumeRoleWithWebIdentity` for one OIDC provider, with `aud` always pinned by StringEquals. */
export function webIdentityStatement(provider: OidcProviderModel, subject: Condition): Statement {
  return {
    effect: 'Allow',
    actions: ['sts:AssumeRoleWithWebIdentity'],
    principals: [{ type: 'Federated', identifiers: [provider.arn] }],
    conditions: [subject, { test: 'StringEquals', variable: `${provider.host}:aud`, values: [provider.audience] }],
  };
}
