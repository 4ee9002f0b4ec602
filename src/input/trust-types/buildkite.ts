/**
 * `type: buildkite`: Buildkite jobs of one pipeline, by branch or tag.
 *
 * Its preset record (what a record holds: `CiPreset`, `ci-preset.ts`). The
 * schema is `buildkite-schema.ts`, loaded on first use: running a synth never
 * builds it (bench/README.md, round 5). Sources: docs/issuers.md.
 */
import { preset, refsOf } from './ci-preset';
import type { buildkiteSchema } from './buildkite-schema';

const EXAMPLE_SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';

export const buildkite = preset({
  type: 'buildkite',
  get schema(): typeof buildkiteSchema {
    return (require('./buildkite-schema') as typeof import('./buildkite-schema')).buildkiteSchema;
  },
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
