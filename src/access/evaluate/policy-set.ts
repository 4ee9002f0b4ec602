/**
 * The policies the access check reads, whatever they came from (the model,
 * synthesized Terraform JSON, or a Terraform plan): each role's trust policy
 * and the identity policies its sessions carry.
 */
import type { Model } from '../../model/types';
import { toIamPolicy } from '../../policy/document';
import type { CallerPolicies } from './assume-role';
import { normalized, type NamedPolicy } from './evaluate';
import { guardrailsOf, type Guardrails } from './guardrail-context';

/** The name the account stacks give the identity policy that grants cross-account AssumeRole. */
export const GRANT_POLICY_NAME = 'assume-cross-account-roles';

export interface RolePolicies {
  /** The account name (stack, module folder). */
  readonly account: string;
  readonly accountId: string;
  readonly partition: string;
  readonly name: string;
  readonly arn: string;
  /** IAM JSON as an object or text, or {@link unreadable} with the reason it could not be read. */
  readonly trust: unknown;
  /** The role's maximum session duration in seconds, when set (role chaining caps sessions at 3600). */
  readonly maxSessionDuration?: number;
}

export interface PolicySet {
  /** Where the policies came from, for reports. */
  readonly source: string;
  readonly roles: readonly RolePolicies[];
  /** Identity policies by {@link callerKey}; includes roles this input only grants to. */
  readonly callers: ReadonlyMap<string, CallerPolicies>;
  /** The organization's resource control policies over the roles, when the spec has an organization. */
  readonly guardrails?: Guardrails;
  /** Resource control policies found in the input (the management account's stack), before {@link withInputGuardrails} places them. */
  readonly rcps?: readonly NamedPolicy[];
}

/** A policy set read from stacks or a plan, with the RCPs it holds placed as the spec's organization says (none without one). */
export function withInputGuardrails(policies: PolicySet, model: Model): PolicySet {
  const g = guardrailsOf(model);
  if (!g || policies.guardrails) return policies;
  return { ...policies, guardrails: { ...g, policies: policies.rcps ?? [] } };
}

export const callerKey = (accountId: string, roleName: string) => `${accountId}/${roleName.toLowerCase()}`;
export const roleKey = (r: { readonly account: string; readonly name: string }) => `${r.account}/${r.name}`;

export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Collects identity policies per caller while a reader walks its input. */
export class CallerIndex {
  private readonly byKey = new Map<string, { policies: NamedPolicy[]; unread: string[] }>();

  private entry(accountId: string, roleName: string) {
    const key = callerKey(accountId, roleName);
    let e = this.byKey.get(key);
    if (!e) this.byKey.set(key, (e = { policies: [], unread: [] }));
    return e;
  }

  inline(accountId: string, roleName: string, policy: NamedPolicy): void {
    this.entry(accountId, roleName).policies.push(policy);
  }

  unread(accountId: string, roleName: string, what: string): void {
    this.entry(accountId, roleName).unread.push(what);
  }

  /** Marks a role as known, with no identity policy yet. */
  known(accountId: string, roleName: string): void {
    this.entry(accountId, roleName);
  }

  build(): ReadonlyMap<string, CallerPolicies> {
    return new Map([...this.byKey].map(([k, v]) => [k, { policies: v.policies, unread: v.unread }]));
  }
}

/** The model's own documents, rendered to IAM JSON as the AWS provider renders them. */
export function policySetFromModel(model: Model): PolicySet {
  const roles: RolePolicies[] = [];
  const callers = new CallerIndex();
  for (const account of model.accounts) {
    for (const role of account.roles) {
      roles.push({
        account: account.name,
        accountId: account.id,
        partition: account.partition,
        name: role.name,
        arn: role.arn,
        trust: toIamPolicy(role.trustPolicy),
        maxSessionDuration: role.maxSessionDuration,
      });
      callers.known(account.id, role.name);
      for (const p of role.inlinePolicies) callers.inline(account.id, role.name, { name: p.name, document: toIamPolicy(p.document) });
      for (const arn of role.managedPolicyArns) callers.unread(account.id, role.name, arn.arn);
      if (role.permissionsBoundary) callers.unread(account.id, role.name, `permissions boundary ${role.permissionsBoundary}`);
    }
    // A grant to add by hand is absent until it exists: its caller stays outside the input.
    for (const grant of account.grants)
      if (!grant.byHand) callers.inline(account.id, grant.roleName, { name: GRANT_POLICY_NAME, document: toIamPolicy(grant.document) });
  }
  const guardrails = guardrailsOf(model);
  return { source: model.file, roles, callers: callers.build(), ...(guardrails ? { guardrails } : {}) };
}

/**
 * The policy set with every document normalized once, however many times it is
 * evaluated (the brute-force matrix and the indexed sweep both read it so).
 */
export function normalizedSet(policies: PolicySet): PolicySet {
  return {
    source: policies.source,
    roles: policies.roles.map((r) => ({ ...r, trust: normalized(r.trust) })),
    callers: new Map(
      [...policies.callers].map(([k, c]) => [k, { unread: c.unread, policies: c.policies.map((p) => ({ name: p.name, document: normalized(p.document) })) }]),
    ),
    ...(policies.guardrails
      ? { guardrails: { ...policies.guardrails, policies: policies.guardrails.policies.map((p) => ({ name: p.name, document: normalized(p.document) })) } }
      : {}),
  };
}
