/**
 * `audit`: the lint pack and the access evaluator over existing roles, with
 * no spec. Per role: its findings (the pack's rule ids and fixes), and who can
 * assume it, read from the document and checked with the evaluator. Per
 * organisation: every trust edge from an account outside the exports, and
 * every role that any token of an issuer can assume.
 */
import { evaluatePolicy } from '../access/evaluate/evaluate';
import { evaluateConditions } from '../access/evaluate/conditions';
import { readPolicy, type ConditionEntry } from '../policy/iam-json';
import { lintIdentityPolicy, lintSubject, lintTrustPolicy, type KnownProvider, type Level } from '../lint';
import { issuerOf } from '../input/issuers';
import { providerDetails, type AccountExport, type ExportedRole, type IamExport } from './export';
import { unrelatedSubject } from './identities';
import { awsOwnedReason } from './aws-owned';

export interface AuditFinding {
  readonly ruleId: string;
  readonly level: Level;
  /** `trust policy Statement[0].Condition`, `inline policy "x"`, `role name`, ... */
  readonly where: string;
  readonly message: string;
  readonly fix: string;
}

/** A condition as the access evaluator reads it: operator, key, values. */
export type ConditionView = ConditionEntry;

export interface IssuerCaller {
  /** The Federated principal: an OIDC provider ARN or a built-in issuer (`accounts.google.com`). */
  readonly principal: string;
  /** The OIDC host, or the SAML provider's name. */
  readonly host: string;
  /** A SAML provider (`saml-provider/...`), not an OIDC issuer. */
  readonly saml?: true;
  readonly sub: readonly ConditionView[];
  readonly aud: readonly ConditionView[];
  /** Other conditions of the statement. */
  readonly other: readonly ConditionView[];
  /** The evaluator lets in a token of the issuer for some other workload. */
  readonly anyToken: boolean;
  /**
   * The OIDC provider's client ids, when the export holds its
   * `get-open-id-connect-provider` output, and those the statement's `aud`
   * conditions let in: STS takes a token only with one of the client ids as
   * its `aud`, so these are the audiences that really get in.
   */
  readonly audiences?: { readonly clientIds: readonly string[]; readonly admitted: readonly string[] };
}

export interface AwsCaller {
  readonly principal: string;
  /** `OrganizationAccountAccessRole` trusting one account's root: the role AWS Organizations creates for the management account. */
  readonly organizationAccess?: true;
  /** The principal's account; undefined for `*`. */
  readonly account?: string;
  /** Trust in a whole account (its root or a bare id). */
  readonly wholeAccount: boolean;
  /** The account is not one of the exports. */
  readonly outside: boolean;
  readonly conditions: readonly ConditionView[];
}

export interface ServiceCaller {
  readonly service: string;
  readonly conditions: readonly ConditionView[];
}

export interface Callers {
  readonly issuers: readonly IssuerCaller[];
  readonly aws: readonly AwsCaller[];
  readonly services: readonly ServiceCaller[];
  /** Statements the evaluator cannot read, Deny statements, `Principal: "*"`: said as they are. */
  readonly notes: readonly string[];
}

export interface RoleAudit {
  readonly file: string;
  readonly accountId: string;
  readonly account: string;
  readonly role: string;
  readonly arn: string;
  readonly findings: readonly AuditFinding[];
  readonly callers: Callers;
  /** Why AWS owns the role (service-linked, IAM Identity Center): import lists it and never adopts it. */
  readonly awsManaged?: string;
}

export interface AuditReport {
  readonly accounts: readonly { readonly id: string; readonly name: string; readonly files: readonly string[]; readonly roles: number }[];
  readonly roles: readonly RoleAudit[];
  /** Trust edges into the exported accounts from accounts outside them. */
  readonly externalEdges: readonly { readonly role: string; readonly principal: string; readonly account?: string; readonly organizationAccess?: true }[];
  /** Roles that any token of an issuer can assume (no effective `sub`). */
  readonly openToAnyToken: readonly { readonly role: string; readonly issuer: string }[];
  readonly counts: Readonly<Record<Level, number>>;
}

const view = (c: ConditionEntry): ConditionView => ({ operator: c.operator, key: c.key, values: c.values });
const ROOT = /^(?:arn:[\w-]+:iam::(\d{12}):root|(\d{12}))$/;
const ACCOUNT = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/;
const OIDC = /^arn:[\w-]+:iam::\d{12}:oidc-provider\/(.+)$/;
const SAML = /^arn:[\w-]+:iam::\d{12}:saml-provider\/(.+)$/;

/** The client ids of the OIDC provider of this host in the role's account, when the export holds them. */
export type ClientIdsOf = (host: string) => readonly string[] | undefined;

/** Who the trust policy lets in: each principal with the conditions on it (and, given the providers' client ids, the audiences that get in). */
export function callersOf(
  role: Pick<ExportedRole, 'trust' | 'arn'> & Partial<Pick<ExportedRole, 'name'>>,
  ownAccounts: ReadonlySet<string>,
  clientIdsOf: ClientIdsOf = () => undefined,
): Callers {
  const policy = readPolicy(role.trust);
  const management = role.name !== undefined ? organizationAccessAccount({ name: role.name, trust: role.trust }) : undefined;
  const issuers: IssuerCaller[] = [];
  const aws: AwsCaller[] = [];
  const services: ServiceCaller[] = [];
  const notes: string[] = [...policy.problems];
  for (const s of policy.statements) {
    const at = `Statement[${s.index}]`;
    if (s.problems.length > 0) notes.push(`${at}: ${s.problems.join('; ')}`);
    if (s.effect === 'Deny') {
      notes.push(`${at} is a Deny: it narrows what the Allow statements grant`);
      continue;
    }
    if (s.notPrincipal !== undefined) {
      // An Allow with NotPrincipal trusts everyone not listed: effectively public.
      const except = s.notPrincipal === '*' ? '*' : Object.values(s.notPrincipal).flat().join(', ');
      notes.push(`${at}: NotPrincipal lets in every principal except ${except}, subject to its conditions`);
      aws.push({ principal: `* (NotPrincipal: all but ${except})`, wholeAccount: false, outside: true, conditions: s.conditions.map(view) });
      continue;
    }
    if (s.principal === '*') {
      notes.push(`${at}: Principal "*" lets any principal in, subject to its conditions`);
      aws.push({ principal: '*', wholeAccount: false, outside: true, conditions: s.conditions.map(view) });
      continue;
    }
    for (const id of s.principal?.Federated ?? []) {
      const saml = SAML.exec(id);
      if (saml) {
        // A SAML provider is not an OIDC issuer: its assertions carry SAML:* keys, and no token of another workload is tried.
        issuers.push({
          principal: id,
          host: saml[1],
          saml: true,
          sub: [],
          aud: s.conditions.filter((c) => c.key.toLowerCase() === 'saml:aud').map(view),
          other: s.conditions.filter((c) => c.key.toLowerCase() !== 'saml:aud').map(view),
          anyToken: false,
        });
        continue;
      }
      const host = OIDC.exec(id)?.[1] ?? id;
      const on = (claim: string) => s.conditions.filter((c) => c.key.toLowerCase() === `${host}:${claim}`.toLowerCase());
      const sub = on('sub');
      const aud = on('aud');
      // The audience every workload of an issuer shares (sts.amazonaws.com for EKS and GitHub); for
      // accounts.google.com the audience is the service account itself, so another one is tried.
      const pinned = aud.flatMap((c) => c.values).find((v) => !/[*?]/.test(v)) ?? 'sts.amazonaws.com';
      const audience = issuerOf(host).kind === 'google' ? `${pinned}-another-service-account` : pinned;
      const token = { [`${host}:sub`]: unrelatedSubject(host), [`${host}:aud`]: audience };
      const anyToken =
        evaluatePolicy(
          policy,
          {
            principal: { type: 'Federated', id },
            action: id.includes(':saml-provider/') ? 'sts:AssumeRoleWithSAML' : 'sts:AssumeRoleWithWebIdentity',
            resource: role.arn,
            context: token,
          },
          'trust',
        ).verdict === 'allow';
      const clientIds = id.startsWith('arn:') ? clientIdsOf(host) : undefined;
      // Each client id as the token's aud, against the statement's aud conditions alone.
      const admitted = clientIds?.filter((cid) => evaluateConditions(aud, new Map([[`${host}:aud`.toLowerCase(), [cid]]]), policy.version).outcome === 'true');
      issuers.push({
        principal: id,
        host,
        sub: sub.map(view),
        aud: aud.map(view),
        other: s.conditions.filter((c) => !sub.includes(c) && !aud.includes(c)).map(view),
        anyToken,
        ...(clientIds && admitted ? { audiences: { clientIds, admitted } } : {}),
      });
    }
    for (const id of s.principal?.AWS ?? []) {
      const root = ROOT.exec(id);
      const account = root ? (root[1] ?? root[2]) : ACCOUNT.exec(id)?.[1];
      const organizationAccess = management !== undefined && account === management ? { organizationAccess: true as const } : {};
      aws.push({
        principal: id,
        account,
        wholeAccount: root !== null,
        outside: account === undefined || !ownAccounts.has(account),
        conditions: s.conditions.map(view),
        ...organizationAccess,
      });
    }
    for (const id of s.principal?.Service ?? []) services.push({ service: id, conditions: s.conditions.map(view) });
  }
  return { issuers, aws, services, notes };
}

/** The name AWS Organizations gives the role it creates in a new member account, trusting the management account. */
const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

/** The one account whose root an `OrganizationAccountAccessRole` trusts, or undefined when it is not that pattern. */
function organizationAccessAccount(role: Pick<ExportedRole, 'name' | 'trust'>): string | undefined {
  if (role.name !== ORGANIZATION_ACCESS_ROLE) return undefined;
  const accounts = new Set<string>();
  for (const s of readPolicy(role.trust).statements) {
    if (s.effect !== 'Allow') continue;
    if (s.principal === undefined || s.principal === '*') return undefined;
    for (const [type, list] of Object.entries(s.principal)) {
      for (const id of list) {
        const root = type === 'AWS' ? ROOT.exec(id) : null;
        accounts.add(root ? (root[1] ?? root[2]) : '?');
      }
    }
  }
  return accounts.size === 1 && !accounts.has('?') ? [...accounts][0] : undefined;
}

function roleFindings(role: ExportedRole, ownAccountIds: readonly string[], providers: readonly KnownProvider[]): AuditFinding[] {
  const out: AuditFinding[] = [];
  const management = organizationAccessAccount(role);
  for (const r of lintTrustPolicy(role.trust, { accountId: role.accountId, ownAccountIds, providers })) {
    if (management !== undefined && r.ruleId === 'TRUST015' && !ownAccountIds.includes(management)) {
      // Not a third party: the pattern AWS Organizations writes when it creates a member account.
      out.push({
        ruleId: r.ruleId,
        level: 'info',
        where: r.at ? `trust policy ${r.at}` : 'trust policy',
        message: `${ORGANIZATION_ACCESS_ROLE} trusts the root of account ${management}, the role AWS Organizations creates for the organization's management account (not among the exports): every principal of that account its policies allow gets administrator access here`,
        fix: `confirm ${management} is the management account (aws organizations describe-organization); limit who there may assume ${ORGANIZATION_ACCESS_ROLE}, or delete the role if no one uses it`,
      });
      continue;
    }
    out.push({ ruleId: r.ruleId, level: r.level, where: r.at ? `trust policy ${r.at}` : 'trust policy', message: r.message, fix: r.fix });
  }
  for (const p of role.inlinePolicies) {
    for (const r of lintIdentityPolicy(p.document))
      out.push({ ruleId: r.ruleId, level: r.level, where: `inline policy "${p.name}"${r.at ? ` ${r.at}` : ''}`, message: r.message, fix: r.fix });
  }
  const subject = {
    name: role.name,
    path: role.path,
    description: role.description,
    tags: role.tags,
    permissionsBoundary: role.permissionsBoundary,
    managedPolicyArns: role.managedPolicies.map((m) => m.arn),
  };
  for (const r of lintSubject({ kind: 'role', role: subject }))
    out.push({ ruleId: r.ruleId, level: r.level, where: r.at ? `role ${r.at}` : 'role', message: r.message, fix: r.fix });
  return out;
}

/** Providers of an account as the lint pack knows them: the hosts its roles trust through a provider ARN of the account, with their client ids when the export holds them. */
function providersOf(account: AccountExport, clientIdsOf: ClientIdsOf): KnownProvider[] {
  const out = new Map<string, KnownProvider>();
  for (const r of account.roles) {
    for (const s of readPolicy(r.trust).statements) {
      if (!s.principal || s.principal === '*') continue;
      for (const id of s.principal.Federated ?? []) {
        const m = /^arn:[\w-]+:iam::(\d{12}):oidc-provider\/(.+)$/.exec(id);
        if (m && m[1] === account.accountId) {
          const clientIds = clientIdsOf(m[2]);
          out.set(id, { arn: id, host: m[2], ...(clientIds ? { clientIds } : {}) });
        }
      }
    }
  }
  return [...out.values()];
}

export function auditExport(exp: IamExport): AuditReport {
  const ownAccountIds = exp.accounts.map((a) => a.accountId);
  const own = new Set(ownAccountIds);
  const roles: RoleAudit[] = [];
  for (const account of exp.accounts) {
    const clientIdsOf: ClientIdsOf = (host) => providerDetails(exp, host, account.accountId).clientIds;
    const providers = providersOf(account, clientIdsOf);
    for (const role of account.roles) {
      roles.push({
        file: role.file,
        accountId: account.accountId,
        account: account.name ?? account.accountId,
        role: role.name,
        arn: role.arn,
        findings: roleFindings(role, ownAccountIds, providers),
        callers: callersOf(role, own, clientIdsOf),
        ...(awsOwnedReason(role) ? { awsManaged: awsOwnedReason(role) } : {}),
      });
    }
  }
  const counts: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const r of roles) for (const f of r.findings) counts[f.level]++;
  return {
    accounts: exp.accounts.map((a) => ({ id: a.accountId, name: a.name ?? a.accountId, files: a.files, roles: a.roles.length })),
    roles,
    externalEdges: roles.flatMap((r) =>
      r.callers.aws
        .filter((c) => c.outside)
        .map((c) => ({
          role: r.arn,
          principal: c.principal,
          ...(c.account ? { account: c.account } : {}),
          ...(c.organizationAccess ? { organizationAccess: true as const } : {}),
        })),
    ),
    openToAnyToken: roles.flatMap((r) => r.callers.issuers.filter((i) => i.anyToken).map((i) => ({ role: r.arn, issuer: i.host }))),
    counts,
  };
}

/** Exit code of `audit`: 1 when any error-level finding exists. */
export const auditExitCode = (report: AuditReport) => (report.counts.error > 0 ? 1 : 0);
