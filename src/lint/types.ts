/**
 * The rule pack's vocabulary, in the shape of cdk-nag: a rule is a pure
 * function of one subject that says compliant, not applicable, or
 * non-compliant with findings; the pack gives it an id, a level, an
 * explanation and a fix hint. No cdktf here: the pack runs before any App
 * exists, and on hand-written IAM JSON.
 */
import type { Problem } from '../errors';
import type { Model } from '../model/types';
import type { IamPolicy } from '../policy/document';
import type { CiTrustType } from '../input/trust-types/ci-presets';

export type Level = 'error' | 'warning' | 'info';

/** One problem a rule found in its subject. */
export interface RuleFinding {
  /** What is wrong, naming the offending value. */
  readonly message: string;
  /** Where in the subject, e.g. `Statement[0].Condition.StringLike["host:sub"]`. */
  readonly at?: string;
  /** The statement index, for policies (lets the pack point at the trust entry behind it). */
  readonly statement?: number;
  /** A level other than the rule's own, for rules whose severity depends on the case. */
  readonly level?: Level;
  /** A fix hint more precise than the rule's own. */
  readonly fix?: string;
  /**
   * The field in the spec, for rules over the whole model (`kind: 'model'`):
   * the pack places the finding there and applies the suppressions of the
   * account and role on that path.
   */
  readonly path?: readonly (string | number)[];
}

export type Compliance =
  { readonly status: 'compliant' } | { readonly status: 'not-applicable' } | { readonly status: 'non-compliant'; readonly findings: readonly RuleFinding[] };

export const COMPLIANT: Compliance = { status: 'compliant' };
export const NOT_APPLICABLE: Compliance = { status: 'not-applicable' };

/** Non-compliant with these findings; compliant when there are none. */
export function findings(list: readonly RuleFinding[]): Compliance {
  return list.length > 0 ? { status: 'non-compliant', findings: list } : COMPLIANT;
}

/** An OIDC provider the generator knows, so rules can name the expected audience. */
export interface KnownProvider {
  readonly arn: string;
  readonly host: string;
  readonly audience?: string;
  /** The provider's client ids (its audiences), when known: STS refuses a token whose `aud` is none of them (TRUST028). */
  readonly clientIds?: readonly string[];
  /** The CI preset (its trust type, e.g. `gitlab-ci`) whose issuer this is, when a preset says so (GitLab Self-Managed, Terraform Enterprise). */
  readonly vendor?: CiTrustType;
}

/** What a trust-policy rule may know beyond the JSON. Every field is optional: rules work on bare IAM JSON. */
export interface TrustContext {
  /** The account the role lives in; principals elsewhere are cross-account. Unknown: every AWS principal counts as cross-account. */
  readonly accountId?: string;
  /** Accounts of the spec ("your own accounts"): trust from them is a warning where a third party's is an error. */
  readonly ownAccountIds?: readonly string[];
  /** OIDC providers of the role's account. */
  readonly providers?: readonly KnownProvider[];
  /** Subject patterns whose wildcards the spec explicitly asked for (data-platform `allEnvironments: true`). */
  readonly explicitSubjects?: readonly string[];
  /** The account's trust policy size quota (IAM004). Default 2048. */
  readonly trustPolicySize?: number;
}

/** The role attributes that limits and Terraform-escaping rules read. */
export interface RoleSubject {
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: string;
  readonly managedPolicyArns: readonly string[];
}

export interface ProviderSubject {
  readonly issuer: string;
  readonly url: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
}

export interface AccountSubject {
  readonly name: string;
  readonly id: string;
  readonly oidcProviders: readonly { readonly issuer: string; readonly url: string; readonly mode: 'create' | 'existing' }[];
}

/**
 * The IAM-user access-key fallback (the "access keys" alternative of the
 * Airflow scenario). The generator cannot emit IAM users yet; this is the
 * minimal hook a later preset passes to the pack.
 */
export interface AccessKeySubject {
  readonly userName: string;
  /** The role the key may assume, when the generator knows it. */
  readonly roleName?: string;
  /** A PGP public key (`keybase:<user>` or base64) that encrypts the secret in state. */
  readonly pgpKey?: string;
}

/** Everything the pack checks. Each rule returns NOT_APPLICABLE for kinds it does not look at. */
export type LintSubject =
  | { readonly kind: 'trust-policy'; readonly policy: IamPolicy | unknown; readonly context?: TrustContext }
  | { readonly kind: 'identity-policy'; readonly policy: IamPolicy | unknown }
  | { readonly kind: 'role'; readonly role: RoleSubject; readonly managedPoliciesPerRole?: number }
  | { readonly kind: 'oidc-provider'; readonly provider: ProviderSubject }
  | { readonly kind: 'account'; readonly account: AccountSubject }
  | { readonly kind: 'iam-user-access-key'; readonly user: AccessKeySubject }
  /** The whole resolved model, for checks across accounts and roles (one IAM user per trust, one role per ServiceAccount, ...). */
  | { readonly kind: 'model'; readonly model: Model };

export type SubjectKind = LintSubject['kind'];

/** A rule of the pack. */
export interface Rule {
  /** Stable id, e.g. `TRUST004`. */
  readonly id: string;
  readonly level: Level;
  /** One line: what the rule catches. */
  readonly name: string;
  /** Why it matters. */
  readonly explanation: string;
  /** How to fix it, unless a finding says more precisely. */
  readonly fix: string;
  /**
   * The subject kinds the rule looks at: the pack calls it on those only (for any other kind it is
   * not applicable, and must say so when called). Default: every kind.
   */
  readonly kinds?: readonly SubjectKind[];
  /** False for rules whose findings AWS or Terraform would reject anyway: a suppression cannot help. Default true. */
  readonly suppressible?: boolean;
  /** The pure check. */
  readonly check: (subject: LintSubject) => Compliance;
  /**
   * Set on a rule whose findings the resolver settles in the documents it writes (TRUST008: it chooses
   * StringEquals for an exact match, src/model/exact-match.ts): what it did, appended to the findings it
   * settled. The pack reads such a document as it was written for this rule, and reports those findings
   * as auto-fixed; it never changes the model.
   */
  readonly autofixNote?: string;
}

/**
 * A finding as the pack reports it: the rule's, placed in the spec. A
 * {@link Problem} (file with `:line` when known, field path, message, fix) whose
 * rule id is always set, so that a SpecError carries blocking findings as they are.
 */
export interface Finding extends Problem {
  readonly ruleId: string;
  readonly level: Level;
  /** Set when a suppression in the spec accepts the finding. */
  readonly suppressed?: { readonly reason: string; readonly path: string };
  /** Set when the resolver settled it (the generated document no longer has the problem). */
  readonly autoFixed?: boolean;
}
