import type { TrustSpec } from '../input/trust-types';
import type { TrustBuildContext, TrustResult } from './context';

/**
 * `sts:AssumeRole` from a whole account (its root): any of its principals that its own policies
 * allow gets in (TRUST014 warns). With `externalId`, only when it sends that `sts:ExternalId`.
 */
export function awsAccount(t: Extract<TrustSpec, { type: 'aws-account' }>, ctx: TrustBuildContext): TrustResult {
  const rootArn = `arn:${ctx.partition}:iam::${t.accountId}:root`;
  const conditions = t.externalId ? [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [t.externalId] }] : undefined;
  return {
    statements: [
      { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [rootArn] }], ...(conditions ? { conditions } : {}) },
    ],
    resolved: { spec: t, rootArn },
  };
}
