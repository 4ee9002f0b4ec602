import type { TrustSpec } from '../spec/schema';
import type { TrustContext, TrustResult } from './context';

/** `sts:AssumeRole` from exactly one role, named by name or by ARN. */
export function awsRole(t: Extract<TrustSpec, { type: 'aws-role' }>, ctx: TrustContext): TrustResult | undefined {
  const role = ctx.role(t.role, t.account);
  if (!role) return undefined;
  return {
    statements: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [role.arn] }] }],
    resolved: { spec: t, roleArn: role.arn, account: role.account },
  };
}
