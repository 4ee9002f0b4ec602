/**
 * The immutable-id claims the CI presets can pin besides `sub`: GitLab's
 * `project_id` and Buildkite's `pipeline_id`. Their subjects carry renamable
 * paths and slugs (`project_path:<group>/<project>`, `pipeline:<slug>`): after
 * a rename, transfer or deletion, another project or pipeline can take the
 * old path and its tokens match the subject. The id claim does not follow the
 * path, so pinning it too only narrows the trust.
 *
 * The trust builder (ci.ts), the access proof's identities and its oracle all
 * read this one table. Sources: docs/issuers.md.
 */
import type { CiResolvedTrust } from '../model/types';
import type { Condition } from '../policy/document';

type CiSpec = CiResolvedTrust['spec'];

export interface CiIdClaim {
  /** The trust field that holds the id. */
  readonly field: string;
  /** The token claim (and condition-key suffix) that carries it. */
  readonly claim: string;
  /** What it identifies, for messages and near-misses. */
  readonly what: string;
}

/** Per trust type, its optional immutable-id field. */
export const CI_ID_CLAIMS: Readonly<Partial<Record<CiSpec['type'], CiIdClaim>>> = {
  'gitlab-ci': { field: 'projectId', claim: 'project_id', what: 'project' },
  buildkite: { field: 'pipelineId', claim: 'pipeline_id', what: 'pipeline' },
};

/** The id claims this trust entry pins, each with its declared value: `[]` when its id field is not set. */
export function ciIdClaims(spec: CiSpec): { readonly claim: CiIdClaim; readonly value: string }[] {
  const value = spec.type === 'gitlab-ci' ? spec.projectId : spec.type === 'buildkite' ? spec.pipelineId : undefined;
  const claim = CI_ID_CLAIMS[spec.type];
  return claim !== undefined && value !== undefined ? [{ claim, value }] : [];
}

/** The `StringEquals <issuer host>:<claim>` conditions of the pinned ids, ANDed to every statement of the trust. */
export function ciIdConditions(spec: CiSpec, host: string): Condition[] {
  return ciIdClaims(spec).map(({ claim, value }) => ({ test: 'StringEquals', variable: `${host}:${claim.claim}`, values: [value] }));
}
