/**
 * `cross-account-iam/cdktn`: `AccountStack` for cdktn (CDK Terrain) 0.24 apps, with the
 * AWS provider bindings `@cdktn/provider-aws` (25.x, AWS provider 6) and
 * `constructs`, all three brought by the app (optional peer dependencies of
 * this package). One account of a spec as a cdktn stack; see materialize.ts.
 *
 *   import { App, TerraformOutput } from 'cdktn';
 *   import { AccountStack } from 'cross-account-iam/cdktn';
 *   const stack = new AccountStack(app, 'platform', { spec });
 *   new TerraformOutput(stack, 'deployer', { value: stack.role('deployer').arn });
 */
import * as cdktn from 'cdktn';
import type { Construct } from 'constructs';
import { CDKTN } from './cdktn-engine';
import { accountOf, elementOf, materialize, roleOf, type Materialized } from './materialize';
import type { AccountStackProps } from './props';

export type { AccountStackProps } from './props';

/**
 * What `role()` returns: the bindings' `IamRole` (`@cdktn/provider-aws/lib/iam-role`), typed by
 * the attributes an app references, so that these declarations need no bindings to compile.
 */
export type RoleResource = cdktn.TerraformResource & {
  readonly arn: string;
  readonly name: string;
  readonly uniqueId: string;
};

/**
 * One AWS account: its provider (pinned to the account id), the OIDC
 * providers created there, the roles, their policies and the grants. Deploy
 * it with `cdktn deploy <id>`.
 */
export class AccountStack extends cdktn.TerraformStack {
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
    this.materialized = materialize(this, account, props.offline, CDKTN);
  }

  /** The `aws_iam_role` of a role of this account, by its name in the spec: reference its `arn` or `name`. */
  role(name: string): RoleResource {
    return roleOf(this.materialized, name) as RoleResource;
  }

  /** A resource or data source of this stack by its Terraform address (`aws_iam_openid_connect_provider.github`, `data.aws_iam_policy_document.x`). */
  element(address: string): Construct {
    return elementOf(this.materialized, this.node.id, address);
  }
}
