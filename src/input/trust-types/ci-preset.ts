/**
 * What a CI issuer preset record is (`CiPreset`): everything the tool knows
 * about one vendor, its schema, its hosted issuer and the claims STS accepts
 * for it (a row of the issuer table, `input/issuers.ts`), which issuer URL a
 * trust entry may name, the `aud` it pins, the `sub` values it writes and
 * their format (TRUST019), the parts a real `sub` carries after its wildcard
 * part (`laterParts`), the immutable-id claim it can pin, how the access proof
 * describes an entry, the `sub` a real run sends, and the near-misses around
 * it; and the helpers the records share. Each preset is one file of this
 * folder holding its schema and its record; `ci-presets.ts` lists them.
 */
import type { z } from 'zod';

/** How a preset names its issuer: the exact URL the vendor runs, or any URL of a self-hosted install. */
export type IssuerRequirement = { readonly exact: string } | { readonly selfHosted: string };

/** The near-misses a preset adds around a declared run (the access proof's variants). */
export type CiNearMiss =
  | 'other-project'
  | 'other-branch'
  | 'other-ref-type'
  | 'other-workspace'
  | 'other-organization'
  | 'other-run-phase'
  | 'other-user'
  | 'other-pipeline'
  | 'other-repository'
  | 'other-deployment-environment'
  | 'other-subject'
  | 'other-vcs-origin'
  | 'injected-branch'
  | 'injected-step'
  | 'other-token-version';

/**
 * The parts a real `sub` carries after the part {@link CiPreset.subjectFormat}
 * lets be a wildcard, for a vendor whose subject goes on after it: CircleCI's
 * V2 token (`$CIRCLE_OIDC_TOKEN_V2`) after the user, Buildkite's after the
 * commit. IAM's `*` matches across parts, so a `*` before the last part that
 * is followed by a pinned value of a later part lets in a run whose last part
 * (a branch, a step key) ends with that text: `input/subject-parts.ts`, TRUST019
 * and the access proof's near-miss.
 */
export interface LaterParts {
  /** The whole `sub`, with the last part that may be a pattern. */
  readonly format: string;
  /** The label of each later part, in order, as it stands in the `sub` (the last one opens the last part). */
  readonly labels: readonly string[];
  /** What the last part is, in messages. */
  readonly lastPart: string;
  /** A last-part value a user can choose, for the injected run (a branch anyone who can push may create). */
  readonly injected: string;
  /** The access proof's near-miss for the injected run. */
  readonly nearMiss: CiNearMiss;
}

/** An immutable-id claim a preset pins besides `sub`, so that a project or pipeline that takes over a renamed path is refused. */
export interface CiIdClaim {
  /** The trust field that holds the id. */
  readonly field: string;
  /** The token claim (and condition-key suffix) that carries it. */
  readonly claim: string;
  /** The near-miss of a token with another id: a project or pipeline that took over the path. */
  readonly nearMiss: CiNearMiss;
}

/** Fixed values the access proof fills into a real run's `sub`. */
export interface Examples {
  /** A UUID (a CircleCI user, a Bitbucket step). */
  readonly uuid: string;
}

export interface CiPreset<S extends { readonly type: string } = { readonly type: string }> {
  readonly type: S['type'];
  readonly schema: z.ZodType<S>;
  /** The vendor's name in messages. */
  readonly name: string;
  /** The hosted issuer: its condition-key prefix (the issuer URL without `https://`, lower case), its name, and the claims STS accepts for it besides sub, aud, amr, azp, email and oaud. */
  readonly hosted: { readonly host: RegExp; readonly name: string; readonly claims: readonly string[] };
  /** Which issuer URL an entry may name. */
  issuer(t: S): IssuerRequirement;
  /** The `aud` the entry pins, and the field that sets it. */
  audience(t: S): { readonly value: string; readonly field: string };
  /** What `aud` carries, for messages (TRUST002). */
  readonly audienceText: string;
  /** The `sub` format, with the trailing part that may be a wildcard. */
  readonly subjectFormat: string;
  /** In a StringLike `sub`, the text before the first wildcard must start with a match (TRUST019). */
  readonly fixedPrefix: RegExp;
  /**
   * A whole subject whose wildcard is not in the trailing part but still cannot stretch past
   * its own part (HCP Terraform's `workspace:*`, whose names hold no ":"): TRUST019 accepts
   * a subject that matches it exactly.
   */
  readonly pinnedWildcard?: RegExp;
  /** The `sub` values the entry allows: exact, or a pattern only in the vendor's trailing part. */
  subjects(t: S): string[];
  /** The optional immutable-id claim. */
  readonly idClaim?: CiIdClaim;
  /** The parts after the one that may be a wildcard, for a vendor whose `sub` goes on after it. */
  readonly laterParts?: LaterParts;
  /**
   * The tenant (group, organization, workspace) the entry's tokens belong to, for the
   * organization's tenant fence (docs/guardrails.md): `sub`, `aud` or a claim STS accepts
   * for the issuer, and the values (patterns with `*`) every token of the tenant carries.
   */
  tenant(t: S): { readonly claim: string; readonly values: readonly string[] };
  /** One line per entry for the access report and the graph. */
  describe(t: S): string;
  /** The `sub` a real run sends for a declared subject (a trailing wildcard filled). */
  realSubject(declared: string, ex: Examples): string;
  /** Near-misses around the first real subject: another project, branch, workspace, ... sharing the prefix. */
  nearMisses(t: S, sub: string, ex: Examples): [CiNearMiss, string][];
}

/** Keeps each record's exact schema type, so that the schema union can be derived from the list. */
export const preset = <Z extends z.ZodType<{ readonly type: string; readonly issuer: string }>>(r: CiPreset<z.output<Z>> & { readonly schema: Z }) => r;

/** A UUID as CircleCI, Bitbucket and Buildkite write them in their tokens: lower-case hex. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Another UUID: the last hex digit changed. */
export const otherUuid = (u: string) => `${u.slice(0, -1)}${u.endsWith('0') ? '1' : '0'}`;
/** A subject that matches a pattern: `*` filled with an example word, `?` with one character. */
export const fill = (pattern: string) => pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');
/** The branches and tags of an entry, for `describe`. */
export const refsOf = (t: { readonly branches: readonly string[]; readonly tags: readonly string[] }) =>
  [...t.branches, ...t.tags.map((tag) => `tag ${tag}`)].join(', ');
