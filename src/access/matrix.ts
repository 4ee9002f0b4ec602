/**
 * The access matrix: every role of the input against every identity of the
 * spec, the verdict the policies give, the verdict the spec means, and the
 * statement that decided. A cell fails when they disagree or when the
 * evaluator cannot decide.
 */
import type { Model, RoleModel } from '../model/types';
import { evaluateAssumeRole } from './assume-role';
import type { StatementRef, Verdict } from './evaluate';
import { expectAccess } from './expectations';
import { deriveIdentities, requestFor, VARIANT_TEXT, type Caller, type Identity, type Origin } from './identities';
import { statementLabel } from './policy-json';
import { callerKey, roleKey, type PolicySet } from './policy-set';
import { awsPrincipalParts } from './request';

export interface MatrixRole {
  /** `account/role`. */
  readonly key: string;
  readonly account: string;
  readonly accountId: string;
  readonly name: string;
  readonly arn: string;
  /** Declared in the spec (false: found only in the input). */
  readonly declared: boolean;
}

export interface MatrixIdentity {
  readonly id: string;
  readonly caller: Caller;
  /** What the identity is, e.g. `declared workload` or `near-miss: wrong aud (of data-lake/x)`. */
  readonly kind: string;
  /** The roles and trust entries it was derived from, and how. */
  readonly origins: readonly Origin[];
}

export interface MatrixCell {
  readonly role: string;
  readonly identity: string;
  readonly expected: 'allow' | 'deny';
  /** The spec's trust entry that declares the identity, for an expected allow. */
  readonly because?: string;
  readonly actual: Verdict;
  /** `trust S0`, `trust S0 + assume-cross-account-roles S0`, or empty when nothing allowed. */
  readonly deciding: string;
  readonly reason: string;
  readonly notes: readonly string[];
  readonly ok: boolean;
}

export interface AccessMatrix {
  readonly spec: string;
  readonly source: string;
  readonly roles: readonly MatrixRole[];
  readonly identities: readonly MatrixIdentity[];
  /** Role-major, in role order then identity order. */
  readonly cells: readonly MatrixCell[];
  readonly summary: { readonly cells: number; readonly expectedAllow: number; readonly allowed: number; readonly failures: number; readonly cannotDecide: number };
}

const refLabel = (r: StatementRef) => `${r.policy} ${statementLabel(r)}`;

function identityKind(identity: Identity): string {
  const declared = identity.origins.filter((o) => o.variant === 'workload' || o.variant === 'role-session');
  if (declared.length > 0) return VARIANT_TEXT[declared[0].variant];
  const o = identity.origins[0];
  return `near-miss: ${VARIANT_TEXT[o.variant]} (of ${o.role})`;
}

/**
 * Evaluates every role of `policies` against every identity derived from
 * `model` (or the identities given, e.g. the union of two specs for a diff).
 */
export function buildMatrix(model: Model, policies: PolicySet, identities: readonly Identity[] = deriveIdentities(model)): AccessMatrix {
  const specRoles = new Map<string, { role: RoleModel; account: Model['accounts'][number] }>();
  for (const account of model.accounts) for (const role of account.roles) specRoles.set(`${account.name}/${role.name}`, { role, account });

  const found = new Map(policies.roles.map((r) => [roleKey(r), r]));
  const roles: MatrixRole[] = [];
  for (const [key, { role, account }] of specRoles) roles.push({ key, account: account.name, accountId: account.id, name: role.name, arn: role.arn, declared: true });
  for (const r of policies.roles) if (!specRoles.has(roleKey(r))) roles.push({ key: roleKey(r), account: r.account, accountId: r.accountId, name: r.name, arn: r.arn, declared: false });

  const cells: MatrixCell[] = [];
  for (const role of roles) {
    const input = found.get(role.key);
    const spec = specRoles.get(role.key)?.role;
    for (const identity of identities) {
      const exp = expectAccess(spec, identity.caller);
      const base = { role: role.key, identity: identity.id, expected: exp.expected, because: exp.because };
      if (!input) {
        cells.push({ ...base, actual: 'cannot-decide', deciding: '', reason: `role not found in ${policies.source}`, notes: [], ok: false });
        continue;
      }
      const request = requestFor(identity.caller, input.partition, input.accountId, input.arn);
      const callerParts = request.principal?.type === 'AWS' ? awsPrincipalParts(request.principal.arn) : undefined;
      const callerPolicies = callerParts?.roleName ? policies.callers.get(callerKey(callerParts.account, callerParts.roleName)) : undefined;
      const d = evaluateAssumeRole({ roleArn: input.arn, trust: input.trust, caller: request.principal!, action: request.action, context: request.context, callerPolicies });
      let deciding = d.deciding && d.verdict !== 'deny' ? refLabel(d.deciding) : d.denial === 'explicit' && d.deciding ? `${refLabel(d.deciding)} (Deny)` : '';
      if (d.verdict === 'allow' && d.identityStatement) deciding += ` + ${refLabel(d.identityStatement)}`;
      cells.push({ ...base, actual: d.verdict, deciding, reason: d.reason, notes: d.notes, ok: d.verdict === exp.expected });
    }
  }
  return {
    spec: model.file,
    source: policies.source,
    roles,
    identities: identities.map((i) => ({ id: i.id, caller: i.caller, kind: identityKind(i), origins: i.origins })),
    cells,
    summary: {
      cells: cells.length,
      expectedAllow: cells.filter((c) => c.expected === 'allow').length,
      allowed: cells.filter((c) => c.actual === 'allow').length,
      failures: cells.filter((c) => !c.ok).length,
      cannotDecide: cells.filter((c) => c.actual === 'cannot-decide').length,
    },
  };
}
