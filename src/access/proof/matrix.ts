/**
 * The access matrix: every role of the input against every identity of the
 * spec, the verdict the policies give, the verdict the spec means, and the
 * statement that decided. A cell fails when they disagree or when the
 * evaluator cannot decide.
 */
import type { Model, RoleModel } from '../../model/types';
import { evaluateAssumeRole, type AssumeRoleDecision } from '../evaluate/assume-role';
import { guardrailInput } from '../evaluate/guardrail-context';
import type { StatementRef, Verdict } from '../evaluate/evaluate';
import { expectAccess } from '../identities/expectations';
import { deriveIdentities, requestFor, VARIANT_TEXT, type Caller, type Identity, type Origin } from '../identities/identities';
import { statementLabel } from '../../policy/iam-json';
import { callerKey, normalizedSet, roleKey, type PolicySet, type RolePolicies } from '../evaluate/policy-set';
import { awsPrincipalParts, type ContextValue } from '../evaluate/request';

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
  readonly summary: {
    readonly cells: number;
    readonly expectedAllow: number;
    readonly allowed: number;
    readonly failures: number;
    readonly cannotDecide: number;
  };
}

const refLabel = (r: StatementRef) => `${r.policy} ${statementLabel(r)}`;

function identityKind(identity: Identity): string {
  const declared = identity.origins.filter((o) => o.variant === 'workload' || o.variant === 'role-session');
  if (declared.length > 0) return VARIANT_TEXT[declared[0].variant];
  const o = identity.origins[0];
  return `near-miss: ${VARIANT_TEXT[o.variant]} (of ${o.role})`;
}

/** The roles of a check: the spec's roles in spec order, then roles found only in the input. */
export function matrixRoles(model: Model, policies: PolicySet): { roles: MatrixRole[]; specRoles: Map<string, RoleModel> } {
  const specRoles = new Map<string, RoleModel>();
  const roles: MatrixRole[] = [];
  for (const account of model.accounts) {
    for (const role of account.roles) {
      const key = `${account.name}/${role.name}`;
      specRoles.set(key, role);
      roles.push({ key, account: account.name, accountId: account.id, name: role.name, arn: role.arn, declared: true });
    }
  }
  for (const r of policies.roles)
    if (!specRoles.has(roleKey(r))) roles.push({ key: roleKey(r), account: r.account, accountId: r.accountId, name: r.name, arn: r.arn, declared: false });
  return { roles, specRoles };
}

export interface CheckOptions {
  /** Keys sent besides the caller's own (a token's multi-valued claims, for `explain`). */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** Report every condition of each trust statement (`explain`); the decision is the same. */
  readonly everyCondition?: boolean;
}

/**
 * The evaluator's decision for one check: `caller` assuming the role `input`,
 * with the caller's identity policies from `policies` where it is a role they
 * hold. The access matrix and `explain` both decide through this.
 */
export function decideCheck(input: RolePolicies, caller: Caller, policies: PolicySet, options: CheckOptions = {}): AssumeRoleDecision {
  const request = requestFor(caller, input.partition, input.accountId, input.arn);
  const callerParts = request.principal?.type === 'AWS' ? awsPrincipalParts(request.principal.arn) : undefined;
  const callerPolicies = callerParts?.roleName ? policies.callers.get(callerKey(callerParts.account, callerParts.roleName)) : undefined;
  const context = options.context === undefined ? request.context : { ...(request.context ?? {}), ...options.context };
  const rcps = guardrailInput(policies.guardrails, input.accountId, request.principal!, context);
  return evaluateAssumeRole({
    roleArn: input.arn,
    trust: input.trust,
    caller: request.principal!,
    action: request.action,
    context,
    callerPolicies,
    everyCondition: options.everyCondition,
    ...rcps,
  });
}

/**
 * One check: may `identity` assume `role`, what the spec expects, and the
 * statement that decided. Both the brute-force matrix and the indexed sweep
 * call this, so a cell they both evaluate is the same cell.
 */
export function evaluateCell(
  role: MatrixRole,
  input: RolePolicies | undefined,
  spec: RoleModel | undefined,
  identity: Identity,
  policies: PolicySet,
): MatrixCell {
  const exp = expectAccess(spec, identity.caller);
  // Literals, not a spread of shared fields: this runs once per check (137,000 at 1000 accounts), and the spread was a tenth of the proof.
  if (!input) {
    return {
      role: role.key,
      identity: identity.id,
      expected: exp.expected,
      because: exp.because,
      actual: 'cannot-decide',
      deciding: '',
      reason: `role not found in ${policies.source}`,
      notes: [],
      ok: false,
    };
  }
  const d = decideCheck(input, identity.caller, policies);
  let deciding = d.deciding && d.verdict !== 'deny' ? refLabel(d.deciding) : d.denial === 'explicit' && d.deciding ? `${refLabel(d.deciding)} (Deny)` : '';
  if (d.verdict === 'allow' && d.identityStatement) deciding += ` + ${refLabel(d.identityStatement)}`;
  return {
    role: role.key,
    identity: identity.id,
    expected: exp.expected,
    because: exp.because,
    actual: d.verdict,
    deciding,
    reason: d.reason,
    notes: d.notes,
    ok: d.verdict === exp.expected,
  };
}

/**
 * Whether a cell is worth a line in a report: declared, allowed, failing or
 * undecidable, or a near-miss derived from this very role. Every other cell is
 * "denied, as expected"; the indexed sweep keeps only these.
 */
export function isNotable(cell: MatrixCell, identity: Pick<Identity, 'origins'> | { readonly own: boolean }): boolean {
  if (cell.expected === 'allow' || cell.actual !== 'deny' || !cell.ok) return true;
  return 'own' in identity ? identity.own : identity.origins.some((o) => o.role === cell.role);
}

export const matrixIdentity = (i: Identity): MatrixIdentity => ({ id: i.id, caller: i.caller, kind: identityKind(i), origins: i.origins });

/**
 * Evaluates every role of `input` against every identity derived from
 * `model` (or the identities given, e.g. the union of two specs for a diff).
 * This is the brute force: roles × identities checks. {@link sweepAccess}
 * gives the same notable cells through an index, at organization scale.
 */
export function buildMatrix(model: Model, input: PolicySet, identities: readonly Identity[] = deriveIdentities(model)): AccessMatrix {
  // Each document is read once, not once per identity (the checks read the same normalized documents).
  const policies = normalizedSet(input);
  const { roles, specRoles } = matrixRoles(model, policies);
  const found = new Map(policies.roles.map((r) => [roleKey(r), r]));
  const cells: MatrixCell[] = [];
  for (const role of roles) {
    const input = found.get(role.key);
    const spec = specRoles.get(role.key);
    for (const identity of identities) cells.push(evaluateCell(role, input, spec, identity, policies));
  }
  return {
    spec: model.file,
    source: policies.source,
    roles,
    identities: identities.map(matrixIdentity),
    cells,
    summary: summarize(cells, cells.length),
  };
}

/** Counts over the cells given; `total` is roles × identities (cells not given are denied, as expected). */
export function summarize(cells: readonly MatrixCell[], total: number): AccessMatrix['summary'] {
  let expectedAllow = 0;
  let allowed = 0;
  let failures = 0;
  let cannotDecide = 0;
  for (const c of cells) {
    if (c.expected === 'allow') expectedAllow++;
    if (c.actual === 'allow') allowed++;
    if (!c.ok) failures++;
    if (c.actual === 'cannot-decide') cannotDecide++;
  }
  return { cells: total, expectedAllow, allowed, failures, cannotDecide };
}
