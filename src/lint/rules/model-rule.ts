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
  /** `['accounts', ai, 'roles', ri, 'trust', ti]`: the entry's field path (for a role the spec does not declare, the entry that creates it). */
  readonly path: readonly (string | number)[];
}

/** Every trust entry of the model, in spec order (account, role, entry). */
export function* trustEntries(model: Model): Generator<TrustPlace> {
  for (const [ai, account] of model.accounts.entries()) {
    for (const [ri, role] of account.roles.entries()) {
      for (const [ti, trust] of role.trust.entries()) yield { account, ai, role, trust, path: role.origin ?? ['accounts', ai, 'roles', ri, 'trust', ti] };
    }
  }
}
