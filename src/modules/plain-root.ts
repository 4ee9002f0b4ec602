import { hclString } from '../description/expressions';
import type { Model } from '../model/types';
import { accountIdent, CROSS_ACCOUNT_DEPENDENCIES } from '../names';

const ident = accountIdent;

/**
 * A plain Terraform root calling every account module with an aliased provider
 * per account. Modules whose roles trust roles of another account depend on
 * that account's module: IAM checks that a trusted role exists.
 */
export function plainRoot(model: Model, modulesPath: string): string {
  const out: string[] = [
    '# One aliased provider per account; allowed_account_ids stops a module from landing in the wrong account.',
    'terraform {',
    '  required_version = ">= 1.5"',
    '  required_providers {',
    '    aws = {',
    '      source  = "hashicorp/aws"',
    `      version = "${model.accounts[0].awsProviderVersion}"`,
    '    }',
    '  }',
    '}',
    '',
  ];
  for (const a of model.accounts) {
    // Values of the spec as HCL literals: Terraform reads them as typed, never as templates.
    out.push(
      `provider "aws" {`,
      `  alias               = "${ident(a.name)}"`,
      `  region              = ${hclString(a.region)}`,
      `  allowed_account_ids = [${hclString(a.id)}]`,
    );
    if (a.deployRole) out.push('  assume_role {', `    role_arn = ${hclString(a.deployRole)}`, '  }');
    out.push('}', '');
  }
  for (const a of model.accounts) {
    out.push(`module "${ident(a.name)}" {`, `  source    = "${modulesPath}/${a.name}"`, `  providers = { aws = aws.${ident(a.name)} }`);
    // Not a module-level depends_on: that would defer every policy document in the module to apply time.
    if (a.dependsOn.length > 0) out.push('', `  ${CROSS_ACCOUNT_DEPENDENCIES} = [${a.dependsOn.map((d) => `module.${ident(d)}.role_arns`).join(', ')}]`);
    out.push('}', '');
  }
  out.push('output "role_arns" {', '  description = "Role ARNs by account, then by role name."', '  value = {');
  for (const a of model.accounts) out.push(`    ${hclString(a.name)} = module.${ident(a.name)}.role_arns`);
  out.push('  }', '}', '');
  return out.join('\n');
}
