/**
 * The organization's guardrails: resource control policies (RCPs) derived
 * from the spec, after the shapes of AWS's reference RCPs
 * (aws-samples/data-perimeter-policy-examples; docs/guardrails.md):
 *
 *  - `oidc-providers`: `sts:AssumeRoleWithWebIdentity` is denied for a token
 *    of any issuer the spec does not name (its `sub` key is absent for all of them);
 *  - `oidc-tenants`: for each issuer, a token whose tenant claim is none of
 *    the spec's tenants is denied (`guardrail-tenants.ts`);
 *  - `identity-perimeter`: `sts:AssumeRole` by a principal outside the
 *    organization is denied unless the spec trusts its account (or another
 *    organization it names), and a third party the spec trusts only with
 *    external ids must send one of them;
 *  - `confused-deputy`: an AWS service acting for a resource outside the
 *    organization (`aws:SourceOrgID`) is denied, unless the spec's aws-service
 *    entries name that source account or organization.
 *
 * Every value comes from the resolved trust; nothing is typed twice. The
 * statements are packed in order into policies of at most 5,120 characters
 * (minified JSON, as written) and at most four policies per target (AWS's
 * RCPFullAWSAccess is the fifth); what does not fit is refused with the fix.
 */
import { byCodePoint } from '../order';
import type { IamPolicy, IamStatement } from '../policy/document';
import type { GuardrailName, OrganizationSpec } from '../input/sections/organization';
import type { AccountModel, GuardrailPolicy, GuardrailStatement, OrganizationModel, ResolvedTrust, ThirdParty } from './types';

export type { GuardrailPolicy, GuardrailStatement, OrganizationModel, ThirdParty };
import { entryTenants, issuerTenant, type EntryTenant } from './guardrail-tenants';
import { pushTo } from '../group-by';

/** AWS Organizations: the largest RCP document, in characters. */
export const RCP_MAX_CHARACTERS = 5120;
/** RCPs per root, OU or account (5), less AWS's RCPFullAWSAccess, which is always attached. */
export const RCP_MAX_PER_TARGET = 4;

/** Refusals, as the resolver reports them. */
export interface GuardrailRefusal {
  readonly kind: 'statement-too-large' | 'too-many-policies';
  readonly sid?: string;
  readonly fence?: GuardrailName;
  readonly size: number;
}

const ACCOUNT_OF_ARN = /^arn:[\w-]+:(?:iam|sts)::(\d{12}):/;
const one = (values: readonly string[]) => (values.length === 1 ? values[0] : [...values]);
const sorted = (values: Iterable<string>) => [...new Set(values)].sort(byCodePoint);
const rcp = (sid: string, action: string, condition: NonNullable<IamStatement['Condition']>): IamStatement & { Sid: string } => ({
  Sid: sid,
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: '*',
  Condition: condition,
});

/** The guardrails of the spec's organization, or the refusals that keep them from being written. */
export function deriveOrganization(
  org: OrganizationSpec,
  managementAccount: string,
  accounts: readonly AccountModel[],
): { model: OrganizationModel; refusals: GuardrailRefusal[] } {
  const trusts: ResolvedTrust[] = accounts.flatMap((a) => a.roles.flatMap((r) => r.trust));
  const specAccounts = new Set(accounts.map((a) => a.id));

  const byHost = new Map<string, EntryTenant[]>();
  for (const t of trusts) for (const e of entryTenants(t)) pushTo(byHost, e.host, e);
  const issuers = [...byHost.keys()].sort(byCodePoint).map((h) => issuerTenant(byHost.get(h)!));

  const external = new Map<string, { ids: Set<string>; open: boolean }>();
  const otherOrgs = new Set<string>();
  const sourceAccounts = new Set<string>();
  const sourceOrgs = new Set<string>();
  for (const t of trusts) {
    const s = t.spec;
    if (s.type === 'aws-role' || s.type === 'aws-account') {
      const arn = 'roleArn' in t ? t.roleArn : (t as { rootArn: string }).rootArn;
      const account = ACCOUNT_OF_ARN.exec(arn)?.[1];
      if (account === undefined || specAccounts.has(account)) continue;
      const entry = external.get(account) ?? { ids: new Set<string>(), open: false };
      if (s.externalId === undefined) entry.open = true;
      else entry.ids.add(s.externalId);
      external.set(account, entry);
    } else if (s.type === 'aws-organization' && s.organizationId !== org.id) {
      otherOrgs.add(s.organizationId);
    } else if (s.type === 'aws-service') {
      for (const c of s.conditions ?? []) {
        if (c.key?.toLowerCase() === 'aws:sourceaccount') for (const v of c.values) if (!specAccounts.has(v)) sourceAccounts.add(v);
        if (c.key?.toLowerCase() === 'aws:sourceorgid') for (const v of c.values) if (v !== org.id) sourceOrgs.add(v);
      }
    }
  }
  const thirdParties: ThirdParty[] = [...external.keys()].sort(byCodePoint).map((account) => {
    const e = external.get(account)!;
    return { account, externalIds: e.open ? [] : sorted(e.ids) };
  });

  const model = {
    id: org.id,
    managementAccount,
    targets: [...org.attachTo],
    guardrails: [...org.guardrails],
    issuers,
    thirdParties,
    otherOrganizations: sorted(otherOrgs),
    serviceSources: { accounts: sorted(sourceAccounts), organizations: sorted(sourceOrgs) },
  };
  const statements = guardrailStatements(model);
  const { policies, refusals } = packPolicies(statements);
  return { model: { ...model, statements, policies }, refusals };
}

type Facts = Omit<OrganizationModel, 'statements' | 'policies'>;

/** The statements of the chosen fences, in the order of GUARDRAIL_NAMES. */
export function guardrailStatements(f: Facts): GuardrailStatement[] {
  const out: GuardrailStatement[] = [];
  const chosen = new Set(f.guardrails);
  const subKey = (host: string) => `${host}:sub`;
  if (chosen.has('oidc-providers') && f.issuers.length > 0) {
    // A token of none of the spec's issuers: every one of their `sub` keys is absent.
    const nulls = Object.fromEntries(f.issuers.map((i) => [subKey(i.host), 'true']));
    out.push({ fence: 'oidc-providers', statement: rcp('EnforceTrustedOidcProviders', 'sts:AssumeRoleWithWebIdentity', { Null: nulls }) });
  }
  if (chosen.has('oidc-tenants')) {
    let n = 0;
    for (const i of f.issuers) {
      if (i.kind !== 'claims') continue;
      for (const c of i.claims) {
        const negated = c.values.some((v) => /[*?]/.test(v)) ? 'StringNotLike' : 'StringNotEquals';
        // Only tokens of this issuer (its `sub` key present), whose claim is none of the tenants.
        out.push({
          fence: 'oidc-tenants',
          statement: rcp(`EnforceTrustedOidcTenants${++n}`, 'sts:AssumeRoleWithWebIdentity', {
            Null: { [subKey(i.host)]: 'false' },
            [negated]: { [`${i.host}:${c.claim}`]: one(c.values) },
          }),
        });
      }
    }
  }
  if (chosen.has('identity-perimeter')) {
    const notEquals: Record<string, string | string[]> = { 'aws:PrincipalOrgID': one([f.id, ...f.otherOrganizations]) };
    if (f.thirdParties.length > 0) notEquals['aws:PrincipalAccount'] = one(f.thirdParties.map((t) => t.account));
    out.push({
      fence: 'identity-perimeter',
      statement: rcp('EnforceOrgIdentities', 'sts:AssumeRole', { StringNotEqualsIfExists: notEquals, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }),
    });
    let n = 0;
    for (const t of f.thirdParties) {
      if (t.externalIds.length === 0) continue;
      out.push({
        fence: 'identity-perimeter',
        statement: rcp(`EnforceThirdPartyExternalId${++n}`, 'sts:AssumeRole', {
          StringEquals: { 'aws:PrincipalAccount': t.account },
          StringNotEquals: { 'sts:ExternalId': one(t.externalIds) },
        }),
      });
    }
  }
  if (chosen.has('confused-deputy')) {
    const notEquals: Record<string, string | string[]> = { 'aws:SourceOrgID': one([f.id, ...f.serviceSources.organizations]) };
    if (f.serviceSources.accounts.length > 0) notEquals['aws:SourceAccount'] = one(f.serviceSources.accounts);
    out.push({
      fence: 'confused-deputy',
      statement: rcp('EnforceConfusedDeputyProtection', 'sts:*', {
        StringNotEqualsIfExists: notEquals,
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      }),
    });
  }
  return out;
}

const POLICY_PREFIX = 'cross-account-iam-guardrails';
const documentOf = (statements: readonly GuardrailStatement[]): IamPolicy => ({ Version: '2012-10-17', Statement: statements.map((s) => s.statement) });

/** The statements, in order, in as few policies as the size limit allows; a statement too large alone, or too many policies, is refused. */
export function packPolicies(
  statements: readonly GuardrailStatement[],
  max = RCP_MAX_CHARACTERS,
): { policies: GuardrailPolicy[]; refusals: GuardrailRefusal[] } {
  const groups: GuardrailStatement[][] = [];
  const refusals: GuardrailRefusal[] = [];
  for (const s of statements) {
    const alone = JSON.stringify(documentOf([s])).length;
    if (alone > max) {
      refusals.push({ kind: 'statement-too-large', sid: s.statement.Sid, fence: s.fence, size: alone });
      continue;
    }
    const last = groups.at(-1);
    if (last && JSON.stringify(documentOf([...last, s])).length <= max) last.push(s);
    else groups.push([s]);
  }
  if (groups.length > RCP_MAX_PER_TARGET) refusals.push({ kind: 'too-many-policies', size: groups.length });
  const policies = groups.map((g, i) => {
    const document = documentOf(g);
    return { name: `${POLICY_PREFIX}-${i + 1}`, tfId: `guardrails_${i + 1}`, document, content: JSON.stringify(document) };
  });
  return { policies, refusals };
}
