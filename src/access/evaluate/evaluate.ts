/**
 * Policy evaluation for one request: an explicit Deny wins, then any Allow,
 * else the request is implicitly denied. Whatever the evaluator does not
 * understand makes the answer "cannot decide", with the reason by name; it is
 * never read as allow or deny. Every decision names its deciding statement.
 */
import { evaluateConditions, type ConditionCheck } from './conditions';
import { globMatch } from '../../policy/glob';
import { parseOperator } from '../../policy/operators';
import { readPolicy, statementLabel, type NormalizedPolicy, type NormalizedStatement } from '../../policy/iam-json';
import { matchPrincipal, principalProblem } from './principals';
import { normalizeContext, type AccessRequest, type NormalizedContext } from './request';

export type Verdict = 'allow' | 'deny' | 'cannot-decide';

/** A statement of a named policy: `trust`, an inline policy name, ... */
export interface StatementRef {
  readonly policy: string;
  readonly index: number;
  readonly sid?: string;
}

export interface StatementOutcome extends StatementRef {
  readonly effect: 'Allow' | 'Deny';
  readonly applies: 'yes' | 'no' | 'unknown';
  /** True when it applies only through an account principal (root or 12-digit id). */
  readonly viaAccount?: boolean;
  /** For a statement that does not apply: the element that failed first. */
  readonly failedOn?: 'action' | 'resource' | 'principal' | 'condition';
  readonly detail: string;
  /** With {@link EvaluateOptions.everyCondition}: each condition's check, for a statement whose action and principal match. */
  readonly conditions?: readonly ConditionCheck[];
}

export interface EvaluateOptions {
  /** Evaluate every condition of each statement, not only up to the first that fails, and report each (`explain`). The decision is the same. */
  readonly everyCondition?: boolean;
}

export interface Decision {
  readonly verdict: Verdict;
  /** For a deny: whether a Deny statement matched, or nothing allowed. */
  readonly denial?: 'explicit' | 'implicit';
  /** The statement that decided: the Allow, the Deny, or the one that cannot be decided. */
  readonly deciding?: StatementRef;
  /** An allow that holds only through an account principal: the caller's identity policy must allow too. */
  readonly viaAccount?: boolean;
  readonly reason: string;
  readonly statements: readonly StatementOutcome[];
}

/**
 * What kind of document: trust policies need a Principal and take no Resource; identity policies the
 * reverse; resource control policies (an organization's RCPs) need both, with `Principal: "*"`.
 */
export type PolicyKind = 'trust' | 'identity' | 'resource-control';

export interface NamedPolicy {
  readonly name: string;
  /** IAM JSON as an object or text, or an already normalized policy. */
  readonly document: unknown;
}

const isNormalized = (d: unknown): d is NormalizedPolicy => typeof d === 'object' && d !== null && 'statements' in d && 'problems' in d;

/** Everything in a document the evaluator cannot decide on, whatever the request: unknown operators, bad values, invalid principals. */
export function documentProblems(policy: NormalizedPolicy, kind: PolicyKind): string[] {
  const out = [...policy.problems];
  for (const s of policy.statements) {
    const at = statementLabel(s);
    for (const p of s.problems) out.push(`${at}: ${p}`);
    if (kind === 'trust' && s.principal === undefined && !s.problems.length) out.push(`${at}: a trust policy statement needs a Principal`);
    if (kind === 'trust' && (s.resource || s.notResource)) out.push(`${at}: a trust policy statement takes no Resource`);
    if (kind === 'identity' && s.principal !== undefined) out.push(`${at}: an identity policy statement takes no Principal`);
    if (kind === 'identity' && !s.resource && !s.notResource) out.push(`${at}: an identity policy statement needs a Resource`);
    if (kind === 'resource-control' && s.principal !== '*') out.push(`${at}: a resource control policy statement takes Principal "*"`);
    if (kind === 'resource-control' && !s.resource && !s.notResource) out.push(`${at}: a resource control policy statement needs a Resource`);
    if (s.principal && s.principal !== '*') {
      for (const [type, ids] of Object.entries(s.principal))
        for (const id of ids) {
          const problem = principalProblem(type, id);
          if (problem) out.push(`${at}: ${problem}`);
        }
    }
    for (const c of s.conditions) {
      const parsed = parseOperator(c.operator);
      if (!parsed.ok) out.push(`${at}: ${parsed.problem}`);
      else
        for (const v of c.values) {
          const invalid = parsed.op.base.invalidValue?.(v);
          if (invalid) out.push(`${at}: ${c.operator} ${c.key}: ${invalid}`);
        }
    }
  }
  return out;
}

const problemCache = {
  trust: new WeakMap<NormalizedPolicy, string[]>(),
  identity: new WeakMap<NormalizedPolicy, string[]>(),
  'resource-control': new WeakMap<NormalizedPolicy, string[]>(),
};

/** {@link documentProblems}, computed once per normalized document (the sweep evaluates each many times). */
export function problemsOf(policy: NormalizedPolicy, kind: PolicyKind): readonly string[] {
  let out = problemCache[kind].get(policy);
  if (!out) problemCache[kind].set(policy, (out = documentProblems(policy, kind)));
  return out;
}

/** A document as the evaluator reads it: IAM JSON (object or text) normalized, a normalized one as is. */
export const normalized = (document: unknown): NormalizedPolicy => (isNormalized(document) ? document : readPolicy(document));

function matchList(patterns: readonly string[], value: string, ignoreCase: boolean): boolean {
  // A pattern equal to the value matches it (each character, `*` and `?` included, matches itself): no case folding for the common case.
  for (const p of patterns) if (p === value || globMatch(p, value, ignoreCase)) return true;
  return false;
}

function statementOutcome(
  policy: string,
  version: string,
  s: NormalizedStatement,
  request: AccessRequest,
  context: NormalizedContext,
  every: boolean,
): StatementOutcome {
  // Literals, not a spread of shared fields: this runs for each statement of each check (the hottest allocation of the proof).
  const { index, sid, effect } = s;
  const actionOk = s.action ? matchList(s.action, request.action, true) : !matchList(s.notAction ?? [], request.action, true);
  if (!actionOk) return { policy, index, sid, effect, applies: 'no', failedOn: 'action', detail: `action ${request.action} is not covered` };
  if (s.resource || s.notResource) {
    if (!request.resource) return { policy, index, sid, effect, applies: 'unknown', detail: 'the statement names resources and the request has none' };
    const list = s.resource ?? s.notResource!;
    if (list.some((r) => r.includes('${'))) return { policy, index, sid, effect, applies: 'unknown', detail: 'policy variables in Resource are not supported' };
    const hit = matchList(list, request.resource, false);
    if (hit !== Boolean(s.resource))
      return { policy, index, sid, effect, applies: 'no', failedOn: 'resource', detail: `resource ${request.resource} is not covered` };
  }
  let viaAccount = false;
  if (s.principal !== undefined) {
    const m = matchPrincipal(s.principal, request.principal);
    if (m.match === false) return { policy, index, sid, effect, applies: 'no', failedOn: 'principal', detail: m.detail };
    if (m.match === 'unknown') return { policy, index, sid, effect, applies: 'unknown', detail: m.detail };
    viaAccount = m.viaAccount;
  }
  const c = evaluateConditions(s.conditions, context, version, every);
  const out: { -readonly [K in keyof StatementOutcome]: StatementOutcome[K] } =
    c.outcome === 'false'
      ? { policy, index, sid, effect, applies: 'no', failedOn: 'condition', detail: c.detail }
      : c.outcome === 'unknown'
        ? { policy, index, sid, effect, applies: 'unknown', detail: c.detail }
        : { policy, index, sid, effect, applies: 'yes', viaAccount: viaAccount || undefined, detail: c.detail };
  if (c.checks) out.conditions = c.checks;
  return out;
}

const ref = (o: StatementOutcome): StatementRef => ({ policy: o.policy, index: o.index, sid: o.sid });
const named = (o: StatementOutcome) => `${o.policy} ${statementLabel(o)}`;

/**
 * Evaluates a request against several policies at once (a role's trust policy,
 * or all identity policies of a caller), as IAM does within one policy type.
 */
export function evaluatePolicies(policies: readonly NamedPolicy[], request: AccessRequest, kind: PolicyKind, options: EvaluateOptions = {}): Decision {
  const context = normalizeContext(request.context);
  const every = options.everyCondition === true;
  const outcomes: StatementOutcome[] = [];
  let problems: string[] | undefined;
  // One pass finds what each rule below asks for, in statement order: the first applying Deny, the first
  // undecidable Deny, the first applying Allow that names the caller and the first through an account, the first undecidable Allow.
  let deny: StatementOutcome | undefined;
  let maybeDeny: StatementOutcome | undefined;
  let direct: StatementOutcome | undefined;
  let viaAccount: StatementOutcome | undefined;
  let maybeAllow: StatementOutcome | undefined;
  for (const p of policies) {
    const policy = normalized(p.document);
    for (const x of problemsOf(policy, kind)) (problems ??= []).push(`${p.name}: ${x}`);
    for (const s of policy.statements) {
      const o = statementOutcome(p.name, policy.version, s, request, context, every);
      outcomes.push(o);
      if (o.applies === 'no') continue;
      if (o.effect === 'Deny') {
        if (o.applies === 'yes') deny ??= o;
        else maybeDeny ??= o;
      } else if (o.effect !== 'Allow') continue;
      else if (o.applies === 'unknown') maybeAllow ??= o;
      else if (o.viaAccount) viaAccount ??= o;
      else direct ??= o;
    }
  }
  if (problems) return { verdict: 'cannot-decide', reason: problems.join('; '), statements: outcomes };

  if (deny)
    return { verdict: 'deny', denial: 'explicit', deciding: ref(deny), reason: `explicit Deny in ${named(deny)}: ${deny.detail}`, statements: outcomes };
  if (maybeDeny)
    return {
      verdict: 'cannot-decide',
      deciding: ref(maybeDeny),
      reason: `${named(maybeDeny)} (Deny) cannot be decided: ${maybeDeny.detail}`,
      statements: outcomes,
    };
  // Prefer an allow that names the caller directly over one through an account principal.
  const allow = direct ?? viaAccount;
  if (allow) {
    return { verdict: 'allow', deciding: ref(allow), viaAccount: allow.viaAccount, reason: `${named(allow)} allows: ${allow.detail}`, statements: outcomes };
  }
  if (maybeAllow)
    return {
      verdict: 'cannot-decide',
      deciding: ref(maybeAllow),
      reason: `${named(maybeAllow)} cannot be decided: ${maybeAllow.detail}`,
      statements: outcomes,
    };
  return { verdict: 'deny', denial: 'implicit', reason: implicitReason(outcomes, request), statements: outcomes };
}

/** One policy on its own. */
export function evaluatePolicy(document: unknown, request: AccessRequest, kind: PolicyKind, name = kind, options: EvaluateOptions = {}): Decision {
  return evaluatePolicies([{ name, document }], request, kind, options);
}

/** Why nothing allowed: the statements that cover the action, each with the first thing that failed. */
function implicitReason(outcomes: readonly StatementOutcome[], request: AccessRequest): string {
  const relevant = outcomes.filter((o) => o.effect === 'Allow' && o.failedOn !== 'action');
  if (relevant.length === 0) return `no statement allows ${request.action}`;
  return `no statement allows: ${relevant.map((o) => `${statementLabel(o)} ${o.detail}`).join('; ')}`;
}
