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

/** `account/lower-case name`: IAM role names are unique case-insensitively. */
export const roleKey = (account: string, name: string) => `${account}/${name.toLowerCase()}`;

/** The IAM name: the role's (or else the account's) namePrefix, then its name. */
export const iamNameOf = (account: AccountSpec, role: RoleSpec) => `${role.namePrefix ?? account.namePrefix ?? ''}${role.name}`;
