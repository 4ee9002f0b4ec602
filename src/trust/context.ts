import type { Problem } from '../errors';
import type { Statement } from '../policy/document';
import type { OidcProviderModel, ResolvedTrust } from '../model/types';
import type { SpecOptions } from '../input/sections/options';

/**
 * What a trust builder may ask of the resolver. Lookups report their own problems and return undefined.
 * (Not the public `TrustContext` of `src/lint/types.ts`, what a linted trust policy is read against.)
 */
export interface TrustBuildContext {
  readonly partition: string;
  /** The trusting role's account: its id and region. */
  readonly account: { readonly id: string; readonly region: string };
  readonly options: SpecOptions;
  /** The OIDC provider of `issuer` in the trusting role's account. */
  provider(issuer: string): OidcProviderModel | undefined;
  /**
   * A role named by name (in `account`, else the trusting role's own account) or by ARN.
   * A role of another spec account is granted `sts:AssumeRole` on the trusting role,
   * and `sts:TagSession` too with `tagSession`.
   */
  role(ref: string, account?: string, grant?: { readonly tagSession?: boolean }): { readonly arn: string; readonly account?: string } | undefined;
  /** A spec account by name, or undefined (reported at `field`) when the spec has none. */
  specAccount(name: string, field: string): { readonly id: string; readonly region: string } | undefined;
  /** Reports a problem at `field` of the trust entry: `problem` is a factory of `problems` (`src/errors/spec-errors.ts`), given the file and the field's whole path. */
  report(field: string, problem: (file: string, path: string) => Problem): void;
}

export interface TrustResult {
  readonly statements: readonly Statement[];
  readonly resolved: ResolvedTrust;
}
