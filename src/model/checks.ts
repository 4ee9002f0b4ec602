/**
 * Spec-wide checks of the workload presets that no single trust entry can
 * make: one iam-user trust per IAM user and account, issuer `account` fields
 * naming declared accounts, and no account named like the workloads folder.
 */
import { presetProblems, type Problem } from '../errors';
import type { Spec } from '../spec/schema';
import { airflowConnections } from '../workloads/airflow';
import { WORKLOADS_DIR } from '../workloads/artifact';
import type { AccountModel } from './types';

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

/**
 * Airflow connection ids are unique across the spec: the connections of an
 * account share one file, and one Airflow may read several accounts' files.
 * Default ids can meet too (`aws_<account>_<role>` of account `a-b`, role `c`
 * and of account `a`, role `b-c`).
 */
export function connectionIdChecks(accounts: readonly AccountModel[], file: string): Problem[] {
  const out: Problem[] = [];
  const owners = new Map<string, string>();
  accounts.forEach((account, ai) =>
    account.roles.forEach((role, ri) => {
      for (const [id, { trustIndex }] of airflowConnections(account, role)) {
        const owner = `"${role.name}" of account "${account.name}"`;
        const other = owners.get(id);
        if (other === undefined) owners.set(id, owner);
        else if (other !== owner) {
          const t = role.trust[trustIndex].spec;
          const explicit = (t.type === 'aws-role' || t.type === 'iam-user') && typeof t.airflowConnection === 'string';
          out.push(presetProblems.duplicateAirflowConnection(file, `accounts[${ai}].roles[${ri}].trust[${trustIndex}]${explicit ? '.airflowConnection' : ''}`, id, other));
        }
      }
    }),
  );
  return out;
}
