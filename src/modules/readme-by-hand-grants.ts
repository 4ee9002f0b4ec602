/**
 * The "Statements to add by hand" section of an account module's README. The
 * tool writes only to IAM objects it manages (the roles the spec creates or
 * adopts): a role of this account that the spec does not declare, but that a
 * role of the spec trusts, needs `sts:AssumeRole` on that role in its own
 * identity policies. Nothing here writes it; its owner adds the statement
 * below (to any policy of the role), and the access proof counts it only
 * once it exists.
 */
import type { AccountModel } from '../model/types';
import { toIamPolicy } from '../policy/document';

/** Markdown lines, or none when every caller the spec needs is managed here. */
export function byHandGrantSection(account: AccountModel): string[] {
  const grants = account.grants.filter((g) => g.byHand);
  if (grants.length === 0) return [];
  const lines = [
    '## Statements to add by hand',
    '',
    'Roles of this account that the spec trusts but does not manage. This module writes nothing to them (an inline policy written here would replace one of the same name that the role already has); until each role\'s owner adds the statement below to one of its identity policies, the role cannot assume its targets:',
    '',
  ];
  for (const g of grants) {
    const { Statement } = toIamPolicy(g.document);
    lines.push(`Role \`${g.roleName}\` of account \`${account.id}\`:`, '', '```json', JSON.stringify(Statement, null, 2), '```', '');
  }
  return lines;
}
