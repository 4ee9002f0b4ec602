/**
 * Caller grants: the inline policy that lets a calling role of this account
 * assume a role that trusts it in another. A grant on a caller the spec does
 * not manage is never written: the module README gives it to add by hand.
 */
import type { AccountModel } from '../model/types';
import { GRANT_POLICY_NAME } from '../names';
import { DOC, ROLE, type Elements } from './element';
import { ref } from './expressions';
import { grantImportId } from './imports';

export function emitCallerGrants(account: AccountModel, out: Elements): void {
  for (const grant of account.grants) {
    if (grant.byHand || grant.roleTfId === undefined) continue;
    out.policyDocument(grant.tfId, `doc-${grant.tfId}`, grant.document);
    const adopted = account.roles.some((r) => r.tfId === grant.roleTfId && r.adopt);
    out.add(
      'resource',
      'aws_iam_role_policy',
      grant.tfId,
      `grant-${grant.tfId}`,
      {
        name: GRANT_POLICY_NAME,
        role: ref(`${ROLE}.${grant.roleTfId}`, 'name'),
        policy: ref(`data.${DOC}.${grant.tfId}`, 'json'),
      },
      grantImportId(adopted, grant.roleName),
    );
  }
}
