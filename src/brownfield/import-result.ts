/** What `import` gives back (import.ts): the spec, its model, and every exported role's fate. */
import type { Model } from '../model/types';
import type { SpecInput } from '../input/schema';
import type { Equivalence } from './equivalence';
import type { ExportedRole } from './export';

export interface SkippedRole {
  readonly file: string;
  readonly account: string;
  readonly role: string;
  readonly arn: string;
  /** Why it is not taken over: one of import-drops.ts. */
  readonly reason: string;
}

export interface ImportedRole {
  readonly account: string;
  readonly role: string;
  readonly arn: string;
  /** The proof that the synthesized trust policy grants the exported access. */
  readonly proof: Equivalence;
  /** Rules whose findings were suppressed because the trust was imported as it was. */
  readonly suppressed: readonly string[];
}

export interface ImportResult {
  /** The spec, as plain data (what the YAML holds). */
  readonly spec: SpecInput;
  /** The model synthesis builds from it (its operators chosen by the resolver). */
  readonly model: Model;
  readonly imported: readonly ImportedRole[];
  readonly skipped: readonly SkippedRole[];
  /** Roles AWS owns (service-linked, IAM Identity Center): listed, never imported or adopted. */
  readonly awsManaged: readonly SkippedRole[];
}

/** The entry of a role that is not imported, for `skipped` or `awsManaged`. */
export const skippedRole = (r: ExportedRole, account: string, reason: string): SkippedRole => ({ file: r.file, account, role: r.name, arn: r.arn, reason });
