/**
 * `type: buildkite`: Buildkite jobs of one pipeline, by branch or tag.
 *
 * Its schema: what a spec may write. The preset record is `buildkite.ts`, which
 * loads this file only when a spec is validated. Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { audience, issuerField, NEEDS_REF, needsRef, refName, uuid } from './ci-fields';

/**
 * Buildkite organization and pipeline slugs: Buildkite makes them from the
 * name in lower-case letters, digits and "-", so a slug with an upper-case
 * letter, ".", "_" or "/" is one no token carries (the subject is matched
 * case-sensitively).
 */
const buildkiteSlug = (what: string) =>
  z
    .string({ error: fix(`expected the ${what} slug`, `write the ${what} slug`) })
    .regex(
      /^[a-z0-9][a-z0-9-]{0,99}$/,
      fix(
        `a Buildkite ${what} slug is lower-case letters, digits and "-", starting with a letter or digit, and no wildcard; no token carries any other`,
        `copy the ${what} slug from its URL, e.g. deploy-app in buildkite.com/acme/deploy-app`,
      ),
    );

export const buildkiteSchema = z
  .strictObject({
    type: z.literal('buildkite').meta({ description: 'buildkite: Buildkite jobs of one pipeline, by branch or tag.' }),
    ...oidcTrustFields,
    /** The issuer whose URL is https://agent.buildkite.com. */
    issuer: issuerField.meta({ description: 'The spec issuer whose URL is https://agent.buildkite.com.' }),
    organization: buildkiteSlug('organization').meta({
      description: 'The organization slug: lower-case letters, digits and "-", as in its URL.',
      examples: ['acme'],
    }),
    pipeline: buildkiteSlug('pipeline').meta({
      description: 'The pipeline slug: lower-case letters, digits and "-", as in buildkite.com/<org>/<pipeline>.',
      examples: ['deploy-app'],
    }),
    /** Branches, exact: the ref is followed by the commit and step in Buildkite's subject. */
    branches: z
      .array(refName('branch', false))
      .default([])
      .meta({
        description: "Branches, exact (the ref is followed by the commit and step in Buildkite's subject). At least one branch or tag.",
        examples: [['main']],
      }),
    tags: z
      .array(refName('tag', false))
      .default([])
      .meta({ description: 'Tags, exact. At least one branch or tag.', examples: [['v1.2.0']] }),
    /** The `--audience` of `buildkite-agent oidc request-token`. @default "sts.amazonaws.com" */
    audience: audience('audience').default('sts.amazonaws.com').meta({ description: 'The --audience of buildkite-agent oidc request-token.' }),
    /**
     * The pipeline's immutable UUID: adds `StringEquals agent.buildkite.com:pipeline_id`, so a
     * pipeline that later takes over the slug is refused. An optional claim: the job must ask
     * for it (`buildkite-agent oidc request-token --claim pipeline_id`, or `BUILDKITE_OIDC_TOKEN_CLAIMS=pipeline_id`).
     */
    pipelineId: uuid('pipeline id', '$BUILDKITE_PIPELINE_ID in a job of the pipeline, or the pipeline\'s "id" in the REST API', false)
      .optional()
      .meta({
        description:
          "The pipeline's immutable UUID ($BUILDKITE_PIPELINE_ID): adds StringEquals agent.buildkite.com:pipeline_id; the job must request it (--claim pipeline_id).",
        examples: ['0f2a6d58-0000-4b4b-9c3e-1d7e2f1a2b3c'],
      }),
  })
  .refine(needsRef, { error: NEEDS_REF })
  .meta({ title: 'trust: buildkite', description: 'Buildkite jobs of one pipeline: organization, pipeline, and at least one of branches and tags.' });
