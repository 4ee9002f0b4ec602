/**
 * What the rules over the whole model (SPEC and WORK rules) share: the check
 * that applies only to a `model` subject, and the walk over every trust entry
 * with the field path its findings point at.
 */
import type { AccountModel, Model, ResolvedTrust, RoleModel } from '../../model/types';
import { findings, NOT_APPLICABLE, type Compliance, type LintSubject, type RuleFinding } from '../types';

/** A model rule's check: not applicable to other subjects, else the findings `collect` reports for the model, in order. */
export function checkModel(subject: LintSubject, collect: (model: Model, report: (finding: RuleFinding) => void) => void): Compliance {
  if (subject.kind !== 'model') return NOT_APPLICABLE;
  const out: RuleFinding[] = [];
  collect(subject.model, (finding) => out.push(finding));
  return findings(out);
}

/** One trust entry of the model, where it stands. */
export interface TrustPlace {
  readonly account: AccountModel;
  /** The account's index in the spec. */
  readonly ai: number;
  readonly role: RoleModel;
  readonly trust: ResolvedTrust;
  /** `['accounts', ai, 'roles', ri, 'trust', ti]`: the entry's field path (for a role the spec does not declare, the entry that creates it). Made when read. */
  readonly path: readonly (string | number)[];
}

/**
 * Every trust entry of the model, in spec order (account, role, entry). A loop with a visitor rather
 * than a generator: several rules walk every entry of every account, and most entries report nothing,
 * so the walk allocates one small record per entry and builds its path only when a finding reads it.
 */
export function forEachTrust(model: Model, visit: (place: TrustPlace) => void): void {
  const accounts = model.accounts;
  for (let ai = 0; ai < accounts.length; ai++) {
    const account = accounts[ai];
    for (let ri = 0; ri < account.roles.length; ri++) {
      const role = account.roles[ri];
      for (let ti = 0; ti < role.trust.length; ti++) visit(new Place(account, ai, role, ri, ti));
    }
  }
}

class Place implements TrustPlace {
  constructor(
    readonly account: AccountModel,
    readonly ai: number,
    readonly role: RoleModel,
    private readonly ri: number,
    private readonly ti: number,
  ) {}

  get trust(): ResolvedTrust {
    return this.role.trust[this.ti];
  }

  get path(): readonly (string | number)[] {
    return this.role.origin ?? ['accounts', this.ai, 'roles', this.ri, 'trust', this.ti];
  }
}
