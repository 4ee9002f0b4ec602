/**
 * The equivalence proof: two trust policies of one role grant the same access
 * when, for every identity derived from either of them (near-misses
 * included) and every STS action either names, the project's evaluator gives
 * the same decision on both. A difference names the identity, the action and
 * both verdicts.
 */
import type { Caller } from '../access/identities/caller';
import { evaluatePolicy, type Decision } from '../access/evaluate/evaluate';
import { readPolicy } from '../policy/iam-json';
import { GOOGLE_ISSUER } from '../model/types';
import { assumeAction, type AccessRequest } from '../access/evaluate/request';
import { documentIdentities, identityRequest, type DocumentIdentity } from './identities';

/** The STS actions a trust policy can grant; a wildcard action is tried on each. */
export const STS_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
] as const;

export interface Difference {
  readonly identity: string;
  readonly action: string;
  readonly left: Decision['verdict'];
  readonly right: Decision['verdict'];
  readonly leftReason: string;
  readonly rightReason: string;
}

export interface Equivalence {
  readonly equal: boolean;
  /** Identity-action pairs evaluated on both documents. */
  readonly checked: number;
  readonly differences: readonly Difference[];
}

function actionsOf(doc: unknown): string[] {
  const out = new Set<string>();
  for (const s of readPolicy(doc).statements) {
    for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) {
      if (/[*?]/.test(a) || s.notAction) STS_ACTIONS.forEach((x) => out.add(x));
      else out.add(a);
    }
  }
  return [...out];
}

/** An identity of the access check (from a spec) as a document identity. */
export function fromCaller(caller: Caller, partition: string, accountId: string): DocumentIdentity {
  switch (caller.kind) {
    case 'aws':
      return { id: `${caller.arn} ${JSON.stringify(caller.context ?? {})}`, principal: { type: 'AWS', arn: caller.arn }, context: caller.context ?? {} };
    case 'service':
      return {
        id: `service ${caller.service} ${JSON.stringify(caller.context ?? {})}`,
        principal: { type: 'Service', id: caller.service },
        context: caller.context ?? {},
      };
    case 'web-identity': {
      const id = caller.issuerHost === GOOGLE_ISSUER ? GOOGLE_ISSUER : `arn:${partition}:iam::${accountId}:oidc-provider/${caller.issuerHost}`;
      const context = Object.fromEntries(Object.entries(caller.claims).map(([k, v]) => [`${caller.issuerHost}:${k}`, v]));
      return { id: `${id} ${JSON.stringify(context)}`, principal: { type: 'Federated', id }, context };
    }
  }
}

/**
 * Compares two trust policies of the role `roleArn`. `extra` adds identities
 * from elsewhere (the spec's declared workloads and near-misses).
 */
export function proveEquivalent(left: unknown, right: unknown, roleArn: string, extra: readonly DocumentIdentity[] = []): Equivalence {
  const identities = new Map<string, DocumentIdentity>();
  for (const i of [...documentIdentities(left), ...documentIdentities(right), ...extra]) if (!identities.has(i.id)) identities.set(i.id, i);
  const actions = [...new Set([...actionsOf(left), ...actionsOf(right)])];
  const leftPolicy = readPolicy(left);
  const rightPolicy = readPolicy(right);
  const differences: Difference[] = [];
  let checked = 0;
  for (const identity of identities.values()) {
    for (const action of new Set([assumeAction(identity.principal), ...actions])) {
      const request: AccessRequest = identityRequest(identity, action, roleArn);
      const a = evaluatePolicy(leftPolicy, request, 'trust');
      const b = evaluatePolicy(rightPolicy, request, 'trust');
      checked++;
      if (a.verdict !== b.verdict || Boolean(a.viaAccount) !== Boolean(b.viaAccount)) {
        differences.push({ identity: identity.id, action, left: a.verdict, right: b.verdict, leftReason: a.reason, rightReason: b.reason });
      }
    }
  }
  return { equal: differences.length === 0, checked, differences };
}
