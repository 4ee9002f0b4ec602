/**
 * Spec-wide checks of the workload presets that no single trust entry can
 * make: one iam-user trust per IAM user and account, issuer `account` fields
 * naming declared accounts, and no account named like the workloads folder.
 */
import { presetProblems, type Problem } from '../errors';
import type { Spec } from '../spec/schema';
import { WORKLOADS_DIR } from '../workloads/artifact';

export function presetChecks(spec: Spec, file: string): Problem[] {
  const out: Problem[] = [];
  const accountNames = spec.accounts.map((a) => a.name);
  for (const [name, issuer] of Object.entries(spec.issuers)) {
    if (issuer.account !== undefined && !accountNames.includes(issuer.account)) {
      out.push(presetProblems.unknownIssuerAccount(file, `issuers.${name}.account`, issuer.account, accountNames));
    }
  }
  spec.accounts.forEach((account, ai) => {
    if (account.name.toLowerCase() === WORKLOADS_DIR) out.push(presetProblems.reservedAccountName(file, `accounts[${ai}].name`, account.name));
    const users = new Set<string>();
    account.roles.forEach((role, ri) =>
      role.trust.forEach((t, ti) => {
        if (t.type !== 'iam-user') return;
        const key = t.user.toLowerCase();
        if (users.has(key)) out.push(presetProblems.duplicateIamUser(file, `accounts[${ai}].roles[${ri}].trust[${ti}].user`, t.user, account.name));
        users.add(key);
      }),
    );
  });
  return out;
}
