/**
 * `type: buildkite`: Buildkite jobs of one pipeline, by branch or tag.
 *
 * Its schema and its preset record (what a record holds: `CiPreset`,
 * `ci-preset.ts`). Sources: docs/issuers.md.
 */
import { z } from 'zod';
import { fix } from '../primitives/fields';
import { oidcTrustFields } from './controls';
import { audience, issuerField, NEEDS_REF, needsRef, refName, uuid } from './ci-fields';
import { preset, refsOf } from './ci-preset';

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

const EXAMPLE_SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';

export const buildkite = preset({
  type: 'buildkite',
  schema: buildkiteSchema,
  name: 'Buildkite',
  hosted: {
    host: /^agent\.(buildkite\.com|[^/]+\.buildkite\.(dev|site))$/,
    name: 'Buildkite',
    claims: ['build_branch', 'cluster_id', 'cluster_name', 'organization_id', 'organization_slug', 'pipeline_id', 'pipeline_slug'],
  },
  issuer: () => ({ exact: 'https://agent.buildkite.com' }),
  audience: (t) => ({ value: t.audience, field: 'audience' }),
  audienceText: 'sts.amazonaws.com (as the agent requests it)',
  subjectFormat: 'organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha, may be a wildcard>:step:<step>',
  fixedPrefix: /^organization:[^:*?]+:pipeline:[^:*?]+:ref:[^:*?]+:commit:/,
  // Organization, pipeline and ref pinned, the commit and step left open.
  subjects: (t) =>
    [...t.branches.map((b) => `refs/heads/${b}`), ...t.tags.map((tag) => `refs/tags/${tag}`)].map(
      (ref) => `organization:${t.organization}:pipeline:${t.pipeline}:ref:${ref}:commit:*`,
    ),
  idClaim: { field: 'pipelineId', claim: 'pipeline_id', nearMiss: 'other-pipeline' },
  // The step key follows the commit: a `*` in the commit must not stand before a pinned step.
  laterParts: {
    format: 'organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:<sha>:step:<step key, may be a pattern>',
    labels: [':step:'],
    lastPart: 'step key',
    injected: 'zzz',
    nearMiss: 'injected-step',
  },
  tenant: (t) => ({ claim: 'sub', values: [`organization:${t.organization}:*`] }),
  describe: (s) => `Buildkite ${s.organization}/${s.pipeline}${s.pipelineId ? ` (id ${s.pipelineId})` : ''} · ${refsOf(s)}`,
  realSubject: (declared) => declared.replace(/:commit:\*$/, `:commit:${EXAMPLE_SHA}:step:deploy`),
  nearMisses: (s, sub) => {
    const rest = sub.slice(`organization:${s.organization}:pipeline:${s.pipeline}`.length);
    return [
      ['other-pipeline', `organization:${s.organization}:pipeline:${s.pipeline}-extra${rest}`],
      ['other-organization', `organization:${s.organization}-extra:pipeline:${s.pipeline}${rest}`],
      ['other-branch', `organization:${s.organization}:pipeline:${s.pipeline}:ref:refs/heads/feature-x:commit:${EXAMPLE_SHA}:step:deploy`],
    ];
  },
});
