/**
 * The entry point for a trust document from anywhere (a raw IAM export such
 * as `get-account-authorization-details`, a plan, a hand-written policy):
 * may this caller assume this role? The same evaluation every cell of the
 * access check makes, without a spec.
 */
import { evaluateAssumeRole, type AssumeRoleDecision, type CallerPolicies } from './evaluate/assume-role';
import type { Caller } from './identities/caller';
import { requestFor } from './identities/identities';
import { awsPrincipalParts } from './evaluate/request';

/**
 * Evaluates `trust` (IAM JSON, an object or its text) of the role `roleArn`
 * for `caller`. For an AWS caller, `callerPolicies` are its identity
 * policies (needed across accounts or through an account principal; without
 * them the decision notes the assumption).
 */
export function evaluateTrust(roleArn: string, trust: unknown, caller: Caller, callerPolicies?: CallerPolicies): AssumeRoleDecision {
  const role = awsPrincipalParts(roleArn);
  if (!role || role.kind !== 'role') throw new Error(`${roleArn} is not an IAM role ARN`);
  const request = requestFor(caller, role.partition, role.account, roleArn);
  return evaluateAssumeRole({ roleArn, trust, caller: request.principal!, context: request.context, callerPolicies });
}
