/**
 * Identities for the CI and workload issuer presets (GitLab CI, HCP
 * Terraform, CircleCI, Buildkite, Bitbucket Pipelines): each declared subject
 * as the vendor writes it (a trailing wildcard filled with a realistic
 * value), and the near-misses around it that the preset's record gives
 * (`input/trust-types/<type>.ts`: another project, workspace, pipeline,
 * repository or organization sharing the prefix, another branch or ref type,
 * the other run phase, another user or deployment environment; a run whose
 * branch or step ends with the later parts of a subject), plus those
 * of every OIDC trust: a wrong or missing `aud`, no `sub`, another issuer.
 * With a pinned id (`projectId`, `pipelineId`), the declared runs carry it,
 * and two more near-misses keep the declared `sub`: another id (a project or
 * pipeline that took over the path) and no id claim (a Buildkite job that did
 * not ask for it).
 */
import type { CiResolvedTrust } from '../../model/types';
import { ciIdClaims, ciPreset } from '../../input/trust-types/ci-presets';
import { otherUuid } from '../../input/trust-types/ci-preset';
import { injectedSubject } from '../../input/subject-parts';
import { claimNearMisses, EXAMPLE_UUID, webCaller, withClaim, type Caller, type Variant } from './caller';

const EXAMPLES = { uuid: EXAMPLE_UUID };
/** Another id of the same form: a UUID with its last digit changed, a number plus one. */
const otherId = (id: string) => (/^\d+$/.test(id) ? String(BigInt(id) + 1n) : otherUuid(id));

/** One line per trust entry for the access report and the graph. */
export function describeCiTrust(s: CiResolvedTrust['spec']): string {
  return ciPreset(s.type).describe(s);
}

/** A wrong `aud` each vendor's tokens realistically carry. */
function wrongAudience(t: CiResolvedTrust): string {
  const candidates = ['sts.amazonaws.com', 'aws.workload.identity', 'https://gitlab.com'];
  return candidates.find((c) => c !== t.audience)!;
}

export function ciIdentities(t: CiResolvedTrust): [Variant, Caller][] {
  const preset = ciPreset(t.spec.type);
  const subjects = t.subjects.map((s) => preset.realSubject(s, EXAMPLES));
  const ids = ciIdClaims(t.spec);
  // The claims a declared run carries besides sub and aud: the pinned id, when the trust pins one.
  const extra = Object.fromEntries(ids.map(({ claim, value }) => [claim.claim, value]));
  const main = { sub: subjects[0], aud: t.audience, ...extra };
  const out: [Variant, Caller][] = subjects.map((sub) => ['workload', webCaller(t.provider, { sub, aud: t.audience, ...extra })]);
  for (const [variant, sub] of preset.nearMisses(t.spec, subjects[0], EXAMPLES)) out.push([variant, webCaller(t.provider, withClaim(main, 'sub', sub))]);
  // A subject that goes on after the wildcard part (CircleCI's V2 token): a run whose branch or step ends with its later parts.
  for (const sub of preset.laterParts === undefined ? [] : t.subjects) {
    const injected = injectedSubject(preset.laterParts!, sub);
    if (injected !== undefined) out.push([preset.laterParts!.nearMiss, webCaller(t.provider, withClaim(main, 'sub', injected))]);
  }
  for (const { claim, value } of ids) {
    out.push([claim.nearMiss, webCaller(t.provider, withClaim(main, claim.claim, otherId(value)))]);
    out.push(['missing-claim', webCaller(t.provider, withClaim(main, claim.claim, undefined))]);
  }
  return [...out, ...claimNearMisses(t.provider, main, wrongAudience(t))];
}

/** Whether the token carries every id the trust entry pins (the spec's meaning, for the oracle). */
export function ciIdsHeld(spec: CiResolvedTrust['spec'], claims: Readonly<Record<string, string>>): boolean {
  return ciIdClaims(spec).every(({ claim, value }) => claims[claim.claim] === value);
}
