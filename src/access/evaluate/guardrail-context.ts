/**
 * The organization's guardrails as the access proof applies them: the
 * resource control policies over every spec account but the management
 * account (AWS never applies RCPs there), and the global keys STS puts in
 * the request context for them (docs/guardrails.md):
 *
 *  - an AWS principal: `aws:PrincipalAccount`, `aws:PrincipalIsAWSService`
 *    false, and `aws:PrincipalOrgID` when its account is a spec account (the
 *    spec's accounts are the organization's); a caller that says its own
 *    organization (`aws-organization` identities) keeps it;
 *  - an AWS service: `aws:PrincipalIsAWSService` true and, for a source
 *    account of the spec, `aws:SourceOrgID`.
 */
import type { Model } from '../../model/types';
import type { NamedPolicy } from './evaluate';
import type { ContextValue, RequestPrincipal } from './request';
import { awsPrincipalParts } from './request';

export interface Guardrails {
  readonly organizationId: string;
  /** The resource control policies, as AWS receives them. */
  readonly policies: readonly NamedPolicy[];
  /** Account ids of the organization (the spec's accounts). */
  readonly members: ReadonlySet<string>;
  /** Account ids the policies do not apply to: the management account. */
  readonly exempt: ReadonlySet<string>;
}

/** The model's guardrails, or undefined when the spec has no organization. */
export function guardrailsOf(model: Model): Guardrails | undefined {
  const org = model.organization;
  if (!org) return undefined;
  const management = model.accounts.find((a) => a.name === org.managementAccount);
  return {
    organizationId: org.id,
    policies: org.policies.map((p) => ({ name: p.name, document: p.document })),
    members: new Set(model.accounts.map((a) => a.id)),
    exempt: new Set(management ? [management.id] : []),
  };
}

const has = (context: Readonly<Record<string, ContextValue>>, key: string) => Object.keys(context).some((k) => k.toLowerCase() === key.toLowerCase());
const valueOf = (context: Readonly<Record<string, ContextValue>>, key: string) =>
  Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];

/** The context the RCPs see: the request's own keys, then the principal's global keys it does not already carry. */
export function guardrailContext(
  g: Guardrails,
  principal: RequestPrincipal,
  context: Readonly<Record<string, ContextValue>> = {},
): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = { ...context };
  const add = (key: string, value: ContextValue) => {
    if (!has(out, key)) out[key] = value;
  };
  if (principal.type === 'AWS') {
    const account = awsPrincipalParts(principal.arn)?.account;
    add('aws:PrincipalIsAWSService', 'false');
    if (account !== undefined) {
      add('aws:PrincipalAccount', account);
      if (g.members.has(account)) add('aws:PrincipalOrgID', g.organizationId);
    }
  } else if (principal.type === 'Service') {
    add('aws:PrincipalIsAWSService', 'true');
    const source = valueOf(out, 'aws:SourceAccount');
    if (typeof source === 'string' && g.members.has(source)) add('aws:SourceOrgID', g.organizationId);
  }
  return out;
}

/** The RCPs over a role of this account, with the context they see, for `evaluateAssumeRole`. */
export function guardrailInput(
  g: Guardrails | undefined,
  roleAccountId: string,
  principal: RequestPrincipal,
  context?: Readonly<Record<string, ContextValue>>,
) {
  if (!g || g.exempt.has(roleAccountId) || g.policies.length === 0) return {};
  return { rcps: g.policies, rcpContext: guardrailContext(g, principal, context) };
}

/** An account id none of `taken` holds, counting down from 999999999999: the undeclared outsider the guardrail checks try. */
export function outsideAccount(taken: ReadonlySet<string> | readonly string[], from = 999999999999): string {
  const used = new Set(taken);
  let n = from;
  while (used.has(String(n))) n--;
  return String(n);
}
