/**
 * Turns a validated spec into the model: references resolved, ARNs built from
 * account ids and issuer hosts, trust and grant documents written, creation
 * order worked out. All problems are collected and thrown together.
 *
 * The `Resolver` indexes accounts, providers and roles first, then resolves
 * each role; the trust builders (src/trust/) reach the index only through the
 * `TrustBuildContext` its `trustContext()` gives them for one trust entry.
 */
import { formatPath, parsePath, problems as P, SpecError, type Problem } from '../errors';
import { mergeStatements, type Statement } from '../policy/document';
import type { LoadedSpec, Locate } from '../input/load';
import { accountBackend } from './backend';
import { POD_IDENTITY_TARGET_CONSTRAINT, POD_IDENTITY_TARGET_PROVIDER } from '../input/provider-version';
import type { AccountSpec, RoleSpec, Spec } from '../input/schema';
import { ROLE_NAME } from '../input/schema';
import { buildTrust, type TrustBuildContext } from '../trust';
import { defineManagedPolicies } from './managed-policies';
import { specStatements } from './statements';
import { CrossAccountGrants } from './grants';
import { accountProviderRange } from './provider-range';
import { chainedSourceRoles, type ChainedSourceRole } from './pod-identity-chain';
import { TrustEdges } from './trust-edges';
import { IdentifierScope, issuerHost, oidcProviderArn, parseRoleArn, partitionOfRegion, roleArn } from './arn';
import { iamNameOf, roleKey, type DeclaredRole } from './declared-role';
import { policyRef } from './policy-ref';
import type { AccountModel, ManagedPolicyModel, Model, OidcProviderModel, OrganizationModel, ResolvedTrust, RoleModel } from './types';
import { deriveOrganization, RCP_MAX_CHARACTERS, RCP_MAX_PER_TARGET } from './guardrails';

/** What a role's trust waits for: the `depends_on` of its `aws_iam_role`, filled in while its trust is built. */
interface RoleDependencies {
  /** tfIds of the OIDC providers of its account that it trusts and the account creates. */
  readonly providers: Set<string>;
  /** tfIds of the roles of its own account that it trusts. */
  readonly roles: Set<string>;
  /** Names of the other accounts whose roles it trusts. */
  readonly accounts: Set<string>;
}

export function resolveModel(loaded: LoadedSpec): Model {
  return new Resolver(loaded.file, loaded.spec, loaded.locate).resolve();
}

class Resolver {
  private readonly problems: Problem[] = [];
  private readonly accountsByName = new Map<string, { spec: AccountSpec; index: number }>();
  private readonly accountsById = new Map<string, AccountSpec>();
  /** `account/lower-case role name` (as the spec names it) -> declared role. */
  private readonly roles = new Map<string, DeclaredRole>();
  /** `account/lower-case IAM name` (with its prefix) -> declared role, for references by ARN. */
  private readonly rolesByIamName = new Map<string, DeclaredRole>();
  private readonly providers = new Map<string, Map<string, OidcProviderModel>>();
  /** Cross-account grants, on the calling side. */
  private readonly grants = new CrossAccountGrants();
  /** trusting role -> trusted roles (declared in the spec). */
  private readonly edges = new TrustEdges();
  private readonly policyScopes = new Map<string, IdentifierScope>();
  /** account -> customer-managed policies the spec defines there, by name. */
  private readonly definedPolicies = new Map<string, Map<string, ManagedPolicyModel>>();
  /** Roles the spec does not declare, created for cross-account Pod Identity entries. */
  private readonly chained: ChainedSourceRole[];

  constructor(
    private readonly file: string,
    private readonly spec: Spec,
    private readonly locate?: Locate,
  ) {
    this.chained = chainedSourceRoles(spec);
  }

  resolve(): Model {
    this.indexAccounts();
    this.indexRoles();
    const roleModels = new Map<string, RoleModel[]>();
    this.spec.accounts.forEach((account, ai) =>
      this.definedPolicies.set(
        account.name,
        defineManagedPolicies(account, ai, this.policyIds(account.name), (path, p) => this.report(path, p)),
      ),
    );
    this.spec.accounts.forEach((account, ai) => {
      const policyIds = this.policyIds(account.name);
      const attachmentIds = new IdentifierScope();
      roleModels.set(
        account.name,
        account.roles.map((role, ri) => this.resolveRole(account, ai, role, `accounts[${ai}].roles[${ri}]`, policyIds, attachmentIds)),
      );
    });
    // The association roles of cross-account Pod Identity entries, after the account's own roles.
    for (const c of this.chained) {
      const self = this.declared(c.clusterAccount, c.role.name);
      if (self?.chained !== c) continue;
      const { spec: account, index: ai } = this.accountsByName.get(c.clusterAccount)!;
      // Its fields are the entry's `via`: problems with them (a boundary, say) are reported there.
      roleModels
        .get(account.name)!
        .push(this.resolveRole(account, ai, c.role, `${formatPath(c.origin)}.via`, this.policyIds(account.name), new IdentifierScope()));
    }
    this.checkCycles();
    const providerVersions = new Map(this.spec.accounts.map((account) => [account.name, this.providerVersion(account, roleModels.get(account.name)!)]));
    if (this.problems.length > 0) throw new SpecError(this.problems);

    const dependencies = this.edges.accountDependencies();
    const accounts: AccountModel[] = this.spec.accounts.map((account) => ({
      name: account.name,
      id: account.id,
      region: account.region,
      partition: account.partition,
      deployRole: account.deployRole,
      oidcProviders: [...(this.providers.get(account.name)?.values() ?? [])],
      roles: roleModels.get(account.name)!,
      grants: this.grants.models(account.name, roleModels.get(account.name)!, this.policyIds(account.name)),
      dependsOn: dependencies.get(account.name) ?? [],
      limits: account.limits,
      suppressions: account.suppressions,
      policies: [...(this.definedPolicies.get(account.name)?.values() ?? [])],
      awsProviderVersion: providerVersions.get(account.name)!,
      backend: accountBackend(this.spec.backend, account),
    }));
    const organization = this.organization(accounts);
    if (this.problems.length > 0) throw new SpecError(this.problems);
    const withGuardrails = organization ? accounts.map((a) => (a.name === organization.managementAccount ? { ...a, guardrails: organization } : a)) : accounts;
    return { file: this.file, issuers: this.spec.issuers, accounts: withGuardrails, options: this.spec.options, ...(organization ? { organization } : {}) };
  }

  /** The organization's guardrails, derived from the resolved trust; refusals are reported at the organization block. */
  private organization(accounts: readonly AccountModel[]): OrganizationModel | undefined {
    const org = this.spec.organization;
    if (!org) return undefined;
    const management = this.spec.accounts.find((a) => a.name === org.managementAccount || a.id === org.managementAccount);
    if (!management) {
      this.report('organization.managementAccount', (f, p) =>
        P.unknownManagementAccount(
          f,
          p,
          org.managementAccount,
          this.spec.accounts.map((a) => a.name),
        ),
      );
      return undefined;
    }
    const { model, refusals } = deriveOrganization(org, management.name, accounts);
    for (const r of refusals) {
      if (r.kind === 'statement-too-large')
        this.report('organization.guardrails', (f, p) => P.guardrailStatementTooLarge(f, p, r.sid!, r.size, RCP_MAX_CHARACTERS, r.fence!));
      else this.report('organization.attachTo', (f, p) => P.tooManyGuardrailPolicies(f, p, r.size, RCP_MAX_PER_TARGET));
    }
    return model;
  }

  /** Data sources and role policies share one namespace per account. */
  private policyIds(account: string): IdentifierScope {
    let scope = this.policyScopes.get(account);
    if (!scope) this.policyScopes.set(account, (scope = new IdentifierScope()));
    return scope;
  }

  /** Every problem of the resolver at its field and, for YAML, its line: `spec.yaml:12`. */
  private report(path: string, p: (file: string, path: string) => Problem): void {
    this.problems.push(p(this.fileAt(path), path));
  }

  private fileAt(path: string): string {
    const line = this.locate?.(parsePath(path));
    return line ? `${this.file}:${line}` : this.file;
  }

  private indexAccounts(): void {
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

  private indexRoles(): void {
    this.spec.accounts.forEach((account, ai) => {
      const ids = new IdentifierScope();
      account.roles.forEach((role, ri) => {
        const field = `accounts[${ai}].roles[${ri}].name`;
        if (this.declared(account.name, role.name)) return this.report(field, (f, p) => P.duplicateRole(f, p, role.name, account.name));
        const iamName = iamNameOf(account, role);
        if (iamName.length > 64) this.report(field, (f, p) => P.prefixedNameTooLong(f, p, iamName));
        if (iamName !== role.name && this.rolesByIamName.has(roleKey(account.name, iamName)))
          this.report(field, (f, p) => P.duplicateRole(f, p, iamName, account.name));
        this.declare(account, role, iamName, ids);
      });
      for (const c of this.chained) {
        if (c.clusterAccount !== account.name) continue;
        const iamName = iamNameOf(account, c.role);
        const via = `${formatPath(c.origin)}.via`;
        if (this.declared(account.name, c.role.name) || this.rolesByIamName.has(roleKey(account.name, iamName))) {
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
    this.roles.set(roleKey(account.name, role.name), declared);
    this.rolesByIamName.set(roleKey(account.name, iamName), declared);
  }

  private declared(account: string, name: string): DeclaredRole | undefined {
    return this.roles.get(roleKey(account, name));
  }

  private resolveRole(
    account: AccountSpec,
    ai: number,
    role: RoleSpec,
    rolePath: string,
    policyIds: IdentifierScope,
    attachmentIds: IdentifierScope,
  ): RoleModel {
    const self = this.declared(account.name, role.name)!;
    const statements: Statement[] = [];
    const trust: ResolvedTrust[] = [];
    const dependsOn: RoleDependencies = { providers: new Set(), roles: new Set(), accounts: new Set() };

    role.trust.forEach((entry, ti) => {
      const entryPath = `${rolePath}.trust[${ti}]`;
      const ctx = this.trustContext(account, ai, role, self, entryPath, dependsOn);
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
        this.report(`${entryPath}.airflowConnection`, (f, p) => P.connectionForOutsideCaller(f, p, caller));
      }
      statements.push(...result.statements);
      // The association of a chained role names the role it chains into.
      const target = self.chained
        ? this.declared(self.chained.target.account, self.chained.target.name)?.arn
        : result.resolved.spec.type === 'eks-pod-identity' && result.resolved.spec.targetRoleArn !== undefined
          ? this.outsideTarget(account, self, result.resolved.spec.targetRoleArn, `${entryPath}.targetRoleArn`)
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
        role.permissionsBoundary && policyRef(role.permissionsBoundary, account, `${rolePath}.permissionsBoundary`, (path, p) => this.report(path, p)),
      managedPolicyArns: role.managedPolicies.flatMap((ref, i) => {
        // A policy the spec defines in this account, by name or by its full ARN: attached by reference, so it is created first.
        const own = this.definedPolicies.get(account.name);
        const defined = ref.startsWith('arn:') ? [...(own?.values() ?? [])].find((p) => p.arn === ref) : own?.get(ref);
        const arn = defined?.arn ?? policyRef(ref, account, `${rolePath}.managedPolicies[${i}]`, (path, p) => this.report(path, p));
        return arn
          ? [{ arn, tfId: attachmentIds.claim(`${self.tfId}_${arn.slice(arn.lastIndexOf('/') + 1)}`), ...(defined ? { policyTfId: defined.tfId } : {}) }]
          : [];
      }),
      inlinePolicies: role.inlinePolicies.map((policy, pi) => ({
        name: policy.name,
        tfId: policyIds.claim(`${self.tfId}_${policy.name}`),
        document: { statements: specStatements(policy.statements, `${rolePath}.inlinePolicies[${pi}].statements`, (path, p) => this.report(path, p)) },
      })),
      tags: role.tags,
      trustPolicy: { statements: mergeStatements(statements) },
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
   * What the trust builders ask while building one trust entry of `role`
   * (declared as `self`, the entry at `entryPath`): the OIDC provider of an
   * issuer, an account or a role of the spec by name. Each answer records what the role then depends on (in
   * `dependsOn`), the edge and the caller's grant of a trusted role, and
   * reports what it cannot find at the entry's field.
   */
  private trustContext(
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
      options: this.spec.options,
      provider: (issuer) => {
        if (!Object.hasOwn(this.spec.issuers, issuer)) {
          this.report(`${entryPath}.issuer`, (f, p) => P.unknownIssuer(f, p, issuer, Object.keys(this.spec.issuers)));
          return undefined;
        }
        const provider = this.providers.get(account.name)?.get(issuer);
        if (!provider) this.report(`${entryPath}.issuer`, (f, p) => P.issuerNotInAccount(f, p, issuer, account.name, ai));
        else if (provider.mode === 'create') dependsOn.providers.add(provider.tfId);
        return provider;
      },
      specAccount: (name, field) => {
        const found = this.accountsByName.get(name)?.spec;
        if (!found) this.report(`${entryPath}.${field}`, (f, p) => P.unknownAccount(f, p, name, [...this.accountsByName.keys()]));
        return found;
      },
      role: (ref, accountName, grant) => {
        const target = this.lookupRole(ref, accountName, account, `${entryPath}`);
        if (!target) return undefined;
        if (target.declared) {
          if (target.declared.account.name === account.name && target.declared.role.name.toLowerCase() === role.name.toLowerCase()) {
            this.report(`${entryPath}.role`, (f, p) => P.selfTrust(f, p, role.name));
            return undefined;
          }
          this.edges.add({ account: account.name, name: role.name }, { account: target.declared.account.name, name: target.declared.role.name });
          if (target.declared.account.name === account.name) dependsOn.roles.add(target.declared.tfId);
          else dependsOn.accounts.add(target.declared.account.name);
        }
        if (target.accountName && target.accountName !== account.name)
          this.grants.add(target.accountName, target.roleName, self.arn, grant?.tagSession === true);
        return { arn: target.arn, account: target.accountName };
      },
      report: (field, problem) => this.report(`${entryPath}.${field}`, problem),
    };
  }

  /**
   * A target role outside the spec that `self`'s association chains into: the
   * ARN, once `self` is granted `sts:AssumeRole` and `sts:TagSession` on it.
   */
  private outsideTarget(account: AccountSpec, self: DeclaredRole, arn: string, path: string): string | undefined {
    const parsed = parseRoleArn(arn);
    if (!parsed) return void this.report(path, (f, p) => P.badArn(f, p, arn, 'role'));
    if (parsed.partition !== account.partition)
      return void this.report(path, (f, p) => P.crossPartition(f, p, arn, parsed.partition, account.partition, account.name));
    const owner = this.accountsById.get(parsed.accountId);
    if (owner) return void this.report(path, (f, p) => P.targetInSpec(f, p, arn, owner.name, account.name, self.role.name));
    this.grants.add(account.name, self.iamName, arn, true);
    return arn;
  }

  /** The account's provider constraint; a spec constraint too old for its associations is reported. */
  private providerVersion(account: AccountSpec, roles: readonly RoleModel[]): string {
    const range = accountProviderRange(this.spec.options.awsProviderVersion, roles);
    if (range.tooOld)
      this.report('options.awsProviderVersion', (f, p) =>
        P.providerTooOldForPodIdentity(f, p, range.version, account.name, POD_IDENTITY_TARGET_PROVIDER, POD_IDENTITY_TARGET_CONSTRAINT),
      );
    return range.version;
  }

  private lookupRole(
    ref: string,
    accountName: string | undefined,
    own: AccountSpec,
    path: string,
  ): { arn: string; accountName?: string; roleName: string; declared?: DeclaredRole } | undefined {
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
      const declared = acct ? this.rolesByIamName.get(roleKey(acct.name, parsed.name)) : undefined;
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

  /** Roles that trust each other in a cycle cannot be created: IAM checks that trusted principals exist. */
  private checkCycles(): void {
    const cycle = this.edges.firstCycle();
    if (!cycle) return;
    const [account, name] = cycle[0].split('/');
    const acct = this.accountsByName.get(account)!;
    const ri = acct.spec.roles.findIndex((r) => r.name === name);
    this.report(`accounts[${acct.index}].roles[${ri}].trust`, (f, p) => P.dependencyCycle(f, p, cycle));
  }
}
