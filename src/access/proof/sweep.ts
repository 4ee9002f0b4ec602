/**
 * The access check at organization scale: the same cells as the brute-force
 * matrix ({@link buildMatrix}), but each role is evaluated only against the
 * identities its trust policy (or its spec) can possibly admit, found through
 * the {@link PrincipalIndex}, plus the near-misses derived from the role
 * itself. Results come one role at a time, so a report can be written as the
 * sweep goes and nothing of roles × identities is ever held.
 */
import type { Model, RoleModel } from '../../model/types';
import { normalized, problemsOf } from '../evaluate/evaluate';
import { expectationLookups } from '../identities/expectations';
import { deriveIdentities, type Caller, type Identity } from '../identities/identities';
import { evaluateCell, isNotable, matrixRoles, type MatrixCell, type MatrixRole } from './matrix';
import { policyLookups, PrincipalIndex, type Lookup } from '../identities/principal-index';
import { normalizedSet, roleKey, type PolicySet, type RolePolicies } from '../evaluate/policy-set';

export interface RoleResult {
  /** Position of the role in {@link AccessSweep.roles}. */
  readonly index: number;
  readonly role: MatrixRole;
  /** The notable cells ({@link isNotable}), in identity order; every other identity is denied, as expected. */
  readonly cells: readonly MatrixCell[];
  /** How many identities were evaluated; the others cannot match the role's principals. */
  readonly evaluated: number;
}

const OWN = { own: true } as const;
const NOT_OWN = { own: false } as const;

export class AccessSweep {
  readonly roles: readonly MatrixRole[];
  readonly identities: readonly Identity[];
  /** The role's input policies (undefined: not found in the input), by role position. */
  readonly inputs: readonly (RolePolicies | undefined)[];
  readonly specRoles: readonly (RoleModel | undefined)[];
  readonly policies: PolicySet;
  private readonly callers = new PrincipalIndex();
  private readonly trusts = new PrincipalIndex();
  private readonly own = new Map<string, number[]>();
  private readonly lookups: (Lookup[] | undefined)[];

  constructor(
    readonly model: Model,
    policies: PolicySet,
    identities: readonly Identity[] = deriveIdentities(model),
  ) {
    this.policies = normalizedSet(policies);
    const { roles, specRoles } = matrixRoles(model, this.policies);
    const found = new Map(this.policies.roles.map((r) => [roleKey(r), r]));
    this.roles = roles;
    this.identities = identities;
    this.inputs = roles.map((r) => found.get(r.key));
    this.specRoles = roles.map((r) => specRoles.get(r.key));
    identities.forEach((identity, n) => {
      this.callers.fileCaller(n, identity.caller);
      for (const o of identity.origins) {
        const list = this.own.get(o.role);
        if (!list) this.own.set(o.role, [n]);
        else if (list[list.length - 1] !== n) list.push(n);
      }
    });
    this.lookups = this.inputs.map((input, i) => {
      if (!input) return undefined;
      const trust = normalized(input.trust);
      const lookups = policyLookups(trust, problemsOf(trust, 'trust'));
      if (lookups) for (const l of lookups) this.trusts.fileLookup(i, l);
      else this.trusts.fileEverywhere(i);
      return lookups;
    });
  }

  /** The identities (positions) role `i` is evaluated against, in identity order. */
  candidates(i: number): number[] {
    const all = () => this.identities.map((_, n) => n);
    const trust = this.lookups[i];
    if (!trust) return all();
    const spec = this.specRoles[i];
    const lookups = [...trust];
    for (const t of spec?.trust ?? []) {
      const l = expectationLookups(t);
      if (!l) return all();
      lookups.push(...l);
    }
    const seen = new Set<number>(this.own.get(this.roles[i].key));
    for (const l of lookups) for (const n of this.callers.matchCallers(l)) seen.add(n);
    return Array.from(seen).sort((a, b) => a - b);
  }

  /** One cell, evaluated (for any identity, e.g. a role session a chain tries). */
  cell(i: number, identity: Identity): MatrixCell {
    return evaluateCell(this.roles[i], this.inputs[i], this.specRoles[i], identity, this.policies);
  }

  /** Role `i` against its candidates: the notable cells. */
  role(i: number): RoleResult {
    const candidates = this.candidates(i);
    const own = new Set(this.own.get(this.roles[i].key));
    const cells: MatrixCell[] = [];
    for (const n of candidates) {
      const c = this.cell(i, this.identities[n]);
      if (isNotable(c, own.has(n) ? OWN : NOT_OWN)) cells.push(c);
    }
    return { index: i, role: this.roles[i], cells, evaluated: candidates.length };
  }

  /** Every role, in order. */
  *results(): Iterable<RoleResult> {
    for (let i = 0; i < this.roles.length; i++) yield this.role(i);
  }

  /** The roles (positions) whose trust a caller can possibly match, in role order. */
  rolesFor(caller: Caller): number[] {
    return Array.from(new Set(this.trusts.matchLookups(caller))).sort((a, b) => a - b);
  }

  /** roles × identities: the checks the brute force would make. */
  get checks(): number {
    return this.roles.length * this.identities.length;
  }
}
