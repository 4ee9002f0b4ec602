import type { TrustSpec } from '../spec/schema';
import { ciTrust } from './ci';
import { BUILDKITE_ISSUER } from './ci-vendors';
import type { TrustContext, TrustResult } from './context';

type Buildkite = Extract<TrustSpec, { type: 'buildkite' }>;

/** `organization:<org>:pipeline:<pipeline>:ref:<ref>:commit:*`: organization, pipeline and ref pinned, the commit and step left open. */
export function buildkiteSubjects(t: Pick<Buildkite, 'organization' | 'pipeline' | 'branches' | 'tags'>): string[] {
  const refs = [...t.branches.map((b) => `refs/heads/${b}`), ...t.tags.map((tag) => `refs/tags/${tag}`)];
  return refs.map((ref) => `organization:${t.organization}:pipeline:${t.pipeline}:ref:${ref}:commit:*`);
}

/** Buildkite jobs of one pipeline, on the named branches and tags. */
export function buildkite(t: Buildkite, ctx: TrustContext): TrustResult | undefined {
  return ciTrust(t, ctx, 'buildkite', { exact: BUILDKITE_ISSUER }, buildkiteSubjects(t), { value: t.audience, field: 'audience' });
}
