/**
 * `explain`: why may (or may not) this token or caller assume this role?
 *
 * The roles are the spec's own (the trust policies synth writes), evaluated by
 * the access proof's evaluator (`evaluateAssumeRole`, with every condition
 * reported), so `explain` and `access` cannot disagree. Per role: allowed or
 * denied; for a denial the closest trust statement, each of its conditions
 * that failed (key, operator, expected values, the token's value or absent)
 * and the smallest spec change that admits the caller (`explain-fix.ts`); for
 * an allowed caller that no trust entry declares, that it is a near-miss
 * getting in. A JWT is decoded only: its signature is never checked, and
 * nothing is sent anywhere or written.
 */
import { resolveModel } from '../../model/resolve';
import type { Model, RoleModel } from '../../model/types';
import { loadSpecFile, type LoadedSpec } from '../../input/load';
import { statementLabel } from '../../policy/iam-json';
import type { AssumeRoleDecision } from '../evaluate/assume-role';
import { decideCheck } from '../proof/matrix';
import { callerOf, readCaller, readToken, type ExplainInput } from '../sources/claims-input';
import type { ConditionCheck } from '../evaluate/conditions';
import type { StatementOutcome, Verdict } from '../evaluate/evaluate';
import { expectAccess } from '../identities/expectations';
import { smallestChange, type SpecChange } from './explain-fix';
import { deriveIdentities, type Caller } from '../identities/identities';
import { policySetFromModel, type PolicySet } from '../evaluate/policy-set';
import { explainProblems, UserError } from '../../errors';

export type { SpecChange } from './explain-fix';

export interface ExplainOptions {
  /** The spec: a YAML (or JSON) file, or one already loaded. */
  readonly spec: string | LoadedSpec;
  /** A token: a JWT or a JSON object of claims, as text. Decoded only: its signature is not checked. */
  readonly token?: string;
  /** The token's name in error messages. @default `token` */
  readonly tokenSource?: string;
  /** An AWS caller instead of a token: a role or role session ARN (a session is its role). */
  readonly caller?: string;
  /** The `sts:ExternalId` the caller sends. */
  readonly externalId?: string;
  /** One role, `NAME` or `ACCOUNT/NAME` (account name or id). @default every role whose trust names the issuer or caller */
  readonly role?: string;
}

/** A condition of the closest statement that failed. */
export interface FailedCondition {
  readonly key: string;
  readonly operator: string;
  readonly expected: readonly string[];
  /** The token's (or call's) values of the key; null when absent. */
  readonly actual: readonly string[] | null;
}

export interface RoleExplanation {
  /** `account/role`. */
  readonly role: string;
  readonly arn: string;
  readonly verdict: Verdict;
  /** Whether a trust entry of the spec declares this caller for the role. */
  readonly declared: boolean;
  /** The declaring trust entry, e.g. `trust[0] GitLab CI platform/deploy · main`; null when none declares it. */
  readonly because: string | null;
  /** The statement that allowed, or for a denial the closest one (`trust S0`); null when the trust has no Allow statement. */
  readonly statement: string | null;
  /** The evaluator's reason, as `access` gives it. */
  readonly reason: string;
  /** For a denial: why the closest statement's Principal (or Action) does not take the caller; null when it does. */
  readonly principal: string | null;
  /** For a denial: each condition of the closest statement that failed, in the statement's order. */
  readonly failed: readonly FailedCondition[];
  /** For a denial: the smallest spec change that admits the caller, checked by the evaluator; null when no change of the role's trust entries does. */
  readonly fix: readonly SpecChange[] | null;
  readonly notes: readonly string[];
}

export interface ExplainReport {
  readonly spec: string;
  readonly input:
    | {
        readonly kind: 'token';
        readonly format: 'jwt' | 'json';
        readonly signatureChecked: false;
        readonly issuer: string;
        readonly claims: Readonly<Record<string, string | readonly string[]>>;
        readonly ignoredClaims: readonly string[];
      }
    | { readonly kind: 'caller'; readonly arn: string; readonly externalId?: string };
  /** Allowed into the role asked about, or into at least one role. */
  readonly allowed: boolean;
  readonly roles: readonly RoleExplanation[];
}

export interface ExplainResult {
  /** 0 allowed (into the role, or into at least one), 1 denied. */
  readonly exitCode: 0 | 1;
  readonly report: ExplainReport;
}

interface Located {
  readonly key: string;
  readonly model: RoleModel;
  readonly accountName: string;
  readonly accountId: string;
  readonly partition: string;
  readonly account: number;
  readonly role: number;
}

/** The model and policies of a loaded spec, and its proof identities, computed once per spec (a test or a user explains many tokens). */
const models = new WeakMap<LoadedSpec, { model: Model; policies: PolicySet }>();
const identitiesOf = new WeakMap<Model, ReturnType<typeof deriveIdentities>>();
function modelOf(loaded: LoadedSpec): { model: Model; policies: PolicySet } {
  let m = models.get(loaded);
  if (!m) {
    const model = resolveModel(loaded);
    models.set(loaded, (m = { model, policies: policySetFromModel(model) }));
  }
  return m;
}
function proofIdentities(model: Model): ReturnType<typeof deriveIdentities> {
  let ids = identitiesOf.get(model);
  if (!ids) identitiesOf.set(model, (ids = deriveIdentities(model)));
  return ids;
}

function locatedRoles(model: Model): Located[] {
  return model.accounts.flatMap((a, account) =>
    a.roles.map((r, role) => ({ key: `${a.name}/${r.name}`, model: r, accountName: a.name, accountId: a.id, partition: a.partition, account, role })),
  );
}

/** `--role NAME` or `ACCOUNT/NAME` (account name or id) among the spec's roles; exactly one, or a UserError naming the choices. */
function pickRole(roles: readonly Located[], wanted: string): Located {
  const slash = wanted.lastIndexOf('/');
  const [acc, name] = slash < 0 ? [undefined, wanted] : [wanted.slice(0, slash), wanted.slice(slash + 1)];
  const hits = roles.filter((r) => r.model.name === name && (acc === undefined || r.accountName === acc || r.accountId === acc));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1)
    throw new UserError(
      explainProblems.roleAmbiguous(
        wanted,
        hits.map((h) => h.key),
      ),
    );
  const shown = roles
    .slice(0, 12)
    .map((r) => r.key)
    .join(', ');
  throw new UserError(explainProblems.roleUnknown(wanted, `${shown}${roles.length > 12 ? ', ...' : ''}`));
}

function inputReport(input: ExplainInput): ExplainReport['input'] {
  if (input.kind === 'caller')
    return input.externalId === undefined ? { kind: 'caller', arn: input.arn } : { kind: 'caller', arn: input.arn, externalId: input.externalId };
  return { kind: 'token', format: input.format, signatureChecked: false, issuer: input.issuer, claims: input.claims, ignoredClaims: input.ignored };
}

/** The decision for one role of a model, every condition reported: the access matrix's own check. */
function decide(
  model: Model,
  policies: PolicySet,
  at: Pick<Located, 'account' | 'role'>,
  caller: Caller,
  lists: Readonly<Record<string, readonly string[]>>,
): AssumeRoleDecision {
  const account = model.accounts[at.account];
  const role = account.roles[at.role];
  const input = policies.roles.find((r) => r.accountId === account.id && r.name === role.name)!;
  return decideCheck(input, caller, policies, { context: lists, everyCondition: true });
}

/** Whether the role's trust names the caller at all: a statement whose action and principal match. */
const namesCaller = (d: AssumeRoleDecision) => d.trust.statements.some((s) => s.effect === 'Allow' && s.failedOn !== 'principal' && s.failedOn !== 'action');

const failures = (s: StatementOutcome) => (s.conditions ?? []).filter((c) => c.outcome === 'false');

/** How many leading characters two strings share. */
function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * How far a statement is from admitting the caller (smaller is closer): a
 * principal or action that does not match first, then the number of failing
 * conditions, then how little of the token's value the nearest expected value
 * shares (so a tag's token is closest to the statement of tags).
 */
function distance(s: StatementOutcome): number {
  const failing = failures(s);
  const shared = failing.reduce((sum, c) => sum + Math.max(0, ...(c.actual ?? []).flatMap((a) => c.expected.map((e) => sharedPrefix(a, e)))), 0);
  return (s.failedOn === 'action' ? 2e9 : s.failedOn === 'principal' ? 1e9 : 0) + failing.length * 1e6 - Math.min(shared, 1e6 - 1);
}

/** The Allow statement closest to admitting the caller; the first on a tie. */
function closest(d: AssumeRoleDecision): StatementOutcome | undefined {
  return d.trust.statements
    .filter((s) => s.effect === 'Allow')
    .reduce<StatementOutcome | undefined>((best, s) => (best === undefined || distance(s) < distance(best) ? s : best), undefined);
}

const failedOf = (c: ConditionCheck): FailedCondition => ({ key: c.key, operator: c.operator, expected: c.expected, actual: c.actual ?? null });

function explainRole(
  loaded: LoadedSpec,
  model: Model,
  policies: PolicySet,
  r: Located,
  caller: Caller,
  lists: Readonly<Record<string, readonly string[]>>,
): RoleExplanation {
  const d = decide(model, policies, r, caller, lists);
  const exp = expectAccess(r.model, caller);
  const label = (s: { policy: string; index: number; sid?: string }) => `${s.policy} ${statementLabel(s)}`;
  // One key order, every key present: the documented shape of --json.
  const out = (statement: string | null, principal: string | null, failed: readonly FailedCondition[], fix: readonly SpecChange[] | null): RoleExplanation => ({
    role: r.key,
    arn: r.model.arn,
    verdict: d.verdict,
    declared: exp.expected === 'allow',
    because: exp.because ?? null,
    statement,
    reason: d.reason,
    principal,
    failed,
    fix,
    notes: d.notes,
  });
  if (d.verdict === 'allow') return out(d.deciding ? label(d.deciding) : null, null, [], null);
  const decided =
    d.denial === 'explicit' || d.verdict === 'cannot-decide'
      ? d.trust.statements.find((o) => d.deciding && o.index === d.deciding.index && o.policy === d.deciding.policy)
      : undefined;
  const s = decided ?? closest(d);
  const failed = s ? failures(s) : [];
  const principal = s?.failedOn === 'principal' || s?.failedOn === 'action' ? s.detail : null;
  // A change of the spec can admit a caller only where the trust itself denies and no Deny statement decides.
  const searchable = d.verdict === 'deny' && d.denial === 'implicit' && d.trust.verdict !== 'allow';
  const own = searchable
    ? proofIdentities(model).filter((i) => i.origins.some((o) => o.role === r.key) && expectAccess(r.model, i.caller).expected === 'deny')
    : [];
  const fix = searchable
    ? smallestChange({
        loaded,
        account: r.account,
        role: r.role,
        failed: [...failed, ...d.trust.statements.filter((o) => o !== s).flatMap(failures)],
        admits: (m) => decide(m, policySetFromModel(m), r, caller, lists).verdict === 'allow',
        width: (m) => {
          const p = policySetFromModel(m);
          return own.filter((i) => decide(m, p, r, i.caller, {}).verdict === 'allow').length;
        },
      })
    : undefined;
  return out(s ? label(s) : null, principal, failed.map(failedOf), fix ?? null);
}

/**
 * Explains whether a token (or an AWS caller) may assume the spec's roles.
 * Throws a UserError (the input, field, fix) or SpecError on bad input;
 * reads nothing but the spec and writes nothing.
 */
export function runExplain(options: ExplainOptions): ExplainResult {
  if ((options.token === undefined) === (options.caller === undefined)) {
    throw new UserError(explainProblems.tokenOrCaller(options.token !== undefined));
  }
  if (options.externalId !== undefined && options.caller === undefined) throw new UserError(explainProblems.externalIdWithToken());
  const input: ExplainInput =
    options.token !== undefined ? readToken(options.token, options.tokenSource ?? 'token') : readCaller(options.caller!, options.externalId);
  const loaded = typeof options.spec === 'string' ? loadSpecFile(options.spec) : options.spec;
  const { model, policies } = modelOf(loaded);
  const { caller, lists } = callerOf(input);
  const all = locatedRoles(model);
  const chosen = options.role !== undefined ? [pickRole(all, options.role)] : all.filter((r) => namesCaller(decide(model, policies, r, caller, lists)));
  const roles = chosen.map((r) => explainRole(loaded, model, policies, r, caller, lists));
  const allowed = roles.some((r) => r.verdict === 'allow');
  return { exitCode: allowed ? 0 : 1, report: { spec: model.file, input: inputReport(input), allowed, roles } };
}
