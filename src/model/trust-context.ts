/**
 * The trust context: all that the trust builders (src/trust/) see of the
 * resolver while they build one trust entry. Each answer records what the role
 * then depends on, the trust edge and the caller's grant of a trusted role, and
 * reports what it cannot find at the entry's field.
 */
import { problems as P } from '../errors';
import type { AccountSpec, RoleSpec, Spec } from '../input/schema';
import type { TrustBuildContext } from '../trust';
import type { DeclaredRole } from './declared-role';
import type { CrossAccountGrants } from './grants';
import type { Report, SpecIndex } from './spec-index';
import type { TrustEdges } from './trust-edges';

/** What a role's trust waits for: the `depends_on` of its `aws_iam_role`, filled in while its trust is built. */
export interface RoleDependencies {
  /** tfIds of the OIDC providers of its account that it trusts and the account creates. */
  readonly providers: Set<string>;
  /** tfIds of the roles of its own account that it trusts. */
  readonly roles: Set<string>;
  /** Names of the other accounts whose roles it trusts. */
  readonly accounts: Set<string>;
}

/** The parts of the resolver a trust entry reaches. */
export interface ResolverParts {
  readonly spec: Spec;
  readonly index: SpecIndex;
  /** trusting role -> trusted roles (declared in the spec). */
  readonly edges: TrustEdges;
  /** Cross-account grants, on the calling side. */
  readonly grants: CrossAccountGrants;
  readonly report: Report;
}

/**
 * What the trust builders ask while building one trust entry of `role`
 * (declared as `self`, the entry at `entryPath`): the OIDC provider of an
 * issuer, an account or a role of the spec by name. Each answer records what the role then depends on (in
 * `dependsOn`), the edge and the caller's grant of a trusted role, and
 * reports what it cannot find at the entry's field.
 */
export function trustContext(
  r: ResolverParts,
  account: AccountSpec,
  ai: number,
  role: RoleSpec,
  self: DeclaredRole,
  entryPath: string,
  dependsOn: RoleDependencies,
): TrustBuildContext {
  return {
    partition: account.partition,
    account: { id: account.id, region: account.region },
    options: r.spec.options,
    provider: (issuer) => {
      if (!Object.hasOwn(r.spec.issuers, issuer)) {
        r.report(`${entryPath}.issuer`, (f, p) => P.unknownIssuer(f, p, issuer, Object.keys(r.spec.issuers)));
        return undefined;
      }
      const provider = r.index.providers.get(account.name)?.get(issuer);
      if (!provider) r.report(`${entryPath}.issuer`, (f, p) => P.issuerNotInAccount(f, p, issuer, account.name, ai));
      else if (provider.mode === 'create') dependsOn.providers.add(provider.tfId);
      return provider;
    },
    specAccount: (name, field) => {
      const found = r.index.accountsByName.get(name)?.spec;
      if (!found) r.report(`${entryPath}.${field}`, (f, p) => P.unknownAccount(f, p, name, [...r.index.accountsByName.keys()]));
      return found;
    },
    role: (ref, accountName, grant) => {
      const target = r.index.lookupRole(ref, accountName, account, `${entryPath}`);
      if (!target) return undefined;
      if (target.declared) {
        if (target.declared.account.name === account.name && target.declared.role.name.toLowerCase() === role.name.toLowerCase()) {
          r.report(`${entryPath}.role`, (f, p) => P.selfTrust(f, p, role.name));
          return undefined;
        }
        r.edges.add({ account: account.name, name: role.name }, { account: target.declared.account.name, name: target.declared.role.name });
        if (target.declared.account.name === account.name) dependsOn.roles.add(target.declared.tfId);
        else dependsOn.accounts.add(target.declared.account.name);
      }
      if (target.accountName && target.accountName !== account.name) r.grants.add(target.accountName, target.roleName, self.arn, grant?.tagSession === true);
      return { arn: target.arn, account: target.accountName };
    },
    report: (field, problem) => r.report(`${entryPath}.${field}`, problem),
  };
}
