/**
 * A role as the spec declares it, before the resolver builds its model: its
 * IAM name, ARN and Terraform id, and the keys it is found by.
 */
import type { AccountSpec, RoleSpec } from '../input/schema';
import type { ChainedSourceRole } from './pod-identity-chain';

export interface DeclaredRole {
  readonly account: AccountSpec;
  readonly role: RoleSpec;
  /** The IAM name: the role's (or else the account's) namePrefix, then its name. */
  readonly iamName: string;
  readonly arn: string;
  readonly tfId: string;
  readonly path: string;
  /** A role the spec does not declare, created for a cross-account Pod Identity entry. */
  readonly chained?: ChainedSourceRole;
}

/**
 * Declared roles by account, then by lower-case name (IAM role names are
 * unique case-insensitively): two lookups of strings the spec holds, rather
 * than one of a key made for each lookup (`account/name`, a new string to hash
 * every time; the resolver looks a role up several times per trust entry).
 */
export class RolesByAccount {
  private readonly byAccount = new Map<string, Map<string, DeclaredRole>>();

  get(account: string, name: string): DeclaredRole | undefined {
    return this.byAccount.get(account)?.get(name.toLowerCase());
  }

  set(account: string, name: string, role: DeclaredRole): void {
    let roles = this.byAccount.get(account);
    if (!roles) this.byAccount.set(account, (roles = new Map()));
    roles.set(name.toLowerCase(), role);
  }
}

/** The IAM name: the role's (or else the account's) namePrefix, then its name. */
export const iamNameOf = (account: AccountSpec, role: RoleSpec) => `${role.namePrefix ?? account.namePrefix ?? ''}${role.name}`;
