import { isAllow, principalIds, readStatements, type StatementView } from '../private/iam-json';
import { actionMatches, operatorParts, principalAccount } from '../private/claims';
import { findings, NOT_APPLICABLE, type Rule, type RuleFinding } from '../types';
import { pushTo } from '../../group-by';

/** `StringEquals sts:ExternalId` exactly: a set prefix, IfExists or negation would let requests without it through. */
function requiresExternalId(s: StatementView): boolean {
  return s.conditions.some((c) => {
    const op = operatorParts(c.operator);
    return c.key.toLowerCase() === 'sts:externalid' && op.base === 'StringEquals' && !op.set && !op.ifExists && c.values.length > 0;
  });
}

/** `Bool aws:MultiFactorAuthPresent true`, or `NumericLessThan(Equals) aws:MultiFactorAuthAge`, without IfExists. */
function requiresMfa(s: StatementView): boolean {
  return s.conditions.some((c) => {
    const op = operatorParts(c.operator);
    if (op.set || op.ifExists) return false;
    const key = c.key.toLowerCase();
    if (key === 'aws:multifactorauthpresent') return op.base === 'Bool' && c.values.length > 0 && c.values.every((v) => v === 'true');
    return key === 'aws:multifactorauthage' && /^NumericLessThan(Equals)?$/.test(op.base);
  });
}

/** The spec's account ids as a set, built once per lint run (every trust policy shares the list). */
const ownSets = new WeakMap<readonly string[], ReadonlySet<string>>();
function ownAccounts(ids: readonly string[] | undefined): ReadonlySet<string> {
  if (!ids) return new Set();
  let set = ownSets.get(ids);
  if (!set) ownSets.set(ids, (set = new Set(ids)));
  return set;
}

/** A specific role (`arn:<partition>:iam::<account>:role/...`), as opposed to an account root, a user or a session. */
const SPECIFIC_ROLE = /^arn:aws[\w-]*:iam::\d{12}:role\//;

/**
 * TRUST015: cross-account `sts:AssumeRole` with neither `sts:ExternalId`
 * (under StringEquals) nor MFA. An error for an account outside the spec (a
 * third party: the confused deputy). A warning for the root of one of the
 * spec's own accounts (anyone that account lets in). Silent for a specific
 * role of a spec account: AWS means the external id for third parties, and the
 * spec already writes the grant on the calling side.
 */
export const trust015: Rule = {
  id: 'TRUST015',
  level: 'warning',
  kinds: ['trust-policy'],
  name: 'Cross-account sts:AssumeRole with neither sts:ExternalId nor MFA (error for accounts outside the spec, warning for a spec account root)',
  explanation:
    'A third party that assumes roles for many customers can be tricked into using its access on your role (the confused deputy); an ExternalId only you and it know prevents that. Trust in the root of one of your own accounts lets in whatever that account allows, so it is worth a second look. A specific role of one of your own accounts is not a confused deputy, and the spec writes its grant on the calling side: no finding.',
  fix: 'add externalId to the trust entry that names the account (aws-role or aws-account; emitted as StringEquals sts:ExternalId), or require MFA with Bool aws:MultiFactorAuthPresent = true',
  check(subject) {
    if (subject.kind !== 'trust-policy') return NOT_APPLICABLE;
    const own = ownAccounts(subject.context?.ownAccountIds);
    const here = subject.context?.accountId;
    const out: RuleFinding[] = [];
    let applicable = false;
    for (const s of readStatements(subject.policy)) {
      if (!isAllow(s) || !(s.action ?? []).some((a) => actionMatches(a, 'sts:AssumeRole'))) continue;
      const foreign = new Map<string, string[]>();
      for (const id of principalIds(s, 'AWS')) {
        const account = principalAccount(id);
        if (!account || account === here) continue;
        applicable = true;
        // One of our own roles, named exactly: not a third party.
        if (own.has(account) && SPECIFIC_ROLE.test(id)) continue;
        pushTo(foreign, account, id);
      }
      if (foreign.size === 0) continue;
      applicable = true;
      if (requiresExternalId(s) || requiresMfa(s)) continue;
      for (const [account, ids] of foreign) {
        const named = ids.map((id) => `"${id}"`).join(', ');
        out.push(
          own.has(account)
            ? {
                statement: s.index,
                at: `Statement[${s.index}]`,
                message: `cross-account sts:AssumeRole from your account ${account} (${named}) requires neither sts:ExternalId nor MFA`,
              }
            : {
                statement: s.index,
                at: `Statement[${s.index}]`,
                level: 'error',
                message: `cross-account sts:AssumeRole from third-party account ${account} (${named}) requires neither sts:ExternalId nor MFA: nothing guards against the confused deputy`,
              },
        );
      }
    }
    return applicable ? findings(out) : NOT_APPLICABLE;
  },
};
