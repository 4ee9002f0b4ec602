import type { TrustSpec } from '../spec/schema';
import { ciTrust } from './ci';
import type { TrustContext, TrustResult } from './context';

type GitlabCi = Extract<TrustSpec, { type: 'gitlab-ci' }>;

/** `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`; a pattern only in the ref, GitLab's last part. */
export function gitlabSubjects(t: Pick<GitlabCi, 'project' | 'branches' | 'tags'>): string[] {
  const prefix = `project_path:${t.project}`;
  return [...t.branches.map((b) => `${prefix}:ref_type:branch:ref:${b}`), ...t.tags.map((tag) => `${prefix}:ref_type:tag:ref:${tag}`)];
}

/** GitLab CI/CD ID tokens (gitlab.com or a self-managed instance), `aud` as the job's `id_tokens` requests it. */
export function gitlabCi(t: GitlabCi, ctx: TrustContext): TrustResult | undefined {
  return ciTrust(t, ctx, 'gitlab', { selfHosted: 'https://gitlab.com or your GitLab Self-Managed URL' }, gitlabSubjects(t), { value: t.audience, field: 'audience' });
}
