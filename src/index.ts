/**
 * The public TypeScript API, and all of it (package.json `exports` publishes
 * this file; everything else is internal and may change):
 *  - the spec: its types, `defineSpec` for TypeScript specs, the loaders, and
 *    `SpecError` with its problems;
 *  - `synthesize`: the spec to cdktf stacks, modules and workload settings
 *    (its result's `model` is what `buildMatrix` reads; the model's types are
 *    internal, like CDK's `private/`, and are not exported here);
 *  - (`AccountStack`, one account as a stack in your own app, is in the
 *    engines' entry points: `cross-account-iam/cdktf` and `cross-account-iam/cdktn`,
 *    src/constructs/cdktf.ts and cdktn.ts, so that this one loads neither);
 *  - lint: the rule pack, and the rules run on hand-written policies;
 *  - access: IAM's decision for one request, the access matrix and its diff,
 *    and `runExplain`: why a token or caller may or may not assume each role.
 * A test lists these names, types included, so that a change to them is a deliberate one.
 */
export { defineSpec, loadSpecFile, parseSpecYaml, validateSpec, type LoadedSpec } from './input/load';
export type { SpecInput, Spec, AccountSpec, RoleSpec, IssuerSpec } from './input/schema';
export type { TrustSpec } from './input/trust-types';
export { SpecError, type Problem } from './errors';

export { synthesize, loadSpec, type SynthOptions, type SynthResult } from './synth';

export { RULES, lintTrustPolicy, lintIdentityPolicy, type Finding, type Rule, type Level, type TrustContext } from './lint';

export { evaluatePolicy, evaluatePolicies, type Decision, type Verdict } from './access/evaluate/evaluate';
export { evaluateAssumeRole, type AssumeRoleDecision } from './access/evaluate/assume-role';
export { buildMatrix, type AccessMatrix } from './access/proof/matrix';
export { diffMatrices, type AccessDiff } from './access/proof/diff';
export {
  runExplain,
  type ExplainOptions,
  type ExplainResult,
  type ExplainReport,
  type RoleExplanation,
  type FailedCondition,
  type SpecChange,
} from './access/explain/explain';
