/**
 * The statements of a policy the spec writes (an inline policy of a role, a
 * customer-managed policy), as the model holds them: each condition block
 * once per operator and key (policy/exact-conditions.ts). A block repeating
 * an earlier one's operator and key with other values is refused at its
 * field: Terraform would merge the two into one list, which IAM reads as OR.
 */
import { problems, type Problem } from '../errors';
import type { Statement } from '../policy/document';
import { exactConditions } from '../policy/exact-conditions';
import type { AccountSpec } from '../input/schema';

type SpecStatement = AccountSpec['policies'][number]['statements'][number];

export function specStatements(
  statements: readonly SpecStatement[],
  path: string,
  report: (path: string, p: (file: string, path: string) => Problem) => void,
): Statement[] {
  return statements.map((s, si) => {
    const { conditions, repeated } = exactConditions(s.conditions);
    if (repeated.length > 0) {
      const { index, first } = repeated[0];
      report(`${path}[${si}].conditions[${index}]`, (f, p) => problems.repeatedPolicyCondition(f, p, s.conditions[index], first, s.conditions[first]));
    }
    return { sid: s.sid, effect: s.effect, actions: s.actions, resources: s.resources, conditions };
  });
}
