/**
 * The customer-managed policies an account defines (`policies:`): one per
 * name, the ARN (with its path) built from the account id, ids for the
 * `aws_iam_policy` and its policy document.
 */
import { problems, type Problem } from '../errors';
import type { AccountSpec } from '../input/schema';
import { IdentifierScope } from './arn';
import { specStatements } from './statements';
import type { ManagedPolicyModel } from './types';

export function defineManagedPolicies(
  account: AccountSpec,
  ai: number,
  docIds: IdentifierScope,
  report: (path: string, p: (file: string, path: string) => Problem) => void,
): Map<string, ManagedPolicyModel> {
  const byName = new Map<string, ManagedPolicyModel>();
  const ids = new IdentifierScope();
  account.policies.forEach((policy, pi) => {
    if (byName.has(policy.name)) {
      report(`accounts[${ai}].policies[${pi}].name`, (f, p) => problems.duplicatePolicy(f, p, policy.name, account.name));
      return;
    }
    const tfId = ids.claim(policy.name);
    byName.set(policy.name, {
      name: policy.name,
      path: policy.path,
      arn: `arn:${account.partition}:iam::${account.id}:policy${policy.path}${policy.name}`,
      description: policy.description,
      document: { statements: specStatements(policy.statements, `accounts[${ai}].policies[${pi}].statements`, report) },
      tfId,
      docTfId: docIds.claim(`policy_${tfId}`),
    });
  });
  return byName;
}
