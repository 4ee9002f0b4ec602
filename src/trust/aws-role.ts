import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';

/** `sts:AssumeRole` from exactly one role, named by name or by ARN; with `externalId`, only when it sends that `sts:ExternalId`. */
export function awsRole(t: Extract<TrustSpec, { type: 'aws-role' }>, ctx: TrustBuildContext): TrustResult | undefined {
  const role = ctx.role(t.role, t.account);
  if (!role) return undefined;
  const conditions = t.externalId ? [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [t.externalId] }] : undefined;
  return {
    statements: [
      { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [role.arn] }], ...(conditions ? { conditions } : {}) },
    ],
    resolved: { spec: t, roleArn: role.arn, account: role.account },
  };
}
