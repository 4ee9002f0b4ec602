/**
 * The export IAM would print after a synthesized spec is applied: one
 * `get-account-authorization-details` document per account, with the trust
 * and inline policies as synthesis writes them (the cross-account grants
 * included) and the OIDC providers as `get-open-id-connect-provider` prints
 * them. Feeding it back to `import` must give back equivalent roles.
 */
import type { Model } from '../model/types';
import { GRANT_POLICY_NAME } from '../names';
import { toIamPolicy } from '../policy/document';

export interface ModelExport {
  /** File name -> JSON document. */
  readonly files: ReadonlyMap<string, unknown>;
}

export function exportFromModel(model: Model, options: { readonly urlEncoded?: boolean } = {}): ModelExport {
  const doc = (d: unknown) => (options.urlEncoded ? encodeURIComponent(JSON.stringify(d)) : d);
  const files = new Map<string, unknown>();
  for (const account of model.accounts) {
    const roles = account.roles.map((role) => {
      const grants = account.grants.filter((g) => g.roleTfId === role.tfId);
      return {
        Path: role.path,
        RoleName: role.name,
        RoleId: `AROA${account.id}${role.tfId.length}`.slice(0, 21).toUpperCase(),
        Arn: role.arn,
        CreateDate: '2026-01-01T00:00:00+00:00',
        AssumeRolePolicyDocument: doc(toIamPolicy(role.trustPolicy)),
        InstanceProfileList: [],
        RolePolicyList: [
          ...role.inlinePolicies.map((p) => ({ PolicyName: p.name, PolicyDocument: doc(toIamPolicy(p.document)) })),
          ...grants.map((g) => ({ PolicyName: GRANT_POLICY_NAME, PolicyDocument: doc(toIamPolicy(g.document)) })),
        ],
        AttachedManagedPolicies: role.managedPolicyArns.map((m) => ({ PolicyName: m.arn.slice(m.arn.lastIndexOf('/') + 1), PolicyArn: m.arn })),
        ...(role.permissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: role.permissionsBoundary } } : {}),
        Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
        RoleLastUsed: {},
      };
    });
    files.set(`${account.name}.json`, { RoleDetailList: roles, UserDetailList: [], GroupDetailList: [], Policies: [] });
    // list-roles carries what the authorization details leave out.
    files.set(`${account.name}-roles.json`, {
      Roles: account.roles.map((r) => ({
        RoleName: r.name,
        Arn: r.arn,
        Path: r.path,
        ...(r.description ? { Description: r.description } : {}),
        MaxSessionDuration: r.maxSessionDuration ?? 3600,
      })),
    });
    const created = account.oidcProviders.filter((p) => p.mode === 'create');
    if (created.length > 0) files.set(`${account.name}-oidc-providers.json`, { OpenIDConnectProviderList: created.map((p) => ({ Arn: p.arn })) });
    for (const p of created) {
      files.set(`${account.name}-oidc-${p.issuer}.json`, {
        Url: p.host,
        ClientIDList: [...p.clientIds],
        ThumbprintList: [...p.thumbprints],
        CreateDate: '2026-01-01T00:00:00+00:00',
      });
    }
  }
  return { files };
}
