/**
 * The pipeline, from a spec to each account's Terraform, in the four steps
 * that `synthesize` (src/synth.ts) and `AccountStack` (src/constructs/) both
 * run, so that every renderer writes the one model:
 *
 *   load -> resolve -> check -> describe
 *
 *  - load: the spec file named, else the embedded example
 *    (src/examples/spec-or-example.ts); a spec given as an object is validated
 *    (src/input/load.ts);
 *  - resolve: the model (src/model/resolve.ts), final when it leaves the
 *    resolver: references, ARNs, documents and their operators (an exact-match
 *    StringLike is written StringEquals, src/model/exact-match.ts);
 *  - check: the lint pack (src/lint/) reads the model and changes nothing; its
 *    errors throw a SpecError before anything is made or written, and its
 *    other findings are logged and returned;
 *  - describe: one account's Terraform, once (src/description/account.ts).
 *
 * Synth then proves access on the checked model (src/access/proof-gate.ts)
 * before it writes anything.
 */
import { SpecError } from './errors';
import { describeAccount, type AccountDescription, type DescribeOptions } from './description/account';
import { loadSpecOrExample } from './examples/spec-or-example';
import { validateSpec, type LoadedSpec } from './input/load';
import type { SpecInput } from './input/schema';
import { formatFinding, isBlocking, lintModel, type Finding } from './lint';
import { resolveModel } from './model/resolve';
import type { AccountModel, Model } from './model/types';

/** A spec through load, resolve and check: what every renderer describes. */
export interface CheckedSpec {
  readonly loaded: LoadedSpec;
  /** The model, as the resolver made it (the check reads it only). */
  readonly model: Model;
  /** Every lint finding: warnings, infos (what the resolver chose, marked auto-fixed) and suppressed ones; never an unsuppressed error. */
  readonly findings: readonly Finding[];
}

/** load: the spec in `file`, or the embedded default example when there is none (the CLI passes `--spec`, else `$SPEC_FILE`). */
export function loadSpec(file?: string): LoadedSpec {
  return loadSpecOrExample(file);
}

/** Checked specs by spec object (the object given, and the loaded spec): every stack of one spec shares one resolution and one check. */
const checked = new WeakMap<object, CheckedSpec>();

/**
 * resolve, then check: throws a SpecError listing every lint error (after
 * logging the other findings, one per call) before anything is created or
 * written. The result is kept for `checkedSpec` of the same loaded spec.
 */
export function checkSpec(loaded: LoadedSpec, log: (text: string) => void = () => undefined): CheckedSpec {
  const model = resolveModel(loaded);
  const { findings } = lintModel(model, { locate: loaded.locate });
  for (const f of findings) if (!isBlocking(f)) log(`${formatFinding(f)}\n`);
  const errors = findings.filter(isBlocking);
  if (errors.length > 0) throw new SpecError(errors);
  const result: CheckedSpec = { loaded, model, findings };
  checked.set(loaded, result);
  return result;
}

/**
 * load, resolve and check a spec object once (`AccountStack`'s `spec`: a spec
 * as written, or a loaded one); findings other than errors are not logged. A
 * loaded spec that `checkSpec` has checked (synth's cdktf engine) is not
 * checked again.
 */
export function checkedSpec(spec: SpecInput | LoadedSpec): CheckedSpec {
  let found = checked.get(spec);
  if (!found) {
    const loaded = 'spec' in spec && 'file' in spec ? (spec as LoadedSpec) : validateSpec(spec, '<AccountStack>');
    found = checked.get(loaded) ?? checkSpec(loaded);
    checked.set(spec, found);
  }
  return found;
}

/** describe: one account's Terraform, which the stack JSON, the module, the HCL and both engines' `AccountStack` render. */
export function describe(account: AccountModel, options: DescribeOptions = {}): AccountDescription {
  return describeAccount(account, options);
}
