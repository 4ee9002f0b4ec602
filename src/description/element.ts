/**
 * The elements of an account's description (its `resource` and `data`
 * blocks) and the list the emitters append them to, in the order
 * `describeAccount` calls the emitters. See account.ts for the whole.
 */
import type { PolicyDocument } from '../policy/document';
import { policyDocumentBody } from './policy-document';

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
  /** Adopt an existing object instead of creating it: the id of a Terraform `import` block (imports.ts). */
  readonly importId?: string;
}

/** Terraform types more than one emitter names. */
export const ROLE = 'aws_iam_role';
export const DOC = 'aws_iam_policy_document';
export const OIDC = 'aws_iam_openid_connect_provider';

/** The account's elements, in the order they are added. */
export class Elements {
  private readonly list: Element[] = [];

  /** Appends a block; `importId` adopts the existing object (imports.ts gives the ids). */
  add(mode: Element['mode'], type: string, id: string, path: string, body: Body, importId?: string): void {
    this.list.push(importId !== undefined ? { mode, type, id, path, body, importId } : { mode, type, id, path, body });
  }

  /** Appends a literal `data "aws_iam_policy_document"` (policy-document.ts). */
  policyDocument(id: string, path: string, doc: PolicyDocument): void {
    this.add('data', DOC, id, path, policyDocumentBody(doc));
  }

  get all(): readonly Element[] {
    return this.list;
  }
}
