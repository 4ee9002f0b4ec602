/**
 * The rule pack: every rule, and the runner that applies them to a subject.
 * A rule that throws is reported as a finding of that rule, at its own level,
 * never as a crash: a check that could not run must not pass silently.
 */
import { LIMIT_RULES } from '../input/primitives/limits';
import { iam004 } from './rules/iam-004-trust-policy-size';
import { iam005 } from './rules/iam-005-managed-policies-per-role';
import { iam010 } from './rules/iam-010-one-provider-per-url';
import { trust001 } from './rules/trust-001-oidc-no-condition';
import { trust002 } from './rules/trust-002-missing-audience';
import { trust003 } from './rules/trust-003-missing-subject';
import { trust004 } from './rules/trust-004-bare-wildcard-subject';
import { trust005 } from './rules/trust-005-broad-subject';
import { trust006 } from './rules/trust-006-environment-wildcard';
import { trust007 } from './rules/trust-007-wildcard-in-string-equals';
import { trust008 } from './rules/trust-008-string-like-without-wildcard';
import { trust009 } from './rules/trust-009-set-operator-on-single-valued-claim';
import { trust010 } from './rules/trust-010-negated-or-if-exists-on-claim';
import { trust011 } from './rules/trust-011-condition-key-prefix';
import { trust012 } from './rules/trust-012-action-fits-principal';
import { trust013 } from './rules/trust-013-resource-or-open-principal';
import { trust014 } from './rules/trust-014-account-root-trust';
import { trust015 } from './rules/trust-015-cross-account-without-external-id';
import { trust016 } from './rules/trust-016-github-subject-without-repo';
import { trust017 } from './rules/trust-017-access-key-fallback';
import { trust018 } from './rules/trust-018-terraform-interpolation';
import { trust019 } from './rules/trust-019-ci-subject-wildcard';
import { trust020 } from './rules/trust-020-oidc-session-tags';
import { trust021 } from './rules/trust-021-pod-identity-unpinned';
import { trust023 } from './rules/trust-023-claim-sts-does-not-accept';
import { trust024 } from './rules/trust-024-github-subject-without-ids';
import { trust026 } from './rules/trust-026-github-subject-never-sent';
import { trust027 } from './rules/trust-027-github-repository-pattern';
import { trust028 } from './rules/trust-028-audience-not-a-client-id';
import { org001 } from './rules/org-001-tenant-unfenced';
import { org002 } from './rules/org-002-management-account-roles';
import { spec001 } from './rules/spec-001-workloads-account-name';
import { spec002 } from './rules/spec-002-iam-user-twice';
import { work001 } from './rules/work-001-airflow-connection-twice';
import { work002 } from './rules/work-002-service-account-bound-twice';
import { work003 } from './rules/work-003-data-platform-cluster-account';
import { work004 } from './rules/work-004-long-lived-access-key';
import type { Compliance, Level, LintSubject, Rule, RuleFinding, SubjectKind } from './types';

export const RULES: readonly Rule[] = [
  trust001,
  trust002,
  trust003,
  trust004,
  trust005,
  trust006,
  trust007,
  trust008,
  trust009,
  trust010,
  trust011,
  trust012,
  trust013,
  trust014,
  trust015,
  trust016,
  trust017,
  trust018,
  trust019,
  trust020,
  trust021,
  trust023,
  trust024,
  trust026,
  trust027,
  trust028,
  iam004,
  iam005,
  iam010,
  org001,
  org002,
  spec001,
  spec002,
  work001,
  work002,
  work003,
  work004,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Limits the schema and the resolver check: known ids, never suppressible. */
export const LIMIT_RULE_IDS: readonly string[] = LIMIT_RULES.map((r) => r.id);

/** Runs one rule; a rule that throws is non-compliant with a finding saying so. */
export function runRule(rule: Rule, subject: LintSubject): Compliance {
  try {
    return rule.check(subject);
  } catch (e) {
    const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      status: 'non-compliant',
      findings: [
        {
          message: `rule ${rule.id} could not check this ${subject.kind} (${reason}), so it is reported as failing`,
          fix: `correct the ${subject.kind}, or, if it is valid, report the rule failure; suppress ${rule.id} with a reason to go on meanwhile`,
        },
      ],
    };
  }
}

/** One finding of one rule on one subject, with its effective level and fix. */
export interface RuleResult extends RuleFinding {
  readonly ruleId: string;
  readonly level: Level;
  readonly fix: string;
}

/** Every rule on one subject: the non-compliant findings, in rule order. */
export function checkSubject(subject: LintSubject, rules: readonly Rule[] = RULES): RuleResult[] {
  // A loop rather than flatMap: this runs on every document (tens of thousands at 1000 accounts), most of them compliant.
  const out: RuleResult[] = [];
  for (const rule of rulesFor(rules, subject.kind)) {
    const result = runRule(rule, subject);
    if (result.status !== 'non-compliant') continue;
    for (const f of result.findings) out.push({ ...f, ruleId: rule.id, level: f.level ?? rule.level, fix: f.fix ?? rule.fix });
  }
  return out;
}

/** The rules of a list that look at a kind of subject, in list order; made once per list and kind. */
const byKind = new WeakMap<readonly Rule[], Map<SubjectKind, readonly Rule[]>>();

function rulesFor(rules: readonly Rule[], kind: SubjectKind): readonly Rule[] {
  let kinds = byKind.get(rules);
  if (!kinds) byKind.set(rules, (kinds = new Map()));
  let list = kinds.get(kind);
  if (!list) kinds.set(kind, (list = rules.filter((r) => !r.kinds || r.kinds.includes(kind))));
  return list;
}
