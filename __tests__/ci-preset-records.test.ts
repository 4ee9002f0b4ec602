/**
 * The CI preset records (src/input/trust-types/<type>.ts): each is consistent
 * with itself and with what is derived from the list. Over sample entries of
 * every preset: the schema union takes exactly the records' types; the
 * subjects put wildcards only where the record's format allows one (what
 * TRUST019 checks); a real run's subject matches a declared one and every
 * near-miss matches none; an exact issuer URL is the record's own hosted
 * issuer in the issuer table; an id claim is one STS accepts there.
 */
import { CI_PRESETS, ciIdClaims, ciPreset, type CiSpec, type CiTrustType } from '../src/input/trust-types/ci-presets';
import { issuerOf } from '../src/input/issuers';
import { trustSchema } from '../src/input/trust-types';
import { globMatch } from '../src/policy/glob';
import { misplacedStars } from '../src/input/subject-parts';
import { ORG, WS_UUID } from './helpers/ci-issuers';

const UUID_A = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const UUID_B = '3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912';
const EX = { uuid: '4f6b1c2d-8e3a-4b7f-9c1d-2e5a6b7c8d9e' };

/** Sample entries per preset, covering each optional part (patterns, id claims, users, environments, run phases). */
const SAMPLES: Readonly<Record<CiTrustType, readonly Record<string, unknown>[]>> = {
  'gitlab-ci': [
    { issuer: 'i', project: 'platform/deploy', branches: ['main', 'release/*'], tags: ['v*'], audience: 'https://gitlab.com', projectId: '45821937' },
    { issuer: 'i', project: 'group/sub/app', tags: ['v1.0.0'], audience: 'aws-prod' },
  ],
  'hcp-terraform': [
    { issuer: 'i', organization: 'acme', workspace: 'networking-prod', runPhase: 'plan' },
    { issuer: 'i', organization: 'acme', project: 'Platform', workspace: 'dns', runPhase: 'both' },
  ],
  circleci: [
    { issuer: 'i', organizationId: ORG, projectId: UUID_A },
    { issuer: 'i', organizationId: ORG, projectId: UUID_A, userIds: [UUID_B] },
  ],
  buildkite: [
    { issuer: 'i', organization: 'acme', pipeline: 'deploy', branches: ['main'], tags: ['v1'], pipelineId: UUID_B },
    { issuer: 'i', organization: 'acme', pipeline: 'deploy', branches: ['main'], audience: 'sts.amazonaws.com' },
  ],
  'bitbucket-pipelines': [
    { issuer: 'i', workspace: 'acme', workspaceUuid: WS_UUID, repositoryUuid: UUID_A },
    { issuer: 'i', workspace: 'acme', workspaceUuid: WS_UUID, repositoryUuid: UUID_A, environmentUuid: UUID_B },
  ],
};

const cases = CI_PRESETS.flatMap((p) => SAMPLES[p.type].map((s, i) => [`${p.type} #${i + 1}`, p.type, { type: p.type, ...s }] as const));

test('GIVEN the records THEN every preset has samples here, and the schema union takes each record type', () => {
  expect(Object.keys(SAMPLES).sort()).toEqual(CI_PRESETS.map((p) => p.type).sort());
  for (const p of CI_PRESETS) expect(p.schema.shape.type.value).toBe(p.type);
});

describe.each(cases)('%s', (_name, type, input) => {
  const preset = ciPreset(type);
  const spec = preset.schema.parse(input) as CiSpec;
  const subjects = preset.subjects(spec);
  const fields = Object.keys(CI_PRESETS.find((p) => p.type === type)!.schema.shape);

  test('GIVEN the sample WHEN the trust union reads it THEN it is the same entry as the record schema reads', () => {
    expect(trustSchema.parse(input)).toEqual(spec);
  });

  test("GIVEN its subjects THEN a wildcard stands only in the vendor's trailing part (TRUST019's fixed prefix holds)", () => {
    expect(subjects.length).toBeGreaterThan(0);
    for (const sub of subjects) {
      const at = sub.search(/[*?]/);
      if (at >= 0) expect(preset.fixedPrefix.test(sub.slice(0, at))).toBe(true);
      // No "*" stands before the vendor's later parts with a pinned value after it (CircleCI's V2 token, Buildkite's step).
      if (preset.laterParts) expect(misplacedStars(preset.laterParts, sub)).toEqual([]);
    }
  });

  test('GIVEN a real run THEN its subject has no wildcard and matches a declared subject; every near-miss matches none', () => {
    const real = subjects.map((s) => preset.realSubject(s, EX));
    for (const r of real) {
      expect(r).not.toMatch(/[*?]/);
      expect(subjects.some((s) => globMatch(s, r))).toBe(true);
    }
    const misses = preset.nearMisses(spec, real[0], EX);
    expect(misses.length).toBeGreaterThan(0);
    for (const [variant, sub] of misses) expect([variant, subjects.some((s) => globMatch(s, sub))]).toEqual([variant, false]);
  });

  test('GIVEN its issuer requirement THEN an exact URL is this preset in the issuer table, and its audience is set', () => {
    const requirement = preset.issuer(spec);
    if ('exact' in requirement) expect(issuerOf(requirement.exact.slice('https://'.length)).preset).toBe(type);
    else expect(requirement.selfHosted).toMatch(/^https:\/\//);
    expect(preset.audience(spec).value.length).toBeGreaterThan(0);
    expect(fields).toContain(preset.audience(spec).field);
  });

  test("GIVEN an id claim THEN it is the field's value, and STS accepts the claim on the vendor's hosted issuer", () => {
    for (const { claim, value } of ciIdClaims(spec)) {
      expect((spec as unknown as Record<string, unknown>)[claim.field]).toBe(value);
      expect(preset.hosted.claims).toContain(claim.claim);
    }
    if (preset.idClaim) expect(fields).toContain(preset.idClaim.field);
  });
});
