/**
 * `type: gitlab-ci`: GitLab CI/CD jobs of one project, by branch or tag.
 *
 * Its preset record (what a record holds: `CiPreset`, `ci-preset.ts`). The
 * schema is `gitlab-ci-schema.ts`, loaded on first use: running a synth never
 * builds it (bench/README.md, round 5). Sources: docs/issuers.md.
 */
import { fill, preset, refsOf } from './ci-preset';
import type { gitlabCiSchema } from './gitlab-ci-schema';

export const gitlabCi = preset({
  type: 'gitlab-ci',
  get schema(): typeof gitlabCiSchema {
    return (require('./gitlab-ci-schema') as typeof import('./gitlab-ci-schema')).gitlabCiSchema;
  },
  name: 'GitLab CI',
  hosted: {
    host: /^gitlab\.com$/,
    name: 'GitLab.com',
    claims: [
      'namespace_id',
      'pipeline_source',
      'project_id',
      'ref_protected',
      'runner_environment',
      'user_access_level',
      'user_email',
      'user_id',
      'user_login',
    ],
  },
  issuer: () => ({ selfHosted: 'https://gitlab.com or your GitLab Self-Managed URL' }),
  audience: (t) => ({ value: t.audience, field: 'audience' }),
  audienceText: 'the aud of the job\u2019s id_tokens',
  subjectFormat: 'project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name, may be a pattern>',
  fixedPrefix: /^project_path:[^:*?]+\/[^:*?]+:ref_type:(branch|tag):ref:/,
  // `project_path:<group>/<project>:ref_type:<branch|tag>:ref:<name>`; a pattern only in the ref, GitLab's last part.
  subjects: (t) => {
    const prefix = `project_path:${t.project}`;
    return [...t.branches.map((b) => `${prefix}:ref_type:branch:ref:${b}`), ...t.tags.map((tag) => `${prefix}:ref_type:tag:ref:${tag}`)];
  },
  idClaim: { field: 'projectId', claim: 'project_id', nearMiss: 'other-project' },
  // The top-level group: `project_path:<group>/...`.
  tenant: (t) => ({ claim: 'sub', values: [`project_path:${t.project.split('/')[0]}/*`] }),
  describe: (s) => `GitLab CI ${s.project}${s.projectId ? ` (id ${s.projectId})` : ''} · ${refsOf(s)}`,
  realSubject: fill,
  nearMisses: (s, sub) => {
    const rest = sub.slice(`project_path:${s.project}`.length);
    const m = /:ref_type:(branch|tag):ref:(.*)$/.exec(sub)!;
    return [
      ['other-project', `project_path:${s.project}-extra${rest}`],
      ['other-branch', `project_path:${s.project}:ref_type:branch:ref:feature-x`],
      ['other-ref-type', `project_path:${s.project}:ref_type:${m[1] === 'branch' ? 'tag' : 'branch'}:ref:${m[2]}`],
    ];
  },
});
