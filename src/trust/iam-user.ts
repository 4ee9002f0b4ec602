import { problems as P } from '../errors';
import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';

export function iamUserArn(partition: string, accountId: string, user: string): string {
  return `arn:${partition}:iam::${accountId}:user/${user}`;
}

/**
 * The access-key fallback of the Airflow scenario: an IAM user in the role's
 * account whose key may only assume this role. Off unless
 * `options.allowIamUserAccessKeys` is true, and always reported as a warning.
 */
export function iamUser(t: Extract<TrustSpec, { type: 'iam-user' }>, ctx: TrustBuildContext): TrustResult | undefined {
  if (!ctx.options.allowIamUserAccessKeys) {
    ctx.report('type', (f, p) => P.iamUserNotAllowed(f, p, t.user));
    return undefined;
  }
  const userArn = iamUserArn(ctx.partition, ctx.account.id, t.user);
  return {
    statements: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [userArn] }] }],
    resolved: { spec: t, userArn },
  };
}
