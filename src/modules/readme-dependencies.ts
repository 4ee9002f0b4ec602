/**
 * The "Create first" section of an account module's README: which other
 * modules must exist before this one, and why. IAM refuses a trust policy
 * that names a role that does not exist yet, so a module whose roles trust
 * roles of another account waits for that account's module through the
 * `cross_account_dependencies` input.
 */
import type { AccountModel } from '../model/types';
import { accountIdent, CROSS_ACCOUNT_DEPENDENCIES } from '../names';

/**
 * The trusted roles of other spec accounts, by account: `[account, [trusting role, trusted role ARN][]]`,
 * the accounts this one depends on first (in their order), then any others (trust both ways, so no order).
 */
export function crossAccountTrusts(account: AccountModel): [string, [string, string][]][] {
  const byAccount = new Map<string, [string, string][]>(account.dependsOn.map((a) => [a, []]));
  for (const role of account.roles) {
    for (const t of role.trust) {
      // A role of another spec account: an aws-role entry, or a Pod Identity target's `via` role.
      const [other, arn] =
        t.spec.type === 'aws-role' && 'roleArn' in t && t.account
          ? [t.account, t.roleArn]
          : t.spec.type === 'eks-pod-identity' && 'clusterArn' in t && t.sourceRoleArn
            ? [t.spec.clusterAccount!, t.sourceRoleArn]
            : [undefined, undefined];
      if (!other || !arn || other === account.name) continue;
      if (!byAccount.has(other)) byAccount.set(other, []);
      byAccount.get(other)!.push([role.name, arn]);
    }
  }
  return [...byAccount];
}

/** Markdown lines: the modules to create first and why, or that there are none. */
export function dependencySection(account: AccountModel): string[] {
  const lines = ['## Create first', ''];
  const all = crossAccountTrusts(account);
  const trusts = all.filter(([other]) => account.dependsOn.includes(other));
  const mutual = all.filter(([other]) => !account.dependsOn.includes(other));
  if (trusts.length === 0 && mutual.length === 0) {
    lines.push('No other module: no role here trusts a role of another account in the spec.', '');
    return lines;
  }
  if (trusts.length === 0) lines.push('No module can be created strictly before this one (see below).', '');
  else
    lines.push(
      `IAM refuses a trust policy that names a role that does not exist yet. Roles here trust roles of other accounts, so create these modules first and pass their \`role_arns\` to \`${CROSS_ACCOUNT_DEPENDENCIES}\` (the stacks do the same with stack dependencies, so \`cdktf deploy\` orders them):`,
      '',
      '| module | because |',
      '|---|---|',
    );
  const because = (pairs: [string, string][]) =>
    pairs.length > 0 ? pairs.map(([role, arn]) => `\`${role}\` trusts \`${arn}\``).join('<br>') : 'roles here trust its roles';
  if (trusts.length > 0) {
    for (const [other, pairs] of trusts) lines.push(`| \`${other}\` | ${because(pairs)} |`);
    lines.push('', '```hcl', `${CROSS_ACCOUNT_DEPENDENCIES} = [${account.dependsOn.map((d) => `module.${accountIdent(d)}.role_arns`).join(', ')}]`, '```', '');
  }
  if (mutual.length > 0) {
    lines.push(
      'Roles here also trust roles of these modules, whose roles trust roles here in turn, so neither module can wait for the other: create the trusted roles first (e.g. `terraform apply -target` on them), then the rest.',
      '',
      '| module | because |',
      '|---|---|',
      ...mutual.map(([other, pairs]) => `| \`${other}\` | ${because(pairs)} |`),
      '',
    );
  }
  return lines;
}
