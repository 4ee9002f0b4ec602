/**
 * Every CI issuer preset, one record each (`ci-preset.ts` says what a record
 * holds; each preset's file holds its record, `<vendor>-schema.ts` its
 * schema). The trust type
 * (`CiTrustType`), the schema union (`index.ts`), the trust builders
 * (`trust/index.ts`), the issuer table (`input/issuers.ts`), the lint's vendor
 * formats and the access proof's identities are all derived from
 * `CI_PRESETS`: a new preset is two files of this folder and one entry here
 * (CONTRIBUTING.md, "Adding a CI issuer preset"). Sources: docs/issuers.md.
 */
import type { z } from 'zod';
import type { CiIdClaim, CiPreset } from './ci-preset';
import { bitbucketPipelines } from './bitbucket-pipelines';
import { buildkite } from './buildkite';
import { circleci } from './circleci';
import { gitlabCi } from './gitlab-ci';
import { hcpTerraform } from './hcp-terraform';

/** Every CI preset, in the order the schema lists their trust types. */
export const CI_PRESETS = [gitlabCi, hcpTerraform, circleci, buildkite, bitbucketPipelines] as const;

type Presets = typeof CI_PRESETS;
/** Each record's schema, keeping the tuple (a mapped type over a type parameter keeps it). */
type SchemasOf<T extends readonly unknown[]> = { readonly [K in keyof T]: T[K] extends { readonly schema: infer Z } ? Z : never };
/** The CI presets' trust types. */
export type CiTrustType = Presets[number]['type'];
/** A CI preset's trust entry, as the schema reads it. */
export type CiSpec = z.output<Presets[number]['schema']>;

/**
 * The presets' schemas, for the trust union of `index.ts`. A record's schema is
 * built when it is first read (each `<vendor>-schema.ts`), so listing the
 * presets costs no zod: only validating a spec does.
 */
export function ciPresetSchemas(): SchemasOf<Presets> {
  return CI_PRESETS.map((p) => p.schema) as unknown as SchemasOf<Presets>;
}

const BY_TYPE = new Map<string, CiPreset<CiSpec>>(CI_PRESETS.map((p) => [p.type, p as unknown as CiPreset<CiSpec>]));

/** The record of a CI trust type. */
export function ciPreset(type: CiTrustType): CiPreset<CiSpec> {
  return BY_TYPE.get(type)!;
}

/** The record of a trust type, if it is a CI preset's. */
export function ciPresetOf(type: string): CiPreset<CiSpec> | undefined {
  return BY_TYPE.get(type);
}

/** The id claim this trust entry pins, with its declared value: `[]` when the preset has none or its field is not set. */
export function ciIdClaims(spec: CiSpec): { readonly claim: CiIdClaim; readonly value: string }[] {
  const claim = ciPreset(spec.type).idClaim;
  const value = claim === undefined ? undefined : (spec as unknown as Readonly<Record<string, string | undefined>>)[claim.field];
  return claim !== undefined && value !== undefined ? [{ claim, value }] : [];
}
