/**
 * The public TypeScript API: describe accounts, issuers and roles with
 * `defineSpec`, then synthesize, or build `AccountStack`s in your own cdktf app.
 */
export { defineSpec, validateSpec, parseSpecYaml, loadSpecFile, type LoadedSpec } from './spec/load';
export type { SpecInput, Spec, AccountSpec, RoleSpec, TrustSpec, IssuerSpec } from './spec/schema';
export { resolveModel } from './model/resolve';
export type { Model, AccountModel, RoleModel, OidcProviderModel, GrantModel, ResolvedTrust } from './model/types';
export { synthesize, loadSpec, type SynthOptions, type SynthResult } from './synth';
export { AccountStack } from './constructs/account-stack';
export { SpecError, type Problem } from './errors';
export { toIamPolicy, type PolicyDocument, type Statement, type IamPolicy } from './policy/document';
export { evaluatePolicy, evaluatePolicies, type Decision, type Verdict } from './access/evaluate';
export { evaluateAssumeRole, type AssumeRoleDecision } from './access/assume-role';
export { buildMatrix, type AccessMatrix } from './access/matrix';
export { diffMatrices, type AccessDiff } from './access/diff';
