/**
 * Can this caller assume this role? The role's trust policy decides, and for an
 * AWS caller from another account, or one admitted only through an account
 * principal (`arn:aws:iam::ACC:root`), the caller's own identity policies must
 * also allow `sts:AssumeRole` on the role. An explicit Deny in either wins.
 * Federated (web identity) and service callers need no identity policy.
 */
import { evaluatePolicies, evaluatePolicy, type Decision, type NamedPolicy, type StatementRef } from './evaluate';
import { assumeAction, awsPrincipalParts, type ContextValue, type RequestPrincipal } from './request';

export interface CallerPolicies {
  /** The caller's identity policies that can be read (inline policies, grants). */
  readonly policies: readonly NamedPolicy[];
  /** Policies attached to the caller that cannot be read offline (managed policy ARNs). */
  readonly unread: readonly string[];
}

export interface AssumeRoleInput {
  readonly roleArn: string;
  /** The role's trust policy, IAM JSON as an object or text. */
  readonly trust: unknown;
  readonly caller: RequestPrincipal;
  /** The action the trust policy is asked about. @default the caller's assume action (sts:AssumeRole, ...WithWebIdentity, ...WithSAML) */
  readonly action?: string;
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** The caller's identity policies, when the caller is a role in the input; undefined otherwise. */
  readonly callerPolicies?: CallerPolicies;
  /** Report every condition of each trust statement (`StatementOutcome.conditions`), for `explain`; the decision is the same. */
  readonly everyCondition?: boolean;
  /**
   * The resource control policies over the role's account (the organization's guardrails), besides
   * AWS's RCPFullAWSAccess, which allows everything: a Deny in one of them denies whatever the trust says.
   */
  readonly rcps?: readonly NamedPolicy[];
  /** The request context the RCPs see: the caller's context plus the global keys of its principal (`aws:PrincipalOrgID`, ...). @default context */
  readonly rcpContext?: Readonly<Record<string, ContextValue>>;
}

export interface AssumeRoleDecision extends Decision {
  readonly trust: Decision;
  readonly identity?: Decision;
  /** The resource control policies' decision, when the role's account has any. */
  readonly rcp?: Decision;
  /** The identity-policy statement that allowed a cross-account call. */
  readonly identityStatement?: StatementRef;
  /** Assumptions the decision rests on, e.g. a caller's identity policies outside the input. */
  readonly notes: readonly string[];
}

function roleAccount(arn: string): string | undefined {
  return awsPrincipalParts(arn)?.account;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `{ ...d, trust, notes: [], ...(rcp ? { rcp } : {}), ...extra }`, the same keys in the same order,
 * built without spreading `d`: decisions come in several shapes, and that spread (megamorphic, so
 * done by the runtime) was a third of each check's time. A decision's keys are always in the order
 * `verdict, denial, deciding, viaAccount, reason, statements` (evaluatePolicies and this file), each
 * copied when `d` has it, even as undefined; `extra` adds `identity` and `identityStatement`, in that
 * order, and may replace `reason` and `notes` in place.
 */
export function assumeDecision(d: Decision, trust: Decision, rcp: Decision | undefined, extra: Partial<AssumeRoleDecision>): AssumeRoleDecision {
  const out: Partial<Mutable<AssumeRoleDecision>> = { verdict: d.verdict };
  if ('denial' in d) out.denial = d.denial;
  if ('deciding' in d) out.deciding = d.deciding;
  if ('viaAccount' in d) out.viaAccount = d.viaAccount;
  out.reason = 'reason' in extra ? extra.reason : d.reason;
  out.statements = d.statements;
  out.trust = trust;
  out.notes = 'notes' in extra ? extra.notes : [];
  if (rcp) out.rcp = rcp;
  if ('identity' in extra) out.identity = extra.identity;
  if ('identityStatement' in extra) out.identityStatement = extra.identityStatement;
  return out as AssumeRoleDecision;
}

export function evaluateAssumeRole(input: AssumeRoleInput): AssumeRoleDecision {
  const { caller, roleArn } = input;
  const action = input.action ?? assumeAction(caller);
  const trust = evaluatePolicy(input.trust, { principal: caller, action, resource: roleArn, context: input.context }, 'trust', 'trust', {
    everyCondition: input.everyCondition,
  });
  const rcp =
    input.rcps && input.rcps.length > 0
      ? evaluatePolicies(input.rcps, { principal: caller, action, resource: roleArn, context: input.rcpContext ?? input.context }, 'resource-control')
      : undefined;
  const done = (d: Decision, extra: Partial<AssumeRoleDecision> = {}): AssumeRoleDecision => assumeDecision(d, trust, rcp, extra);
  // An explicit Deny of an RCP wins over any allow; RCPFullAWSAccess allows the rest, so an RCP never denies implicitly.
  if (rcp?.verdict === 'deny' && rcp.denial === 'explicit') return done(rcp);
  if (rcp?.verdict === 'cannot-decide') return done(rcp, { reason: `the resource control policies cannot be decided: ${rcp.reason}` });
  if (caller.type !== 'AWS') return done(trust);

  const parts = awsPrincipalParts(caller.arn);
  const crossAccount = parts?.account !== roleAccount(roleArn);
  const identity = input.callerPolicies
    ? evaluatePolicies(input.callerPolicies.policies, { principal: caller, action: 'sts:AssumeRole', resource: roleArn, context: input.context }, 'identity')
    : undefined;

  if (identity?.verdict === 'deny' && identity.denial === 'explicit') return done(identity, { identity });
  if (trust.verdict !== 'allow') return done(trust, { identity });
  if (identity?.verdict === 'cannot-decide')
    return done(identity, { identity, reason: `the caller's identity policies cannot be decided: ${identity.reason}` });
  const needsIdentity = crossAccount || trust.viaAccount === true;
  if (!needsIdentity) return done(trust, { identity });

  const why = crossAccount ? `${caller.arn} is in another account` : 'the trust admits the caller only through its account';
  if (!identity) {
    return done(trust, {
      identity,
      notes: [`${why}; its identity policies are not in the input and are assumed to allow sts:AssumeRole on ${roleArn}`],
    });
  }
  if (identity.verdict === 'allow') {
    return done(trust, { identity, identityStatement: identity.deciding, reason: `${trust.reason}; and ${identity.reason}` });
  }
  const unread = input.callerPolicies?.unread ?? [];
  if (unread.length > 0) {
    return done(
      {
        verdict: 'cannot-decide',
        deciding: trust.deciding,
        reason: `trust allows, ${why}, no readable identity policy allows it and ${unread.join(', ')} cannot be read`,
        statements: trust.statements,
      },
      { identity },
    );
  }
  return done(
    {
      verdict: 'deny',
      denial: 'implicit',
      deciding: trust.deciding,
      reason: `trust allows, but ${why} and none of its identity policies allows sts:AssumeRole on ${roleArn}`,
      statements: trust.statements,
    },
    { identity },
  );
}
