/**
 * Runs the pack on a resolved model: every OIDC provider created, every
 * account, every role, its trust policy (as IAM JSON), its inline policies and
 * the cross-account grants. It only reads the model, which is final when it
 * leaves the resolver: where the resolver chose an operator (an exact-match
 * StringLike written StringEquals, src/model/exact-match.ts), the rule that
 * says so (`autofixNote`) reads the document as written and reports the
 * choice. Findings are placed at their field in the spec, and the spec's
 * suppressions are applied.
 */
import { formatPath } from '../errors';
import { asWritten } from '../model/exact-match';
import type { Model, RoleModel, Suppression } from '../model/types';
import { toIamPolicy, type PolicyDocument, type Statement } from '../policy/document';
import type { Locate } from '../input/load';
import { ciPresetOf, type CiTrustType } from '../input/trust-types/ci-presets';
import { checkSubject, RULES, type RuleResult } from './pack';
import { checkSuppressions, type SuppressionScope } from './suppressions';
import type { Finding, LintSubject, Rule, TrustContext } from './types';

export interface LintOptions {
  /** Field path -> line in the spec file, to point findings at their line. */
  readonly locate?: Locate;
  /** The rules to run. Default: the whole pack. */
  readonly rules?: readonly Rule[];
}

export interface LintReport {
  /** Every finding, suppressed or not, in spec order. */
  readonly findings: readonly Finding[];
}

/** Findings that stop the synth: unsuppressed errors. */
export const isBlocking = (f: Finding) => f.level === 'error' && !f.suppressed;

type Path = readonly (string | number)[];

interface Collected {
  readonly result: RuleResult;
  readonly path: Path;
  /** A field below `path` (`description`, `managedPolicies[2]`), shown in the path but not located. */
  readonly field?: string;
  /** What the finding is in, e.g. `trust policy Statement[0].Condition.StringLike`. */
  readonly where?: string;
  readonly scope: SuppressionScope;
  readonly autoFixed?: boolean;
}

/** Where a subject's findings go: the field and the suppressions that apply there. */
interface Site {
  readonly path: Path;
  readonly scope: SuppressionScope;
}

/**
 * A site, worked out when the subject has a finding: most subjects have none, so
 * their field paths and suppression scopes are never built.
 */
type SiteOf = () => Site;

type Place = (r: RuleResult) => Partial<Collected>;
const nowhere: Place = () => ({});
const atField: Place = (r) => ({ field: r.at });
const NO_SUBJECTS: readonly string[] = [];

export function lintModel(model: Model, options: LintOptions = {}): LintReport {
  const rules = options.rules ?? RULES;
  // Rules whose findings the resolver settles in the documents it writes: they read a document as written.
  const fixers = rules.filter((r) => r.autofixNote).map((r) => [r]);
  const others = rules.filter((r) => !r.autofixNote);
  const collected: Collected[] = [];
  const ownAccountIds = model.accounts.map((a) => a.id);
  const vendors = presetVendors(model);

  const run = (subject: LintSubject, siteOf: SiteOf, place: Place = nowhere, only: readonly Rule[] = rules) => {
    const results = checkSubject(subject, only);
    if (results.length === 0) return;
    const { path, scope } = siteOf();
    for (const result of results) collected.push({ result, path, scope, ...place(result) });
  };

  /** Lints a document as generated, and reports what the resolver chose in it (the findings it settled, as auto-fixed). */
  const runDocument = (
    kind: 'trust-policy' | 'identity-policy',
    fixed: PolicyDocument,
    context: TrustContext | undefined,
    siteOf: SiteOf,
    place: Place,
  ): void => {
    // A role that suppresses the rule kept its document as written (an adopted role, imported as it was): nothing was chosen.
    const doc = asWritten(fixed);
    const subject = (d: PolicyDocument): LintSubject =>
      kind === 'trust-policy' ? { kind, policy: toIamPolicy(d), context } : { kind, policy: toIamPolicy(d) };
    const fixedSubject = subject(fixed);
    if (fixed === doc) {
      // Nothing chosen (most documents): one pass of every rule, nothing auto-fixed.
      run(fixedSubject, siteOf, place);
      return;
    }
    run(fixedSubject, siteOf, place, others);
    const docSubject = subject(doc);
    for (const only of fixers) {
      const rule = only[0];
      const remaining = new Set(checkSubject(fixedSubject, only).map((r) => `${r.at}\u0000${r.message}`));
      const results = checkSubject(docSubject, only);
      if (results.length === 0) continue;
      const { path, scope } = siteOf();
      for (const result of results) {
        const autoFixed = !remaining.has(`${result.at}\u0000${result.message}`);
        collected.push({
          result: autoFixed && rule.autofixNote ? { ...result, message: `${result.message} (${rule.autofixNote})` } : result,
          path,
          scope,
          autoFixed,
          ...place(result),
        });
      }
    }
  };

  // Rules over the whole model place each finding at its own field.
  run(
    { kind: 'model', model },
    () => ({ path: [], scope: {} }),
    (r) => (r.path ? { path: r.path, scope: scopeAt(model, r.path) } : {}),
  );

  // OIDC providers this spec creates: their URL and client ids are written to Terraform.
  const created = new Set(model.accounts.flatMap((a) => a.oidcProviders.filter((p) => p.mode === 'create').map((p) => p.issuer)));
  for (const name of created) {
    const issuer = model.issuers[name];
    run(
      { kind: 'oidc-provider', provider: { issuer: name, url: issuer.url, clientIds: issuer.clientIds, thumbprints: issuer.thumbprints } },
      () => ({ path: ['issuers', name], scope: {} }),
      atField,
    );
  }

  model.accounts.forEach((account, ai) => {
    const accountPath: Path = ['accounts', ai];
    const accountScope: SuppressionScope = { account: { path: accountPath, suppressions: account.suppressions } };
    const accountSite: Site = { path: accountPath, scope: accountScope };
    const atAccount = () => accountSite;
    run({ kind: 'account', account: { name: account.name, id: account.id, oidcProviders: account.oidcProviders } }, atAccount, atField);

    // The same for every role of the account.
    const providers: TrustContext['providers'] = account.oidcProviders.map((p) => ({
      arn: p.arn,
      host: p.host,
      audience: p.audience,
      clientIds: p.clientIds,
      vendor: vendors.get(p.issuer),
    }));
    account.roles.forEach((role, ri) => {
      // A role the spec does not declare (a cross-account Pod Identity entry's via role) is placed at that entry.
      let site: Site | undefined;
      const atRole = (): Site => {
        if (site) return site;
        const path: Path = role.origin ?? [...accountPath, 'roles', ri];
        return (site = { path, scope: { account: accountScope.account, role: { path, suppressions: role.suppressions } } });
      };
      const below =
        (...fields: (string | number)[]) =>
        (): Site => ({ path: [...atRole().path, ...fields], scope: atRole().scope });
      run(
        {
          kind: 'role',
          role: {
            name: role.name,
            path: role.path,
            description: role.description,
            tags: role.tags,
            permissionsBoundary: role.permissionsBoundary,
            managedPolicyArns: role.managedPolicyArns.map((m) => m.arn),
          },
          managedPoliciesPerRole: account.limits.managedPoliciesPerRole,
        },
        atRole,
        atField,
      );
      role.trust.forEach((t, ti) => {
        if (t.spec.type === 'iam-user') {
          run({ kind: 'iam-user-access-key', user: { userName: t.spec.user, pgpKey: t.spec.pgpKey, roleName: role.name } }, below('trust', ti), atField);
        }
      });
      const context: TrustContext = {
        accountId: account.id,
        ownAccountIds,
        providers,
        explicitSubjects: explicitSubjects(role),
        trustPolicySize: account.limits.trustPolicySize,
      };
      runDocument('trust-policy', role.trustPolicy, context, below('trust'), (r) => ({
        path: role.origin ?? trustEntryPath(role, atRole().path, r.statement),
        where: role.origin
          ? `trust policy of the via role "${role.name}" in account "${account.name}"${r.at ? ` ${r.at}` : ''}`
          : r.at
            ? `trust policy ${r.at}`
            : undefined,
      }));
      role.inlinePolicies.forEach((policy, pi) =>
        runDocument('identity-policy', policy.document, undefined, below('inlinePolicies', pi), (r) => ({
          where: `inline policy "${policy.name}"${r.at ? ` ${r.at}` : ''}`,
        })),
      );
    });

    account.policies.forEach((policy, pi) =>
      runDocument(
        'identity-policy',
        policy.document,
        undefined,
        () => ({ path: [...accountPath, 'policies', pi], scope: accountScope }),
        (r) => ({
          where: `policy "${policy.name}"${r.at ? ` ${r.at}` : ''}`,
        }),
      ),
    );

    account.grants.forEach((grant) => {
      const atGrant = (): Site => {
        const ri = grant.roleTfId ? account.roles.findIndex((r) => r.tfId === grant.roleTfId) : -1;
        const path: Path = ri >= 0 ? (account.roles[ri].origin ?? [...accountPath, 'roles', ri]) : accountPath;
        return { path, scope: ri >= 0 ? { ...accountScope, role: { path, suppressions: account.roles[ri].suppressions } } : accountScope };
      };
      runDocument('identity-policy', grant.document, undefined, atGrant, (r) => ({
        where: `cross-account policy of role "${grant.roleName}"${r.at ? ` ${r.at}` : ''}`,
      }));
    });
  });

  return { findings: applySuppressions(collected, model, options.locate, rules) };
}

/** Issuers a CI preset names are that vendor's, wherever they are hosted: TRUST019 checks every trust on them. */
function presetVendors(model: Model): Map<string, CiTrustType> {
  const vendors = new Map<string, CiTrustType>();
  for (const account of model.accounts) {
    for (const role of account.roles) {
      for (const t of role.trust) {
        if (!('provider' in t)) continue;
        const preset = ciPresetOf(t.spec.type);
        if (preset) vendors.set(t.provider.issuer, preset.type);
      }
    }
  }
  return vendors;
}

/** Subject patterns whose wildcards the spec asks for: data-platform `allEnvironments`, github-actions `allRefs`. */
function explicitSubjects(role: RoleModel): readonly string[] {
  let out: string[] | undefined;
  for (const t of role.trust) {
    if (t.spec.type === 'data-platform-project' && t.spec.allEnvironments && 'subject' in t) (out ??= []).push(t.subject);
    else if (t.spec.type === 'github-actions' && t.spec.allRefs && 'subjects' in t) (out ??= []).push(...t.subjects);
  }
  return out ?? NO_SUBJECTS;
}

/** The suppressions that apply at a field: its role's, then its account's. */
function scopeAt(model: Model, path: Path): SuppressionScope {
  if (path[0] !== 'accounts' || typeof path[1] !== 'number') return {};
  const ai = path[1];
  const account = model.accounts[ai];
  if (!account) return {};
  const scope: SuppressionScope = { account: { path: ['accounts', ai], suppressions: account.suppressions } };
  const ri = path[2] === 'roles' && typeof path[3] === 'number' ? path[3] : -1;
  const role = account.roles[ri];
  return role ? { ...scope, role: { path: ['accounts', ai, 'roles', ri], suppressions: role.suppressions } } : scope;
}

/** The trust entry behind a statement, when exactly one entry's principal is in it; else the role's trust list. */
function trustEntryPath(role: RoleModel, rolePath: Path, statement: number | undefined): Path {
  const base: Path = [...rolePath, 'trust'];
  const s: Statement | undefined = statement === undefined ? undefined : role.trustPolicy.statements[statement];
  if (!s) return base;
  const ids = new Set((s.principals ?? []).flatMap((p) => p.identifiers));
  const entries = role.trust.flatMap((t, i) => (trustPrincipals(t).some((id) => ids.has(id)) ? [i] : []));
  if (entries.length === 1) return [...base, entries[0]];
  // Several entries on one principal (a service account and a web-identity entry on one cluster): the one whose subjects the statement tests.
  const tested = new Set((s.conditions ?? []).filter((c) => /:sub$/i.test(c.variable)).flatMap((c) => c.values));
  const bySubject = entries.filter((i) => trustSubjects(role.trust[i]).some((sub) => tested.has(sub)));
  return bySubject.length === 1 ? [...base, bySubject[0]] : base;
}

/** The `sub` values an entry writes, where the model keeps them. */
function trustSubjects(t: RoleModel['trust'][number]): readonly string[] {
  if ('subjects' in t) return t.subjects;
  if (t.spec.type === 'web-identity') return t.spec.issuers.flatMap((i) => i.subjects ?? []);
  if ('subject' in t) return [t.subject];
  return [];
}

function trustPrincipals(t: RoleModel['trust'][number]): readonly string[] {
  if ('provider' in t) return [t.provider.arn];
  // A web-identity entry: one statement per issuer, each with its provider.
  if ('providers' in t) return t.providers.map((p) => p.arn);
  if ('roleArn' in t) return [t.roleArn];
  if ('rootArn' in t) return [t.rootArn];
  if (t.spec.type === 'aws-service') return [t.spec.service];
  return ['accounts.google.com'];
}

function applySuppressions(collected: readonly Collected[], model: Model, locate: Locate | undefined, rules: readonly Rule[]): Finding[] {
  const used = new Set<Suppression>();
  const fileAt = (path: Path) => {
    const line = locate?.(path);
    return line ? `${model.file}:${line}` : model.file;
  };
  // The first rule of each id, as a find over the list would give.
  const byId = new Map<string, Rule>();
  for (const r of rules) if (!byId.has(r.id)) byId.set(r.id, r);
  const findings: Finding[] = collected.map((c) => {
    const rule = byId.get(c.result.ruleId);
    const match = rule?.suppressible === false ? undefined : findSuppression(c.scope, c.result.ruleId);
    if (match) used.add(match.suppression);
    const path = formatPath(c.path) + (c.field ? (c.field.startsWith('[') ? c.field : `.${c.field}`) : '');
    return {
      ruleId: c.result.ruleId,
      level: c.result.level,
      file: fileAt(c.path),
      path,
      message: c.where ? `${c.where}: ${c.result.message}` : c.result.message,
      fix: c.result.fix,
      ...(match ? { suppressed: { reason: match.suppression.reason, path: formatPath(match.path) } } : {}),
      ...(c.autoFixed ? { autoFixed: true } : {}),
    };
  });
  return [...findings, ...checkSuppressions(model, used, fileAt, rules)];
}

function findSuppression(scope: SuppressionScope, ruleId: string): { suppression: Suppression; path: Path } | undefined {
  for (const level of [scope.role, scope.account]) {
    if (!level) continue;
    const i = level.suppressions.findIndex((s) => s.rule === ruleId);
    if (i >= 0) return { suppression: level.suppressions[i], path: [...level.path, 'suppressions', i] };
  }
  return undefined;
}
