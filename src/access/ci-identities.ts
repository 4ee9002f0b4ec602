/**
 * Identities for the CI and workload issuer presets (GitLab CI, HCP
 * Terraform, CircleCI, Buildkite, Bitbucket Pipelines): each declared subject
 * as the vendor writes it (a trailing wildcard filled with a realistic
 * value), and the near-misses around it: another project, workspace,
 * pipeline, repository or organization sharing the prefix, another branch or
 * ref type, the other run phase, another user or deployment environment, a
 * wrong or missing `aud`, no `sub`, another issuer. With a pinned id
 * (`projectId`, `pipelineId`), the declared runs carry it, and two more
 * near-misses keep the declared `sub`: another id (a project or pipeline that
 * took over the path) and no id claim (a Buildkite job that did not ask for it).
 */
import type { CiResolvedTrust } from '../model/types';
import { RUN_PHASES } from '../trust/hcp-terraform';
import { ciIdClaims } from '../trust/ci-claims';
import { EXAMPLE_UUID, withClaim, type Caller, type Variant } from './caller';
import { claimNearMisses, exampleSubject, webCaller } from './preset-identities';

const EXAMPLE_SHA = '9f3182061f1e2cca4702c368cbc039b7dc9d4485';
/** Another UUID: the last hex digit changed. */
const otherUuid = (u: string) => `${u.slice(0, -1)}${u.endsWith('0') ? '1' : '0'}`;
/** Another id of the same form: a UUID with its last digit changed, a number plus one. */
const otherId = (id: string) => (/^\d+$/.test(id) ? String(BigInt(id) + 1n) : otherUuid(id));

/** One line per trust entry for the access report and the graph. */
export function describeCiTrust(s: CiResolvedTrust['spec']): string {
  switch (s.type) {
    case 'gitlab-ci':
      return `GitLab CI ${s.project}${s.projectId ? ` (id ${s.projectId})` : ''} · ${[...s.branches, ...s.tags.map((t) => `tag ${t}`)].join(', ')}`;
    case 'hcp-terraform':
      return `HCP Terraform ${s.organization}/${s.project}/${s.workspace} · ${s.runPhase === 'both' ? 'plan and apply' : s.runPhase}`;
    case 'circleci':
      return `CircleCI project ${s.projectId} · ${s.userIds.length > 0 ? `${s.userIds.length} user(s)` : 'any user'}`;
    case 'buildkite':
      return `Buildkite ${s.organization}/${s.pipeline}${s.pipelineId ? ` (id ${s.pipelineId})` : ''} · ${[...s.branches, ...s.tags.map((t) => `tag ${t}`)].join(', ')}`;
    case 'bitbucket-pipelines':
      return `Bitbucket ${s.workspace} repository ${s.repositoryUuid}${s.environmentUuid ? ` · environment ${s.environmentUuid}` : ''}`;
  }
}

/** The `sub` a real run sends for a declared subject. */
function realSubject(t: CiResolvedTrust, declared: string): string {
  switch (t.spec.type) {
    case 'buildkite':
      return declared.replace(/:commit:\*$/, `:commit:${EXAMPLE_SHA}:step:deploy`);
    case 'bitbucket-pipelines':
      return declared.replace(/\*$/, `{${EXAMPLE_UUID}}`);
    case 'circleci':
      return declared.replace(/\*$/, EXAMPLE_UUID);
    default:
      return exampleSubject(declared);
  }
}

function specific(t: CiResolvedTrust, sub: string): [Variant, string][] {
  const s = t.spec;
  switch (s.type) {
    case 'gitlab-ci': {
      const rest = sub.slice(`project_path:${s.project}`.length);
      const out: [Variant, string][] = [
        ['other-project', `project_path:${s.project}-extra${rest}`],
        ['other-branch', `project_path:${s.project}:ref_type:branch:ref:feature-x`],
      ];
      const m = /:ref_type:(branch|tag):ref:(.*)$/.exec(sub)!;
      out.push(['other-ref-type', `project_path:${s.project}:ref_type:${m[1] === 'branch' ? 'tag' : 'branch'}:ref:${m[2]}`]);
      return out;
    }
    case 'hcp-terraform': {
      const base = (org: string, project: string, ws: string, phase: string) => `organization:${org}:project:${project}:workspace:${ws}:run_phase:${phase}`;
      const phase = RUN_PHASES[s.runPhase][0];
      const out: [Variant, string][] = [
        ['other-workspace', base(s.organization, s.project, `${s.workspace}-extra`, phase)],
        ['other-project', base(s.organization, s.project === 'Default Project' ? 'Other Project' : 'Default Project', s.workspace, phase)],
        ['other-organization', base(`${s.organization}-extra`, s.project, s.workspace, phase)],
      ];
      if (s.runPhase !== 'both') out.push(['other-run-phase', base(s.organization, s.project, s.workspace, s.runPhase === 'plan' ? 'apply' : 'plan')]);
      return out;
    }
    case 'circleci': {
      const user = sub.slice(sub.lastIndexOf('/') + 1);
      const out: [Variant, string][] = [
        ['other-project', `org/${s.organizationId}/project/${otherUuid(s.projectId)}/user/${user}`],
        ['other-organization', `org/${otherUuid(s.organizationId)}/project/${s.projectId}/user/${user}`],
      ];
      if (s.userIds.length > 0) out.push(['other-user', `org/${s.organizationId}/project/${s.projectId}/user/${otherUuid(user)}`]);
      return out;
    }
    case 'buildkite': {
      const rest = sub.slice(`organization:${s.organization}:pipeline:${s.pipeline}`.length);
      return [
        ['other-pipeline', `organization:${s.organization}:pipeline:${s.pipeline}-extra${rest}`],
        ['other-organization', `organization:${s.organization}-extra:pipeline:${s.pipeline}${rest}`],
        ['other-branch', `organization:${s.organization}:pipeline:${s.pipeline}:ref:refs/heads/feature-x:commit:${EXAMPLE_SHA}:step:deploy`],
      ];
    }
    case 'bitbucket-pipelines': {
      const step = `{${EXAMPLE_UUID}}`;
      const out: [Variant, string][] = [['other-repository', `{${otherUuid(s.repositoryUuid)}}:${step}`]];
      if (s.environmentUuid) {
        out.push(['other-deployment-environment', `{${s.repositoryUuid}}:{${otherUuid(s.environmentUuid)}}:${step}`]);
        out.push(['other-subject', `{${s.repositoryUuid}}:${step}`]);
      }
      return out;
    }
  }
}

/** A wrong `aud` each vendor's tokens realistically carry. */
function wrongAudience(t: CiResolvedTrust): string {
  const candidates = ['sts.amazonaws.com', 'aws.workload.identity', 'https://gitlab.com'];
  return candidates.find((c) => c !== t.audience)!;
}

export function ciIdentities(t: CiResolvedTrust): [Variant, Caller][] {
  const subjects = t.subjects.map((s) => realSubject(t, s));
  const ids = ciIdClaims(t.spec);
  // The claims a declared run carries besides sub and aud: the pinned id, when the trust pins one.
  const extra = Object.fromEntries(ids.map(({ claim, value }) => [claim.claim, value]));
  const main = { sub: subjects[0], aud: t.audience, ...extra };
  const out: [Variant, Caller][] = subjects.map((sub) => ['workload', webCaller(t.provider, { sub, aud: t.audience, ...extra })]);
  for (const [variant, sub] of specific(t, subjects[0])) out.push([variant, webCaller(t.provider, withClaim(main, 'sub', sub))]);
  for (const { claim, value } of ids) {
    out.push([claim.what === 'project' ? 'other-project' : 'other-pipeline', webCaller(t.provider, withClaim(main, claim.claim, otherId(value)))]);
    out.push(['missing-claim', webCaller(t.provider, withClaim(main, claim.claim, undefined))]);
  }
  return [...out, ...claimNearMisses(t.provider, main, wrongAudience(t))];
}

/** Whether the token carries every id the trust entry pins (the spec's meaning, for the oracle). */
export function ciIdsHeld(spec: CiResolvedTrust['spec'], claims: Readonly<Record<string, string>>): boolean {
  return ciIdClaims(spec).every(({ claim, value }) => claims[claim.claim] === value);
}

