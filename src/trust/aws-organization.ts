import type { TrustSpec } from '../input/trust-types';
import type { TrustResult } from './context';

export const PRINCIPAL_ORG_ID = 'aws:PrincipalOrgID';

/**
 * Organisation-wide trust: any principal of the organization may call
 * `sts:AssumeRole` (its own identity policy must allow it too). `AWS: "*"`
 * is written only together with `aws:PrincipalOrgID` under StringEquals.
 */
export function awsOrganization(t: Extract<TrustSpec, { type: 'aws-organization' }>): TrustResult {
  return {
    statements: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        conditions: [{ test: 'StringEquals', variable: PRINCIPAL_ORG_ID, values: [t.organizationId] }],
      },
    ],
    resolved: { spec: t },
  };
}
