/**
 * A managed policy or permissions boundary a role names: a full policy ARN of
 * the account's partition, or a customer-managed policy's name in the account.
 */
import { problems as P, type Problem } from '../errors';
import type { AccountSpec } from '../input/schema';
import { POLICY_ARN, policyArn } from './arn';

/** The policy's ARN, or `undefined` once the problem with `ref` is reported at `path`. */
export function policyRef(
  ref: string,
  account: AccountSpec,
  path: string,
  report: (path: string, p: (file: string, path: string) => Problem) => void,
): string | undefined {
  if (ref.startsWith('arn:')) {
    const m = POLICY_ARN.exec(ref);
    if (!m) report(path, (f, p) => P.badArn(f, p, ref, 'policy'));
    else if (m[1] !== account.partition) report(path, (f, p) => P.crossPartition(f, p, ref, m[1], account.partition, account.name));
    else return ref;
    return undefined;
  }
  if (!/^[\w+=,.@-]{1,128}$/.test(ref)) {
    report(path, (f, p) => P.badArn(f, p, ref, 'policy'));
    return undefined;
  }
  return policyArn(account.partition, account.id, ref);
}
