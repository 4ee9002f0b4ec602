/** What one account's Terraform is made of: the description every renderer reads (`account.ts` builds it). */

/** A Terraform JSON body: attribute name -> value; `undefined` means absent. */
export type Body = Readonly<Record<string, unknown>>;

/** One `resource` or `data` block of the account. */
export interface Element {
  readonly mode: 'resource' | 'data';
  /** The Terraform type, listed in kinds.ts. */
  readonly type: string;
  /** The Terraform name (cdktf's logical id). */
  readonly id: string;
  /** The construct path below the stack, as cdktf records it in the stack's metadata. */
  readonly path: string;
  readonly body: Body;
  /** Adopt an existing object instead of creating it: the id of a Terraform `import` block. */
  readonly importId?: string;
}

export interface Variable {
  /** A Terraform type expression (`map(string)`), written raw. */
  readonly type: string;
  readonly default?: unknown;
  readonly description: string;
}

export interface Output {
  readonly description: string;
  readonly value: unknown;
  readonly sensitive?: boolean;
}

export interface AccountDescription {
  /** The account's name: the stack name and the module folder. */
  readonly name: string;
  /** The `provider "aws"` block (stacks only). */
  readonly provider: Body;
  /** The backend (stacks only): its type and its Terraform JSON body. */
  readonly backend: { readonly type: string; readonly config: Body };
  /** The hashicorp/aws version constraint the stack and the module require (the stack's lock file picks the version). */
  readonly awsProviderVersion: string;
  readonly variables: Readonly<Record<string, Variable>>;
  /** Resources and data sources, in the order they are described. */
  readonly elements: readonly Element[];
  readonly outputs: Readonly<Record<string, Output>>;
}
