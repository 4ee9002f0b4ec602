/**
 * One role of the spec, resolved: its trust entries built (each through the
 * trust context), its trust policy merged, its managed policies attached by
 * ARN, its inline policies written, and the operators of its documents chosen
 * (exact-match.ts), unless the role keeps them as written.
 */
import { problems as P } from '../errors';
import type { AccountSpec, RoleSpec } from '../input/schema';
import { mergeStatements, type Statement } from '../policy/document';
import { buildTrust } from '../trust';
import { parseRoleArn, type IdentifierScope } from './arn';
import type { DeclaredRole } from './declared-role';
import { exactMatchOperators, keptAsWritten } from './exact-match';
import { policyRef } from './policy-ref';
import { specStatements } from './statements';
import { trustContext, type ResolverParts, type RoleDependencies } from './trust-context';
import type { ManagedPolicyModel, ResolvedTrust, RoleModel } from './types';

/** The parts of the resolver a role reaches: those of its trust entries, and the customer-managed policies of the spec. */
export interface RoleResolverParts extends ResolverParts {
  /** account -> customer-managed policies the spec defines there, by name. */
  readonly definedPolicies: ReadonlyMap<string, ReadonlyMap<string, ManagedPolicyModel>>;
}

/** The role `role` of `account` (the `ai`th), at `rolePath`; its policies and attachments claim Terraform ids in the scopes given. */
export function resolveRole(
  r: RoleResolverParts,
  account: AccountSpec,
  ai: number,
  role: RoleSpec,
  rolePath: string,
  policyIds: IdentifierScope,
  attachmentIds: IdentifierScope,
): RoleModel {
  const self = r.index.declared(account.name, role.name)!;
  const statements: Statement[] = [];
  const trust: ResolvedTrust[] = [];
  const dependsOn: RoleDependencies = { providers: new Set(), roles: new Set(), accounts: new Set() };
  // The operators of its documents are chosen here (exact-match.ts), unless the role keeps them as written.
  const keep = keptAsWritten(role.suppressions, account.suppressions);

  role.trust.forEach((entry, ti) => {
    const entryPath = `${rolePath}.trust[${ti}]`;
    const ctx = trustContext(r, account, ai, role, self, entryPath, dependsOn);
    const result = buildTrust(entry, ctx);
    if (!result) return;
    // An Airflow connection is ours to write only when our own role is the caller.
    if (
      result.resolved.spec.type === 'aws-role' &&
      typeof result.resolved.spec.airflowConnection === 'string' &&
      'roleArn' in result.resolved &&
      !result.resolved.account
    ) {
      const caller = result.resolved.roleArn;
      r.report(`${entryPath}.airflowConnection`, (f, p) => P.connectionForOutsideCaller(f, p, caller));
    }
    statements.push(...result.statements);
    // The association of a chained role names the role it chains into.
    const target = self.chained
      ? r.index.declared(self.chained.target.account, self.chained.target.name)?.arn
      : result.resolved.spec.type === 'eks-pod-identity' && result.resolved.spec.targetRoleArn !== undefined
        ? outsideTarget(r, account, self, result.resolved.spec.targetRoleArn, `${entryPath}.targetRoleArn`)
        : undefined;
    trust.push(target !== undefined && result.resolved.spec.type === 'eks-pod-identity' ? { ...result.resolved, targetRoleArn: target } : result.resolved);
  });

  return {
    name: self.iamName,
    path: role.path,
    arn: self.arn,
    description: role.description,
    maxSessionDuration: role.maxSessionDuration,
    permissionsBoundary:
      role.permissionsBoundary && policyRef(role.permissionsBoundary, account, `${rolePath}.permissionsBoundary`, (path, p) => r.report(path, p)),
    managedPolicyArns: role.managedPolicies.flatMap((ref, i) => {
      // A policy the spec defines in this account, by name or by its full ARN: attached by reference, so it is created first.
      const own = r.definedPolicies.get(account.name);
      const defined = ref.startsWith('arn:') ? [...(own?.values() ?? [])].find((p) => p.arn === ref) : own?.get(ref);
      const arn = defined?.arn ?? policyRef(ref, account, `${rolePath}.managedPolicies[${i}]`, (path, p) => r.report(path, p));
      return arn
        ? [{ arn, tfId: attachmentIds.claim(`${self.tfId}_${arn.slice(arn.lastIndexOf('/') + 1)}`), ...(defined ? { policyTfId: defined.tfId } : {}) }]
        : [];
    }),
    inlinePolicies: role.inlinePolicies.map((policy, pi) => ({
      name: policy.name,
      tfId: policyIds.claim(`${self.tfId}_${policy.name}`),
      document: exactMatchOperators(
        { statements: specStatements(policy.statements, `${rolePath}.inlinePolicies[${pi}].statements`, (path, p) => r.report(path, p)) },
        keep,
      ),
    })),
    tags: role.tags,
    trustPolicy: exactMatchOperators({ statements: mergeStatements(statements) }, keep),
    trust,
    tfId: self.tfId,
    trustTfId: policyIds.claim(`${self.tfId}_trust`),
    dependsOnProviders: [...dependsOn.providers],
    dependsOnRoles: [...dependsOn.roles],
    dependsOnAccounts: [...dependsOn.accounts],
    suppressions: role.suppressions,
    ...(role.adopt ? { adopt: true } : {}),
    ...(role.airflow ? { airflow: true } : {}),
    ...(self.chained ? { origin: self.chained.origin } : {}),
  };
}

/**
 * A target role outside the spec that `self`'s association chains into: the
 * ARN, once `self` is granted `sts:AssumeRole` and `sts:TagSession` on it.
 */
function outsideTarget(r: RoleResolverParts, account: AccountSpec, self: DeclaredRole, arn: string, path: string): string | undefined {
  const parsed = parseRoleArn(arn);
  if (!parsed) return void r.report(path, (f, p) => P.badArn(f, p, arn, 'role'));
  if (parsed.partition !== account.partition)
    return void r.report(path, (f, p) => P.crossPartition(f, p, arn, parsed.partition, account.partition, account.name));
  const owner = r.index.accountsById.get(parsed.accountId);
  if (owner) return void r.report(path, (f, p) => P.targetInSpec(f, p, arn, owner.name, account.name, self.role.name));
  r.grants.add(account.name, self.iamName, arn, true);
  return arn;
}
