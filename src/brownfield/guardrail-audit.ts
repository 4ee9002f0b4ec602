/**
 * `audit --spec`: would the spec's organization guardrails fence each risky
 * trust of the exported roles? For every trust the audit flags (a role any
 * token of an issuer can assume, a principal outside the exported accounts
 * or `*`, a service with no source condition), the request that makes it
 * risky is evaluated on the exported trust policy alone and with the spec's
 * resource control policies, through the access proof's one evaluator; what
 * the guardrails still let through is said per trust.
 *
 * The exported accounts are taken as members of the organization, under its
 * policies, except the spec's management account (RCPs never reach it).
 */
import { evaluateAssumeRole } from '../access/evaluate/assume-role';
import { guardrailInput, guardrailsOf, outsideAccount, type Guardrails } from '../access/evaluate/guardrail-context';
import { statementLabel } from '../policy/iam-json';
import type { Model } from '../model/types';
import type { ContextValue, RequestPrincipal } from '../access/evaluate/request';
import type { AuditReport, RoleAudit } from './audit';
import { unrelatedSubject } from './identities';
import type { IamExport } from './export';

export interface FenceVerdict {
  readonly role: string;
  /** The risky trust, in words. */
  readonly risk: string;
  /** The request tried, in words. */
  readonly request: string;
  /** The exported trust alone lets the request in. */
  readonly exposed: boolean;
  /** The guardrails deny it. */
  readonly fenced: boolean;
  /** The RCP statement that denies it. */
  readonly by?: string;
  /** What the guardrails still let in through this trust. */
  readonly remains: string;
}

export interface GuardrailAudit {
  readonly organization: string;
  /** The spec's management account: its roles are never fenced. */
  readonly managementAccount?: string;
  readonly verdicts: readonly FenceVerdict[];
}

const GUARDED = /^(aws:SourceAccount|aws:SourceArn|aws:SourceOrgID|aws:SourceOrgPaths)$/i;

/** The guardrail verdict of every risky trust of the audit, or undefined when the spec has no organization. */
export function guardrailAudit(report: AuditReport, exp: IamExport, model: Model): GuardrailAudit | undefined {
  const base = guardrailsOf(model);
  const org = model.organization;
  if (!base || !org) return undefined;
  const g: Guardrails = { ...base, members: new Set([...base.members, ...exp.accounts.map((a) => a.accountId)]) };
  const management = model.accounts.find((a) => a.name === org.managementAccount)?.id;
  const thirdParties = new Map(org.thirdParties.map((t) => [t.account, t]));
  const outsider = outsideAccount([...g.members, ...thirdParties.keys()]);
  const trustOf = new Map(exp.accounts.flatMap((a) => a.roles.map((r) => [r.arn, r.trust] as const)));
  const verdicts: FenceVerdict[] = [];

  const judge = (r: RoleAudit, risk: string, request: string, principal: RequestPrincipal, context: Record<string, ContextValue>, remains: string) => {
    const trust = trustOf.get(r.arn);
    const alone = evaluateAssumeRole({ roleArn: r.arn, trust, caller: principal, context });
    const withRcps = evaluateAssumeRole({ roleArn: r.arn, trust, caller: principal, context, ...guardrailInput(g, r.accountId, principal, context) });
    const fenced = withRcps.rcp?.verdict === 'deny' && withRcps.rcp.denial === 'explicit';
    const by = fenced && withRcps.rcp?.deciding ? `${withRcps.rcp.deciding.policy} ${statementLabel(withRcps.rcp.deciding)}` : undefined;
    const note = r.accountId === management ? 'the management account: no RCP applies to its roles' : remains;
    verdicts.push({ role: r.arn, risk, request, exposed: alone.verdict === 'allow', fenced, ...(by ? { by } : {}), remains: note });
  };

  for (const r of report.roles) {
    if (r.awsManaged) continue;
    for (const i of r.callers.issuers.filter((x) => x.anyToken && !x.saml)) {
      const pinned = i.aud.flatMap((c) => c.values).find((v) => !/[*?]/.test(v)) ?? 'sts.amazonaws.com';
      const sub = unrelatedSubject(i.host);
      const tenant = org.issuers.find((t) => t.host === i.host);
      const remains = !tenant
        ? 'nothing: the spec trusts no role to this issuer, so every token of it is denied'
        : tenant.kind === 'claims'
          ? `every workload of the spec's tenants of this issuer (${tenant.claims.map((c) => `${c.claim} ${c.values.join(', ')}`).join('; ')}) can still assume it`
          : tenant.kind === 'issuer'
            ? 'every workload of this issuer (it is one tenant\u2019s, e.g. an EKS cluster) can still assume it'
            : `every token of this issuer can still assume it: ${tenant.why}`;
      judge(
        r,
        `any token of ${i.host}`,
        `a token of another tenant (sub ${sub}, aud ${pinned})`,
        { type: 'Federated', id: i.principal },
        { [`${i.host}:sub`]: sub, [`${i.host}:aud`]: pinned },
        remains,
      );
    }
    for (const a of r.callers.aws.filter((x) => x.outside && !x.organizationAccess)) {
      const account = a.account ?? outsider;
      const third = thirdParties.get(account);
      const remains =
        a.account === undefined
          ? `principals of ${org.id}${org.thirdParties.length > 0 ? ` and the spec's third parties (${org.thirdParties.map((t) => t.account).join(', ')})` : ''} can still assume it`
          : third
            ? `${account} is a third party the spec declares${third.externalIds.length > 0 ? `: only with its external id (${third.externalIds.join(', ')})` : ', without an external id'}`
            : 'nothing from that account';
      judge(
        r,
        a.principal === '*' ? 'any AWS principal' : `${a.principal}, outside the exported accounts`,
        `a role of account ${account}, no external id`,
        { type: 'AWS', arn: `arn:aws:iam::${account}:role/caller` },
        {},
        remains,
      );
    }
    for (const s of r.callers.services.filter((x) => !x.conditions.some((c) => GUARDED.test(c.key)))) {
      judge(
        r,
        `${s.service} with no source condition`,
        `${s.service} acting for account ${outsider}`,
        { type: 'Service', id: s.service },
        { 'aws:SourceAccount': outsider },
        'the service acting for resources of the organization can still assume it',
      );
    }
  }
  return { organization: org.id, ...(management ? { managementAccount: management } : {}), verdicts };
}

/** The markdown section of the audit report. */
export function guardrailAuditMarkdown(a: GuardrailAudit): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    '## Guardrails of the spec',
    '',
    `Would the resource control policies the spec derives for ${a.organization} fence each risky trust above? Each row is the request that makes the trust risky, evaluated on the exported trust alone and with the policies (docs/guardrails.md).`,
    '',
  ];
  if (a.verdicts.length === 0) return [...out, 'No risky trust.', ''];
  out.push('| role | risky trust | request tried | trust alone | with the guardrails | what remains |', '|---|---|---|---|---|---|');
  for (const v of a.verdicts) {
    const now = v.fenced ? `**fenced** by ${v.by}` : v.exposed ? '**still allowed**' : 'denied';
    out.push(`| \`${v.role}\` | ${cell(v.risk)} | ${cell(v.request)} | ${v.exposed ? 'allowed' : 'denied'} | ${now} | ${cell(v.remains)} |`);
  }
  return [...out, ''];
}
