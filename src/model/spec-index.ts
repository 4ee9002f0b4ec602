/**
 * The index of a spec the resolver builds first, before any role is resolved:
 * accounts by name and by id, each account's OIDC providers, and the roles by
 * their name in the spec and by their IAM name (with its prefix), including
 * the association roles that cross-account Pod Identity entries create. Role
 * references (a name, or an ARN) are looked up here. Every problem goes to the
 * resolver's `report`, at its field.
 */
import { formatPath, problems as P, type Problem } from '../errors';
import type { AccountSpec, RoleSpec, Spec } from '../input/schema';
import { ROLE_NAME } from '../input/primitives/patterns';
import { IdentifierScope, issuerHost, oidcProviderArn, parseRoleArn, partitionOfRegion, roleArn } from './arn';
import { iamNameOf, RolesByAccount, type DeclaredRole } from './declared-role';
import { chainedSourceRoles, type ChainedSourceRole } from './pod-identity-chain';
import type { OidcProviderModel } from './types';

/** How the resolver takes a problem: at its field path, the problem made with the file (and line) of that field. */
export type Report = (path: string, p: (file: string, path: string) => Problem) => void;

/** A role reference, looked up: its ARN, and its account and declaration when the spec has them. */
export interface RoleTarget {
  readonly arn: string;
  readonly accountName?: string;
  readonly roleName: string;
  readonly declared?: DeclaredRole;
}

export class SpecIndex {
  readonly accountsByName = new Map<string, { spec: AccountSpec; index: number }>();
  readonly accountsById = new Map<string, AccountSpec>();
  /** account -> lower-case role name (as the spec names it) -> declared role. */
  private readonly roles = new RolesByAccount();
  /** account -> lower-case IAM name (with its prefix) -> declared role, for references by ARN. */
  private readonly rolesByIamName = new RolesByAccount();
  /** account -> issuer -> the account's OIDC provider for it. */
  readonly providers = new Map<string, Map<string, OidcProviderModel>>();
  /** Roles the spec does not declare, created for cross-account Pod Identity entries. */
  readonly chained: readonly ChainedSourceRole[];

  constructor(
    private readonly spec: Spec,
    private readonly report: Report,
  ) {
    this.chained = chainedSourceRoles(spec);
  }

  /** Accounts by name and id, and each account's OIDC providers, by issuer. */
  indexAccounts(): void {
    const issuerNames = Object.keys(this.spec.issuers);
    const accountNames = this.spec.accounts.map((a) => a.name);
    for (const [name, issuer] of Object.entries(this.spec.issuers)) {
      if (issuer.account !== undefined && !accountNames.includes(issuer.account)) {
        this.report(`issuers.${name}.account`, (f, p) => P.unknownIssuerAccount(f, p, issuer.account!, accountNames));
      }
    }
    this.spec.accounts.forEach((account, ai) => {
      const path = `accounts[${ai}]`;
      const regionPartition = partitionOfRegion(account.region);
      if (regionPartition && regionPartition !== account.partition) {
        this.report(`${path}.region`, (f, p) => P.regionNotInPartition(f, p, account.region, account.partition, regionPartition));
      }
      // The schema checked the shape and that the partition is a real one; any partition but the account's is refused.
      const deployPartition = account.deployRole?.split(':')[1];
      if (deployPartition && deployPartition !== account.partition) {
        this.report(`${path}.deployRole`, (f, p) => P.crossPartition(f, p, account.deployRole!, deployPartition, account.partition, account.name));
      }
      if (this.accountsByName.has(account.name)) this.report(`${path}.name`, (f, p) => P.duplicateAccountName(f, p, account.name));
      else this.accountsByName.set(account.name, { spec: account, index: ai });
      const other = this.accountsById.get(account.id);
      if (other) this.report(`${path}.id`, (f, p) => P.duplicateAccountId(f, p, account.id, other.name));
      else this.accountsById.set(account.id, account);

      const ids = new IdentifierScope();
      const providers = new Map<string, OidcProviderModel>();
      for (const [issuerName, setting] of Object.entries(account.oidcProviders)) {
        const mode = typeof setting === 'string' ? setting : 'create';
        const issuer = Object.hasOwn(this.spec.issuers, issuerName) ? this.spec.issuers[issuerName] : undefined;
        if (!issuer) {
          this.report(`${path}.oidcProviders.${issuerName}`, (f, p) => P.unknownIssuer(f, p, issuerName, issuerNames));
          continue;
        }
        const host = issuerHost(issuer.url);
        providers.set(issuerName, {
          issuer: issuerName,
          url: issuer.url,
          host,
          arn: oidcProviderArn(account.partition, account.id, host),
          mode,
          clientIds: issuer.clientIds,
          thumbprints: issuer.thumbprints,
          audience: issuer.audience ?? (issuer.clientIds.includes('sts.amazonaws.com') ? 'sts.amazonaws.com' : issuer.clientIds[0]),
          tfId: ids.claim(issuerName),
          ...(typeof setting === 'object' ? { adopt: true } : {}),
        });
      }
      this.providers.set(account.name, providers);
    });
  }

  /** Roles by spec name and by IAM name, and the association roles of cross-account Pod Identity entries. */
  indexRoles(): void {
    this.spec.accounts.forEach((account, ai) => {
      const ids = new IdentifierScope();
      account.roles.forEach((role, ri) => {
        const field = `accounts[${ai}].roles[${ri}].name`;
        if (this.declared(account.name, role.name)) return this.report(field, (f, p) => P.duplicateRole(f, p, role.name, account.name));
        const iamName = iamNameOf(account, role);
        if (iamName.length > 64) this.report(field, (f, p) => P.prefixedNameTooLong(f, p, iamName));
        if (iamName !== role.name && this.rolesByIamName.get(account.name, iamName)) this.report(field, (f, p) => P.duplicateRole(f, p, iamName, account.name));
        this.declare(account, role, iamName, ids);
      });
      for (const c of this.chained) {
        if (c.clusterAccount !== account.name) continue;
        const iamName = iamNameOf(account, c.role);
        const via = `${formatPath(c.origin)}.via`;
        if (this.declared(account.name, c.role.name) || this.rolesByIamName.get(account.name, iamName)) {
          this.report(via, (f, p) => P.viaTaken(f, p, iamName, account.name));
          continue;
        }
        if (iamName.length > 64) this.report(via, (f, p) => P.prefixedNameTooLong(f, p, iamName));
        this.declare(account, c.role, iamName, ids, c);
      }
    });
  }

  /** Records a role of the account, by its spec name and by its IAM name. */
  private declare(account: AccountSpec, role: RoleSpec, iamName: string, ids: IdentifierScope, chained?: ChainedSourceRole): void {
    const declared: DeclaredRole = {
      account,
      role,
      iamName,
      path: role.path,
      arn: roleArn(account.partition, account.id, role.path, iamName),
      tfId: ids.claim(role.name),
      chained,
    };
    this.roles.set(account.name, role.name, declared);
    this.rolesByIamName.set(account.name, iamName, declared);
  }

  /** A role of the spec (or a chained role) by its account and its name in the spec. */
  declared(account: string, name: string): DeclaredRole | undefined {
    return this.roles.get(account, name);
  }

  /** A role reference (a name, with its account, or an ARN), looked up; what it cannot find is reported at `path`. */
  lookupRole(ref: string, accountName: string | undefined, own: AccountSpec, path: string): RoleTarget | undefined {
    if (ref.startsWith('arn:')) {
      const parsed = parseRoleArn(ref);
      if (!parsed) {
        this.report(`${path}.role`, (f, p) => P.badArn(f, p, ref, 'role'));
        return undefined;
      }
      if (parsed.partition !== own.partition) {
        this.report(`${path}.role`, (f, p) => P.crossPartition(f, p, ref, parsed.partition, own.partition, own.name));
        return undefined;
      }
      const acct = this.accountsById.get(parsed.accountId);
      const declared = acct ? this.rolesByIamName.get(acct.name, parsed.name) : undefined;
      return { arn: ref, accountName: acct?.name, roleName: parsed.name, declared };
    }
    if (!ROLE_NAME.test(ref)) {
      this.report(`${path}.role`, (f, p) => P.badArn(f, p, ref, 'role'));
      return undefined;
    }
    const acctName = accountName ?? own.name;
    if (!this.accountsByName.has(acctName)) {
      this.report(`${path}.account`, (f, p) => P.unknownAccount(f, p, acctName, [...this.accountsByName.keys()]));
      return undefined;
    }
    const declared = this.declared(acctName, ref);
    if (!declared) {
      this.report(`${path}.role`, (f, p) => P.unknownRole(f, p, ref, acctName));
      return undefined;
    }
    return { arn: declared.arn, accountName: acctName, roleName: declared.iamName, declared };
  }
}
