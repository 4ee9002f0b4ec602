/**
 * IAM exports written in a test, in the shape `readExports` returns: one role
 * with only a trust policy, and one account holding roles.
 */
import type { ExportedProvider, ExportedRole, IamExport, PolicyJson } from '../../src/brownfield/export';

/** A role of `accountId` with this trust policy and nothing else: no policies, no tags. */
export function exportedRole(name: string, trust: PolicyJson, accountId = '444444444444', file = 'x.json'): ExportedRole {
  return {
    file,
    accountId,
    partition: 'aws',
    name,
    path: '/',
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    trust,
    inlinePolicies: [],
    managedPolicies: [],
    tags: {},
  };
}

/** An export of one account (the roles' account and files), with these providers. */
export function oneAccountExport(roles: readonly ExportedRole[], providers: readonly ExportedProvider[] = []): IamExport {
  return {
    accounts: [{ accountId: roles[0].accountId, partition: 'aws', files: [...new Set(roles.map((r) => r.file))], roles }],
    providers,
  };
}
