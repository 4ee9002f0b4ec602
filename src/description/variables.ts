/**
 * The account's input variables: the tags added to everything it creates,
 * and, when its roles trust roles of other accounts, the dependency on them.
 */
import type { AccountModel } from '../model/types';
import { CROSS_ACCOUNT_DEPENDENCIES, TAGS_VARIABLE } from '../names';

export interface Variable {
  /** A Terraform type expression (`map(string)`), written raw. */
  readonly type: string;
  readonly default?: unknown;
  readonly description: string;
}

export interface AccountVariables {
  readonly variables: Record<string, Variable>;
  /** What a role trusting a role of another account `depends_on` (roles.ts): the variable, or nothing. */
  readonly crossAccount: readonly string[];
}

export function accountVariables(account: AccountModel): AccountVariables {
  const variables: Record<string, Variable> = {
    [TAGS_VARIABLE]: {
      type: 'map(string)',
      default: {},
      description: 'Tags added to every role (over the tags the spec gives), OIDC provider, Pod Identity association and IAM user.',
    },
  };
  // IAM rejects a trust policy that names a role that does not exist yet. Stacks order themselves
  // with stack dependencies; a plain root passes the trusted modules' role_arns here instead of a
  // module-level depends_on, which would defer every policy document to apply time.
  const crossAccount: string[] = [];
  if (account.dependsOn.length > 0) {
    variables[CROSS_ACCOUNT_DEPENDENCIES] = {
      type: 'any',
      default: [],
      description: `Pass the role_arns outputs of the modules for ${account.dependsOn.join(', ')}: roles here trust roles there, and IAM requires those to exist first.`,
    };
    crossAccount.push(`var.${CROSS_ACCOUNT_DEPENDENCIES}`);
  }
  return { variables, crossAccount };
}
