/**
 * One record per CI issuer preset: everything the tool knows about the
 * vendor, in one place. Its schema (the fields, in `ci-presets.ts`), its
 * hosted issuer and the claims STS accepts for it (a row of the issuer table,
 * `issuers.ts`), which issuer URL a trust entry may name, the `aud` it pins,
 * the `sub` values it writes and their format (TRUST019), the immutable-id
 * claim it can pin, how the access proof describes an entry, the `sub` a real
 * run sends, and the near-misses around it.
 *
 * The trust type (`CiTrustType`), the schema union (`schema.ts`), the trust
 * builders (`trust/index.ts`), the lint's vendor formats and the access
 * proof's identities are all derived from `CI_PRESETS`: a new preset is one
 * record here (CONTRIBUTING.md, "Adding a CI issuer preset"). Sources: docs/issuers.md.
 */
import type { z } from 'zod';
import { bitbucketPipelinesSchema, buildkiteSchema, circleciSchema, gitlabCiSchema, hcpTerraformSchema, UUID_SOURCE } from './ci-presets';

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
  | 'other-subject';

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
  /** The `sub` values the entry allows: exact, or a pattern only in the vendor's trailing part. */
  subjects(t: S): string[];
  /** The optional immutable-id claim. */
  readonly idClaim?: CiIdClaim;
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
const preset = <Z extends z.ZodType<{ readonly type: string; readonly issuer: string }>>(r: CiPreset<z.output<Z>> & { readonly schema: Z }) => r;

const UUID = UUID_SOURCE;
const EXAMPLE_SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';
/** Another UUID: the last hex digit changed. */
export const otherUuid = (u: string) => `${u.slice(0, -1)}${u.endsWith('0') ? '1' : '0'}`;
/** A subject that matches a pattern: `*` filled with an example word, `?` with one character. */
const fill = (pattern: string) => pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');
const refsOf = (t: { readonly branches: readonly string[]; readonly tags: readonly string[] }) => [...t.branches, ...t.tags.map((tag) => `tag ${tag}`)].join(', ');

const RUN_PHASES = { plan: ['plan'], apply: ['apply'], both: ['plan', 'apply'] } as const;

const gitlabCi = preset({
  type: 'gitlab-ci',
  schema: gitlabCiSchema,
  name: 'GitLab CI',
  hosted: {
    host: /^gitlab\.com$/,
    name: 'GitLab.com',
    claims: ['namespace_id', 'pipeline_source', 'project_id', 'ref_protected', 'runner_environment', 'user_access_level', 'user_email', 'user_id', 'user_login'],
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

const hcpTerraform = preset({
  type: 'hcp-terraform',
  schema: hcpTerraformSchema,
  name: 'HCP Terraform',
  hosted: { host: /^app\.terraform\.io$/, name: 'HCP Terraform', claims: [] },
  issuer: () => ({ selfHosted: 'https://app.terraform.io or your Terraform Enterprise URL' }),
  audience: (t) => ({ value: t.audience, field: 'audience' }),
  audienceText: 'aws.workload.identity',
  subjectFormat: 'organization:<org>:project:<project>:workspace:<workspace>:run_phase:<plan|apply>',
  fixedPrefix: /^organization:[^:*?]+:project:[^:*?]+:workspace:[^:*?]+:run_phase:/,
  // One exact subject per phase: a plan-only role never matches an apply run.
  subjects: (t) => RUN_PHASES[t.runPhase].map((phase) => `organization:${t.organization}:project:${t.project}:workspace:${t.workspace}:run_phase:${phase}`),
  tenant: (t) => ({ claim: 'sub', values: [`organization:${t.organization}:*`] }),
  describe: (s) => `HCP Terraform ${s.organization}/${s.project}/${s.workspace} · ${s.runPhase === 'both' ? 'plan and apply' : s.runPhase}`,
  realSubject: fill,
  nearMisses: (s) => {
    const base = (org: string, project: string, ws: string, phase: string) => `organization:${org}:project:${project}:workspace:${ws}:run_phase:${phase}`;
    const phase = RUN_PHASES[s.runPhase][0];
    const out: [CiNearMiss, string][] = [
      ['other-workspace', base(s.organization, s.project, `${s.workspace}-extra`, phase)],
      ['other-project', base(s.organization, s.project === 'Default Project' ? 'Other Project' : 'Default Project', s.workspace, phase)],
      ['other-organization', base(`${s.organization}-extra`, s.project, s.workspace, phase)],
    ];
    if (s.runPhase !== 'both') out.push(['other-run-phase', base(s.organization, s.project, s.workspace, s.runPhase === 'plan' ? 'apply' : 'plan')]);
    return out;
  },
});

const circleci = preset({
  type: 'circleci',
  schema: circleciSchema,
  name: 'CircleCI',
  hosted: { host: /^oidc\.circleci\.com\/org\/[^/]+$/, name: 'CircleCI', claims: ['oidc.circleci.com/project-id'] },
  // The issuer is the organization's.
  issuer: (t) => ({ exact: `https://oidc.circleci.com/org/${t.organizationId}` }),
  audience: (t) => ({ value: t.organizationId, field: 'organizationId' }),
  audienceText: 'the organization id',
  subjectFormat: 'org/<org-id>/project/<project-id>/user/<user-id, may be a wildcard>',
  fixedPrefix: new RegExp(`^org/${UUID}/project/${UUID}/user/`),
  // Without users, `user/*`: the user is the last part.
  subjects: (t) => {
    const prefix = `org/${t.organizationId}/project/${t.projectId}/user/`;
    return t.userIds.length > 0 ? t.userIds.map((u) => `${prefix}${u}`) : [`${prefix}*`];
  },
  // The issuer is the organization's; its tokens' aud is the organization id.
  tenant: (t) => ({ claim: 'aud', values: [t.organizationId] }),
  describe: (s) => `CircleCI project ${s.projectId} · ${s.userIds.length > 0 ? `${s.userIds.length} user(s)` : 'any user'}`,
  realSubject: (declared, ex) => declared.replace(/\*$/, ex.uuid),
  nearMisses: (s, sub) => {
    const user = sub.slice(sub.lastIndexOf('/') + 1);
    const out: [CiNearMiss, string][] = [
      ['other-project', `org/${s.organizationId}/project/${otherUuid(s.projectId)}/user/${user}`],
      ['other-organization', `org/${otherUuid(s.organizationId)}/project/${s.projectId}/user/${user}`],
    ];
    if (s.userIds.length > 0) out.push(['other-user', `org/${s.organizationId}/project/${s.projectId}/user/${otherUuid(user)}`]);
    return out;
  },
});

const buildkite = preset({
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
  subjects: (t) => [...t.branches.map((b) => `refs/heads/${b}`), ...t.tags.map((tag) => `refs/tags/${tag}`)].map((ref) => `organization:${t.organization}:pipeline:${t.pipeline}:ref:${ref}:commit:*`),
  idClaim: { field: 'pipelineId', claim: 'pipeline_id', nearMiss: 'other-pipeline' },
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

const bitbucketPipelines = preset({
  type: 'bitbucket-pipelines',
  schema: bitbucketPipelinesSchema,
  name: 'Bitbucket Pipelines',
  hosted: { host: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/, name: 'Bitbucket Pipelines', claims: [] },
  // The issuer is the workspace's, `aud` its ARI.
  issuer: (t) => ({ exact: `https://api.bitbucket.org/2.0/workspaces/${t.workspace}/pipelines-config/identity/oidc` }),
  audience: (t) => ({ value: `ari:cloud:bitbucket::workspace/${t.workspaceUuid}`, field: 'workspaceUuid' }),
  audienceText: 'ari:cloud:bitbucket::workspace/<workspace-uuid>',
  subjectFormat: '{<repository-uuid>}[:{<environment-uuid>}]:{<step-uuid>, may be a wildcard}',
  fixedPrefix: new RegExp(`^\\{${UUID}\\}`),
  // `{<repository>}:{<step>}`, or `{<repository>}:{<environment>}:{<step>}` for a deployment step: the closing brace pins the repository, only the step is the wildcard.
  subjects: (t) => [t.environmentUuid ? `{${t.repositoryUuid}}:{${t.environmentUuid}}:*` : `{${t.repositoryUuid}}:*`],
  // The issuer is the workspace's; its tokens' aud is the workspace's ARI.
  tenant: (t) => ({ claim: 'aud', values: [`ari:cloud:bitbucket::workspace/${t.workspaceUuid}`] }),
  describe: (s) => `Bitbucket ${s.workspace} repository ${s.repositoryUuid}${s.environmentUuid ? ` · environment ${s.environmentUuid}` : ''}`,
  realSubject: (declared, ex) => declared.replace(/\*$/, `{${ex.uuid}}`),
  nearMisses: (s, _sub, ex) => {
    const step = `{${ex.uuid}}`;
    const out: [CiNearMiss, string][] = [['other-repository', `{${otherUuid(s.repositoryUuid)}}:${step}`]];
    if (s.environmentUuid) {
      out.push(['other-deployment-environment', `{${s.repositoryUuid}}:{${otherUuid(s.environmentUuid)}}:${step}`]);
      out.push(['other-subject', `{${s.repositoryUuid}}:${step}`]);
    }
    return out;
  },
});

/** Every CI preset, in the order the schema lists their trust types. */
export const CI_PRESETS = [gitlabCi, hcpTerraform, circleci, buildkite, bitbucketPipelines] as const;

type Presets = typeof CI_PRESETS;
/** Each record's schema, keeping the tuple (a mapped type over a type parameter keeps it). */
type SchemasOf<T extends readonly unknown[]> = { readonly [K in keyof T]: T[K] extends { readonly schema: infer Z } ? Z : never };
/** The CI presets' trust types. */
export type CiTrustType = Presets[number]['type'];
/** A CI preset's trust entry, as the schema reads it. */
export type CiSpec = z.output<Presets[number]['schema']>;

/** The presets' schemas, for the trust union of `schema.ts`. */
export const CI_PRESET_SCHEMAS = CI_PRESETS.map((p) => p.schema) as unknown as SchemasOf<Presets>;

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
