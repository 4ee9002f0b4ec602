import type { TrustSpec } from '../input/trust-types';
import type { TrustResult } from './context';

/** `sts:AssumeRole` from an AWS service principal such as `s3.amazonaws.com`. */
export function awsService(t: Extract<TrustSpec, { type: 'aws-service' }>): TrustResult {
  return {
    statements: [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: [t.service] }] }],
    resolved: { spec: t },
  };
}
