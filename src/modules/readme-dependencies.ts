/**
 * The "Create first" section of an account module's README: which other
 * modules must exist before this one, and why. IAM refuses a trust policy
 * that names a role that does not exist yet, so a module whose roles trust
 * roles of another account waits for that account's module through the
 * `cross_account_dependencies` input.
 */
import type { AccountModel } from '../model/types';
import { accountIdent, CROSS_ACCOUNT_DEPENDENCIES } from '../names';

/** The trusted roles of other spec accounts, by account, in spec order: `[account, [trusting role, trusted role ARN][]]`. */
export function crossAccountTrusts(account: AccountModel): [string, [string, string][]][] {
  const byAccount = new Map<string, [string, string][]>(account.dependsOn.map((a) => [a, []]));
  for (const role of account.roles) {
    for (const t of role.trust) {
      if (t.spec.type !== 'aws-role' || !('roleArn' in t) || !t.account || t.account === account.name) continue;
      byAccount.get(t.account)?.push([role.name, t.roleArn]);
    }
  }
  return [...byAccount];
}

/** Markdown lines; a module with no cross-account trust says it can be created in any order. */
export function dependencySection(account: AccountModel): string[] {
  const lines = ['## Create first', ''];
  const trusts = crossAccountTrusts(account);
  if (trusts.length === 0) {
    lines.push('No other module: no role here trusts a role of another account in the spec.', '');
    return lines;
  }
  lines.push(
    `IAM refuses a trust policy that names a role that does not exist yet. Roles here trust roles of other accounts, so create these modules first and pass their \`role_arns\` to \`${CROSS_ACCOUNT_DEPENDENCIES}\` (the stacks do the same with stack dependencies, so \`cdktf deploy\` orders them):`,
    '',
    '| module | because |',
    '|---|---|',
  );
  for (const [other, pairs] of trusts) {
    const because = pairs.length > 0 ? pairs.map(([role, arn]) => `\`${role}\` trusts \`${arn}\``).join('<br>') : 'roles here trust its roles';
    lines.push(`| \`${other}\` | ${because} |`);
  }
  lines.push('', '```hcl', `${CROSS_ACCOUNT_DEPENDENCIES} = [${account.dependsOn.map((d) => `module.${accountIdent(d)}.role_arns`).join(', ')}]`, '```', '');
  return lines;
}
