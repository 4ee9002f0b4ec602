/**
 * The trust-policy lint pack: rules in the cdk-nag shape, run on every
 * synthesized trust and identity policy and on the spec, before any Terraform
 * is written. No cdktf is imported here.
 */
import { fixLine } from '../errors';
import { checkSubject } from './pack';
import type { Finding, LintSubject, TrustContext } from './types';

export { isBlocking, lintModel, type LintOptions, type LintReport } from './model';
export { checkSubject, LIMIT_RULE_IDS, ruleById, RULES, runRule, type RuleResult } from './pack';
export { PROOF_RULE, SUPPRESSION_RULES } from './suppressions';
export { trustPolicySize } from './rules/iam-004-trust-policy-size';
export * from './types';

/** Lints a hand-written trust policy (IAM JSON, as text or object). */
export function lintTrustPolicy(policy: unknown, context?: TrustContext) {
  return checkSubject({ kind: 'trust-policy', policy, context });
}

/** Lints a hand-written identity policy (IAM JSON, as text or object). */
export function lintIdentityPolicy(policy: unknown) {
  return checkSubject({ kind: 'identity-policy', policy });
}

/** Lints any subject: a role, an account, an OIDC provider, an IAM-user access key. */
export function lintSubject(subject: LintSubject) {
  return checkSubject(subject);
}

/**
 * The most characters of a suppression reason printed with each finding. An
 * account-wide suppression repeats with every finding it accepts, so a longer
 * reason is cut, with a pointer to where it is written in full.
 */
export const REASON_SHOWN = 200;

/** How a suppressed finding says where and why it was accepted. */
export function suppressionNote(s: { readonly path: string; readonly reason: string }): string {
  if (s.reason.length <= REASON_SHOWN) return ` (suppressed at ${s.path}: ${s.reason})`;
  const chars = [...s.reason];
  if (chars.length <= REASON_SHOWN) return ` (suppressed at ${s.path}: ${s.reason})`;
  return ` (suppressed at ${s.path}: ${chars.slice(0, REASON_SHOWN).join('')}... [the first ${REASON_SHOWN} of ${chars.length} characters; the whole reason is at ${s.path}.reason])`;
}

/** One finding for the terminal: level, rule, place, what, fix, and whether it is suppressed or auto-fixed. */
export function formatFinding(f: Finding): string {
  const status = f.suppressed ? suppressionNote(f.suppressed) : '';
  return `${f.level} [${f.ruleId}]${status} ${f.file}: ${f.path}: ${f.message}${fixLine(f.fix)}`;
}
