/**
 * Turns a validated spec into the model: references resolved, ARNs built from
 * account ids and issuer hosts, trust and grant documents written and their
 * operators chosen, creation order worked out. All problems are collected and
 * thrown together.
 *
 * The `Resolver` indexes accounts, providers and roles first (spec-index.ts),
 * then resolves each role (resolve-role.ts); the trust builders (src/trust/)
 * reach the resolver only through the `TrustBuildContext` that
 * trust-context.ts gives them for one trust entry. Then the accounts: their
 * grants and policies (operators chosen, exact-match.ts), creation order,
 * provider versions, and the organization's guardrails.
 */
import { formatPath, parsePath, problems as P, SpecError, type Problem } from '../errors';
import type { LoadedSpec, Locate } from '../input/load';
import { accountBackend } from './backend';
import { POD_IDENTITY_TARGET_CONSTRAINT, POD_IDENTITY_TARGET_PROVIDER } from '../input/sections/provider-version';
import type { AccountSpec, Spec } from '../input/schema';
import { defineManagedPolicies } from './managed-policies';
import { CrossAccountGrants } from './grants';
import { accountProviderRange } from './provider-range';
import { TrustEdges } from './trust-edges';
import { IdentifierScope } from './arn';
import type { AccountModel, ManagedPolicyModel, Model, OrganizationModel, RoleModel } from './types';
import { deriveOrganization, RCP_MAX_CHARACTERS, RCP_MAX_PER_TARGET } from './guardrails';
import { keptAsWritten, withExactMatch } from './exact-match';
import { SpecIndex } from './spec-index';
import { resolveRole, type RoleResolverParts } from './resolve-role';

export function resolveModel(loaded: LoadedSpec): Model {
  return new Resolver(loaded.file, loaded.spec, loaded.locate).resolve();
}

class Resolver {
  private readonly problems: Problem[] = [];
  private readonly index: SpecIndex;
  /** Cross-account grants, on the calling side. */
  private readonly grants = new CrossAccountGrants();
  /** trusting role -> trusted roles (declared in the spec). */
  private readonly edges = new TrustEdges();
  private readonly policyScopes = new Map<string, IdentifierScope>();
  /** account -> customer-managed policies the spec defines there, by name. */
  private readonly definedPolicies = new Map<string, Map<string, ManagedPolicyModel>>();
  /** What a role (and each of its trust entries) reaches of the resolver. */
  private readonly parts: RoleResolverParts;

  constructor(
    private readonly file: string,
    private readonly spec: Spec,
    private readonly locate?: Locate,
  ) {
    const report = (path: string, p: (file: string, path: string) => Problem) => this.report(path, p);
    this.index = new SpecIndex(spec, report);
    this.parts = { spec, index: this.index, edges: this.edges, grants: this.grants, definedPolicies: this.definedPolicies, report };
  }

  resolve(): Model {
    this.index.indexAccounts();
    this.index.indexRoles();
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
        account.roles.map((role, ri) => resolveRole(this.parts, account, ai, role, `accounts[${ai}].roles[${ri}]`, policyIds, attachmentIds)),
      );
    });
    // The association roles of cross-account Pod Identity entries, after the account's own roles.
    for (const c of this.index.chained) {
      const self = this.index.declared(c.clusterAccount, c.role.name);
      if (self?.chained !== c) continue;
      const { spec: account, index: ai } = this.index.accountsByName.get(c.clusterAccount)!;
      // Its fields are the entry's `via`: problems with them (a boundary, say) are reported there.
      roleModels
        .get(account.name)!
        .push(resolveRole(this.parts, account, ai, c.role, `${formatPath(c.origin)}.via`, this.policyIds(account.name), new IdentifierScope()));
    }
    this.checkCycles();
    const providerVersions = new Map(this.spec.accounts.map((account) => [account.name, this.providerVersion(account, roleModels.get(account.name)!)]));
    if (this.problems.length > 0) throw new SpecError(this.problems);

    const dependencies = this.edges.accountDependencies();
    const accounts: AccountModel[] = this.spec.accounts.map((account) => {
      const roles = roleModels.get(account.name)!;
      return {
        name: account.name,
        id: account.id,
        region: account.region,
        partition: account.partition,
        deployRole: account.deployRole,
        oidcProviders: [...(this.index.providers.get(account.name)?.values() ?? [])],
        roles,
        // A grant is its calling role's document (the account's, for a caller the spec does not declare).
        grants: this.grants
          .models(account.name, roles, this.policyIds(account.name))
          .map((g) =>
            withExactMatch(g, keptAsWritten((g.roleTfId ? roles.find((r) => r.tfId === g.roleTfId) : undefined)?.suppressions, account.suppressions)),
          ),
        dependsOn: dependencies.get(account.name) ?? [],
        limits: account.limits,
        suppressions: account.suppressions,
        policies: [...(this.definedPolicies.get(account.name)?.values() ?? [])].map((p) => withExactMatch(p, keptAsWritten(account.suppressions))),
        awsProviderVersion: providerVersions.get(account.name)!,
        backend: accountBackend(this.spec.backend, account),
      };
    });
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

  /** The account's provider constraint; a spec constraint too old for its associations is reported. */
  private providerVersion(account: AccountSpec, roles: readonly RoleModel[]): string {
    const range = accountProviderRange(this.spec.options.awsProviderVersion, roles);
    if (range.tooOld)
      this.report('options.awsProviderVersion', (f, p) =>
        P.providerTooOldForPodIdentity(f, p, range.version, account.name, POD_IDENTITY_TARGET_PROVIDER, POD_IDENTITY_TARGET_CONSTRAINT),
      );
    return range.version;
  }

  /** Roles that trust each other in a cycle cannot be created: IAM checks that trusted principals exist. */
  private checkCycles(): void {
    const cycle = this.edges.firstCycle();
    if (!cycle) return;
    const [account, name] = cycle[0].split('/');
    const acct = this.index.accountsByName.get(account)!;
    const ri = acct.spec.roles.findIndex((r) => r.name === name);
    this.report(`accounts[${acct.index}].roles[${ri}].trust`, (f, p) => P.dependencyCycle(f, p, cycle));
  }
}
