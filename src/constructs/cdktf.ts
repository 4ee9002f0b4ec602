/**
 * `cross-account-iam/cdktf`: `AccountStack` for cdktf 0.21 apps, with the
 * AWS provider bindings `@cdktf/provider-aws` (21.x, AWS provider 6) and
 * `constructs`, all three brought by the app (optional peer dependencies of
 * this package). One account of a spec as a cdktf stack; see materialize.ts.
 *
 *   import { App, TerraformOutput } from 'cdktf';
 *   import { AccountStack } from 'cross-account-iam/cdktf';
 *   const stack = new AccountStack(app, 'platform', { spec });
 *   new TerraformOutput(stack, 'deployer', { value: stack.role('deployer').arn });
 */
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import * as cdktf from 'cdktf';
import type { Construct } from 'constructs';
import { CDKTF } from './cdktf-engine';
import { accountOf, elementOf, materialize, roleOf, type Materialized } from './materialize';
import type { AccountStackProps } from './props';

export type { AccountStackProps } from './props';

/**
 * One AWS account: its provider (pinned to the account id), the OIDC
 * providers created there, the roles, their policies and the grants. Deploy
 * it with `cdktf deploy <id>`.
 */
export class AccountStack extends cdktf.TerraformStack {
  /** The account's name in the spec. */
  readonly accountName: string;
  /** Names of the spec accounts whose roles this account's roles trust; their stacks deploy first. */
  readonly dependsOnAccounts: readonly string[];
  private readonly materialized: Materialized;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    // Refused before the stack joins the app: a bad spec leaves nothing behind.
    const account = accountOf(props.spec, props.account ?? id);
    super(scope, id);
    this.accountName = account.name;
    this.dependsOnAccounts = account.dependsOn;
    this.materialized = materialize(this, account, props.offline, CDKTF);
  }

  /** The `aws_iam_role` of a role of this account, by its name in the spec: reference its `arn` or `name`. */
  role(name: string): IamRole {
    return roleOf(this.materialized, name) as IamRole;
  }

  /** A resource or data source of this stack by its Terraform address (`aws_iam_openid_connect_provider.github`, `data.aws_iam_policy_document.x`). */
  element(address: string): Construct {
    return elementOf(this.materialized, this.node.id, address);
  }
}
