/**
 * One record per CI issuer preset: everything the tool knows about the
 * vendor, in one place. Its schema (the fields, in `ci-presets.ts`), its
 * hosted issuer and the claims STS accepts for it (a row of the issuer table,
 * `issuers.ts`), which issuer URL a trust entry may name, the `aud` it pins,
 * the `sub` values it writes and their format (TRUST019), the parts a real
 * `sub` carries after its wildcard part (`laterParts`), the immutable-id
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
const preset = <Z extends z.ZodType<{ readonly type: string; readonly issuer: string }>>(r: CiPreset<z.output<Z>> & { readonly schema: Z }) => r;

const UUID = UUID_SOURCE;
const EXAMPLE_SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';
/** Another UUID: the last hex digit changed. */
export const otherUuid = (u: string) => `${u.slice(0, -1)}${u.endsWith('0') ? '1' : '0'}`;
/** A subject that matches a pattern: `*` filled with an example word, `?` with one character. */
const fill = (pattern: string) => pattern.replace(/\*/g, 'example').replace(/\?/g, 'x');
const refsOf = (t: { readonly branches: readonly string[]; readonly tags: readonly string[] }) =>
  [...t.branches, ...t.tags.map((tag) => `tag ${tag}`)].join(', ');

const RUN_PHASES = { plan: ['plan'], apply: ['apply'], both: ['plan', 'apply'] } as const;

const gitlabCi = preset({
  type: 'gitlab-ci',
  schema: gitlabCiSchema,
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
  // Every workspace of one project: the `*` is the whole workspace part, and workspace names hold no ":".
  pinnedWildcard: /^organization:[^:*?]+:project:[^:*?]+:workspace:\*:run_phase:(plan|apply)$/,
  // One subject per phase: a plan-only role never matches an apply run. With workspace "*", every workspace of the project.
  subjects: (t) => RUN_PHASES[t.runPhase].map((phase) => `organization:${t.organization}:project:${t.project}:workspace:${t.workspace}:run_phase:${phase}`),
  tenant: (t) => ({ claim: 'sub', values: [`organization:${t.organization}:*`] }),
  describe: (s) =>
    `HCP Terraform ${s.organization}/${s.project}/${s.workspace === '*' ? '(every workspace)' : s.workspace} · ${s.runPhase === 'both' ? 'plan and apply' : s.runPhase}`,
  realSubject: fill,
  nearMisses: (s, sub) => {
    const base = (org: string, project: string, ws: string, phase: string) => `organization:${org}:project:${project}:workspace:${ws}:run_phase:${phase}`;
    const phase = RUN_PHASES[s.runPhase][0];
    // The workspace of the run tried: the declared one, or for "*" the example filled in.
    const ws = /:workspace:([^:]*):run_phase:/.exec(sub)![1];
    const out: [CiNearMiss, string][] = [];
    if (s.workspace !== '*') out.push(['other-workspace', base(s.organization, s.project, `${ws}-extra`, phase)]);
    out.push(
      ['other-project', base(s.organization, s.project === 'Default Project' ? 'Other Project' : 'Default Project', ws, phase)],
      ['other-organization', base(`${s.organization}-extra`, s.project, ws, phase)],
    );
    if (s.runPhase !== 'both') out.push(['other-run-phase', base(s.organization, s.project, ws, s.runPhase === 'plan' ? 'apply' : 'plan')]);
    return out;
  },
});

/** The repository and ref a CircleCI V2 token of a run carries, where the spec leaves them open. */
const CIRCLE_EXAMPLE_ORIGIN = 'github.com/example/app';
const CIRCLE_EXAMPLE_REF = 'refs/heads/main';
const CIRCLE_SUB = /^org\/([^/]+)\/project\/([^/]+)\/user\/([^/]+)(.*)$/;

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
  // V1 (`$CIRCLE_OIDC_TOKEN`): the user is the last part, `user/*` without users. V2 (`$CIRCLE_OIDC_TOKEN_V2`)
  // continues `/vcs-origin/<origin>/vcs-ref/<ref>`: each user pinned, then the origin (or `*` for any), then
  // the branch (or `*` for any ref), so a wildcard only ever ends the subject. Without users, `user/*` for both.
  subjects: (t) => {
    const prefix = `org/${t.organizationId}/project/${t.projectId}/user/`;
    if (t.userIds.length === 0) return [`${prefix}*`];
    if (t.tokenVersion === 'v1') return t.userIds.map((u) => `${prefix}${u}`);
    if (t.vcsOrigin === undefined) return t.userIds.map((u) => `${prefix}${u}/vcs-origin/*`);
    const refs = t.branches.length > 0 ? t.branches.map((b) => `refs/heads/${b}`) : ['*'];
    return t.userIds.flatMap((u) => refs.map((ref) => `${prefix}${u}/vcs-origin/${t.vcsOrigin}/vcs-ref/${ref}`));
  },
  // The issuer is the organization's; its tokens' aud is the organization id.
  tenant: (t) => ({ claim: 'aud', values: [t.organizationId] }),
  // The V2 token (what the aws-cli orb sends) goes on after the user: a `*` there must not stand before a pinned origin or ref.
  laterParts: {
    format: 'org/<org-id>/project/<project-id>/user/<user-id>/vcs-origin/<vcs-origin>/vcs-ref/<vcs-ref, may be a pattern>',
    labels: ['/vcs-origin/', '/vcs-ref/'],
    lastPart: 'vcs-ref (the branch or tag)',
    injected: 'refs/heads/zzz',
    nearMiss: 'injected-branch',
  },
  describe: (s) => {
    const users = s.userIds.length > 0 ? `${s.userIds.length} user(s)` : 'any user';
    const v2 =
      s.tokenVersion === 'v2' && s.userIds.length > 0
        ? ` · V2 token, ${s.vcsOrigin ?? 'any repository'}${s.branches.length > 0 ? ` ${s.branches.join(', ')}` : ''}`
        : '';
    return `CircleCI project ${s.projectId} · ${users}${v2}`;
  },
  realSubject: (declared, ex) =>
    declared
      .replace(/\/user\/\*$/, `/user/${ex.uuid}`)
      .replace(/\/vcs-origin\/\*$/, `/vcs-origin/${CIRCLE_EXAMPLE_ORIGIN}/vcs-ref/${CIRCLE_EXAMPLE_REF}`)
      .replace(/\/vcs-ref\/\*$/, `/vcs-ref/${CIRCLE_EXAMPLE_REF}`),
  nearMisses: (s, sub) => {
    const [, org, project, user, rest] = CIRCLE_SUB.exec(sub)!;
    const at = (o: string, p: string, u: string, r: string) => `org/${o}/project/${p}/user/${u}${r}`;
    const out: [CiNearMiss, string][] = [
      ['other-project', at(org, otherUuid(project), user, rest)],
      ['other-organization', at(otherUuid(org), project, user, rest)],
    ];
    if (s.userIds.length === 0) return out;
    out.push(['other-user', at(org, project, otherUuid(user), rest)]);
    // The same run's other token: the V2 token on a v1 role (the aws-cli orb's), the V1 token on a v2 role.
    out.push([
      'other-token-version',
      s.tokenVersion === 'v1' ? at(org, project, user, `/vcs-origin/${CIRCLE_EXAMPLE_ORIGIN}/vcs-ref/${CIRCLE_EXAMPLE_REF}`) : at(org, project, user, ''),
    ]);
    if (s.vcsOrigin === undefined) return out;
    const ref = rest.slice(`/vcs-origin/${s.vcsOrigin}/vcs-ref/`.length);
    // A fork whose path starts with the repository's.
    out.push(['other-vcs-origin', at(org, project, user, `/vcs-origin/${s.vcsOrigin}-fork/vcs-ref/${ref}`)]);
    if (s.branches.length > 0) {
      out.push(['other-branch', at(org, project, user, `/vcs-origin/${s.vcsOrigin}/vcs-ref/refs/heads/feature-x`)]);
      // A branch whose name repeats the pinned tail: what a wildcard in the middle of the subject would let in.
      out.push(['injected-branch', at(org, project, user, `/vcs-origin/${s.vcsOrigin}/vcs-ref/refs/heads/zzz/vcs-origin/${s.vcsOrigin}/vcs-ref/${ref}`)]);
    }
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
