/**
 * The loop several trust rules share: over a trust policy's statements (and,
 * for the OIDC rules, over each Allow statement's OIDC principals), collecting
 * findings; the rule is not applicable unless a visit says it is.
 */
import { findings, NOT_APPLICABLE, type Compliance, type LintSubject, type RuleFinding } from '../types';
import { issuerKind, oidcPrincipals, type FederatedPrincipal, type IssuerKind } from './claims';
import { isAllow, readStatements, type ConditionEntry, type StatementView } from './iam-json';
import { recent } from './recent';
import { subjectPatterns, type SubjectPattern } from './subjects';

/** What a visit reports: its findings, and whether the rule applied at all. */
export interface Visit {
  readonly out: RuleFinding[];
  applicable: boolean;
}

/** Visits every statement of a trust policy; NOT_APPLICABLE for other subjects, or when no visit applied. */
export function eachTrustStatement(subject: LintSubject, visit: (s: StatementView, v: Visit) => void): Compliance {
  if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
  const v: Visit = { out: [], applicable: false };
  for (const s of readStatements(subject.policy)) visit(s, v);
  return v.applicable ? findings(v.out) : NOT_APPLICABLE;
}

/** An OIDC principal of a statement, with its condition-key prefix and what kind of issuer it is. */
export interface OidcPrincipal extends FederatedPrincipal {
  readonly host: string;
  readonly issuer: IssuerKind;
}

/** Visits each OIDC principal of each Allow statement that has conditions (one without any is TRUST001's). */
export function eachConditionedOidcPrincipal(subject: LintSubject, visit: (s: StatementView, p: OidcPrincipal, v: Visit) => void): Compliance {
  return eachTrustStatement(subject, (s, v) => {
    if (!isAllow(s) || s.conditions.length === 0) return;
    for (const p of oidcPrincipalViews(s)) visit(s, p, v);
  });
}

/** A statement's OIDC principals with their issuer kind, made once per statement: six rules visit them. */
const oidcPrincipalViews = recent((s: StatementView): readonly OidcPrincipal[] =>
  oidcPrincipals(s).map((p) => ({ ...p, host: p.host!, issuer: issuerKind(p.host!) })),
);

/**
 * The rules over some conditions of a policy: NOT_APPLICABLE when `select`
 * picks none (or the subject is not of the given kinds), else the findings
 * `check` gives for each picked condition.
 */
export function conditionRule(
  subject: LintSubject,
  select: (s: StatementView, c: ConditionEntry) => boolean,
  check: (s: StatementView, c: ConditionEntry) => RuleFinding[],
  kinds: readonly LintSubject['kind'][] = ['trust-policy'],
): Compliance {
  if (!kinds.includes(subject.kind) || !('policy' in subject)) return NOT_APPLICABLE;
  // Loops, not flatMap: most rules pick nothing in most documents, and then nothing is allocated. Every pick before any check, as before.
  let picked: { s: StatementView; c: ConditionEntry }[] | undefined;
  for (const s of readStatements(subject.policy)) for (const c of s.conditions) if (select(s, c)) (picked ??= []).push({ s, c });
  if (picked === undefined) return NOT_APPLICABLE;
  const out: RuleFinding[] = [];
  for (const { s, c } of picked) for (const f of check(s, c)) out.push(f);
  return findings(out);
}

/** The rules over `<issuer>:sub` patterns (TRUST004-006): NOT_APPLICABLE without any, else the findings `check` gives for each. */
export function subjectPatternRule(subject: LintSubject, check: (p: SubjectPattern) => RuleFinding[]): Compliance {
  if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
  const patterns = subjectPatterns(subject.policy);
  return patterns.length === 0 ? NOT_APPLICABLE : findings(patterns.flatMap(check));
}
