/**
 * For the second opinion (iam-simulate), which knows no OIDC claim keys: moves
 * `<host>:<claim>` onto `aws:PrincipalTag/<claim>` in every condition, keeping
 * operators and values, so that a caller's principal tags stand for the token's
 * claims. `action` also puts that action on each statement with a condition
 * (sts:AssumeRole, whose callers carry principal tags).
 */
import type { IamPolicy } from '../../src/policy/document';

export function rekey(policy: IamPolicy, host: string, action?: string): IamPolicy {
  const move = (key: string) => (key.startsWith(`${host}:`) ? `aws:PrincipalTag/${key.slice(host.length + 1)}` : key);
  return {
    ...policy,
    Statement: policy.Statement.map((s) =>
      s.Condition
        ? {
            ...s,
            ...(action !== undefined ? { Action: action } : {}),
            Condition: Object.fromEntries(
              Object.entries(s.Condition).map(([op, block]) => [op, Object.fromEntries(Object.entries(block).map(([k, v]) => [move(k), v]))]),
            ),
          }
        : s,
    ),
  };
}
