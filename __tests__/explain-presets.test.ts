/**
 * `explain` against the access proof's own identities, over every example
 * spec: each declared run of an OIDC trust entry, sent as a real-format token
 * (the vendor's claim set around the proof's claims), is explained as allowed
 * and declared; each near-miss the proof derives for that entry (iterated
 * generically, so a new preset or near-miss is covered without a change
 * here) is explained as the proof decides it, and a denial names the claim
 * that differs from the declared run (or the issuer, for another issuer).
 * The proof's AWS callers (--caller, --external-id) get the proof's verdicts
 * too, and each change explain proposes, made to the YAML, admits the token.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExplain, type RoleExplanation } from '../src/access/explain/explain';
import { explainText } from '../src/access/explain/explain-text';
import { deriveIdentities, type Caller, type Identity } from '../src/access/identities/identities';
import { buildMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { resolveModel } from '../src/model/resolve';
import { CI_PRESETS } from '../src/input/trust-types/ci-presets';
import { loadSpecFile, parseSpecYaml } from '../src/input/load';
import { applyChange, lineIsRight } from './helpers/spec-change';
import { unsignedJwt, vendorToken } from './helpers/vendor-tokens';

type Web = Extract<Caller, { kind: 'web-identity' }>;
const EXAMPLES = ['presets', 'default', 'eks-cross-account'].map((name) => join(__dirname, '..', 'examples', name, 'spec.yaml'));

interface Case {
  readonly example: string;
  readonly role: string;
  readonly trustType: string;
  readonly variant: string;
  readonly caller: Web;
  /** The declared run of the same trust entry. */
  readonly workload: Web;
  readonly identity: Identity;
}

const specs = EXAMPLES.map((file) => {
  const loaded = loadSpecFile(file);
  const model = resolveModel(loaded);
  const identities = deriveIdentities(model);
  const matrix = buildMatrix(model, policySetFromModel(model), identities);
  const cells = new Map(matrix.cells.map((c) => [`${c.role} ${c.identity}`, c]));
  const trustType = (role: string, i: number) =>
    model.accounts.flatMap((a) => a.roles.map((r) => [`${a.name}/${r.name}`, r] as const)).find(([k]) => k === role)![1].trust[i].spec.type;
  const cases: Case[] = [];
  // AWS callers that send at most an external id: what --caller and --external-id express.
  const awsCases = identities.flatMap((identity) => {
    const c = identity.caller;
    if (c.kind !== 'aws' || Object.keys(c.context ?? {}).some((k) => k !== 'sts:ExternalId')) return [];
    return identity.origins.map((o) => ({ role: o.role, variant: o.variant, arn: c.arn, externalId: c.context?.['sts:ExternalId'], identity }));
  });
  for (const identity of identities) {
    // A token expresses claims, not the action: the session-tags call (sts:TagSession) is the proof's, not a token's.
    if (identity.caller.kind !== 'web-identity' || identity.caller.action !== undefined) continue;
    for (const o of identity.origins) {
      // Of the entry's declared runs, one of the same issuer where there is one (a web-identity entry names several).
      const runs = identities
        .filter((w) => w.origins.some((x) => x.role === o.role && x.trustIndex === o.trustIndex && x.variant === 'workload'))
        .map((w) => w.caller as Web);
      const workload = runs.find((w) => w.issuerHost === (identity.caller as Web).issuerHost) ?? runs[0];
      cases.push({
        example: file.split('/').slice(-2)[0],
        role: o.role,
        trustType: trustType(o.role, o.trustIndex),
        variant: o.variant,
        caller: identity.caller,
        workload,
        identity,
      });
    }
  }
  return { loaded, text: readFileSync(file, 'utf8'), cells, cases, awsCases };
});
const all = specs.flatMap((s) => s.cases.map((c) => ({ ...c, spec: s })));
const declared = all.filter((c) => c.variant === 'workload');
const near = all.filter((c) => c.variant !== 'workload');
/** Each (role, token) is explained once: the near-miss and the change tests ask about the same ones. */
const explained = new Map<string, ReturnType<typeof runExplain>>();
const explain = (c: (typeof all)[number], token: string) => {
  const key = `${c.example} ${c.role} ${token}`;
  if (!explained.has(key)) explained.set(key, runExplain({ spec: c.spec.loaded, token, role: c.role }));
  return explained.get(key)!;
};
const claimsOf = (c: Web) => JSON.stringify(vendorToken(c.issuerHost, c.claims));
const only = (r: ReturnType<typeof runExplain>): RoleExplanation => {
  expect(r.report.roles).toHaveLength(1);
  return r.report.roles[0];
};

describe("GIVEN the example specs and the access proof's identities", () => {
  it('THEN every CI preset and every trust type with an OIDC issuer has declared runs to explain', () => {
    const types = new Set(all.filter((c) => c.variant === 'workload').map((c) => c.trustType));
    for (const t of [
      ...CI_PRESETS.map((p) => p.type),
      'github-actions',
      'web-identity',
      'kubernetes-service-account',
      'data-platform-project',
      'google-service-account',
    ])
      expect(types).toContain(t);
  });

  it.each(declared.map((c) => [`${c.example} ${c.role} (${c.trustType})`, c.identity.id, c] as const))(
    'WHEN a real-format token of %s (%s) is explained THEN it is allowed, as declared',
    (_r, _id, c) => {
      const r = explain(c, claimsOf(c.caller));
      const role = only(r);
      expect(r.exitCode).toBe(0);
      expect(role).toMatchObject({ verdict: 'allow', declared: true, failed: [], fix: null });
      expect(explainText(r.report)).toContain(`${c.role}: ALLOWED by trust`);
    },
  );

  it('THEN there are near-misses of every OIDC trust type to explain', () => {
    expect(new Set(near.map((c) => c.trustType))).toEqual(new Set(declared.map((c) => c.trustType)));
  });

  it.each(near.map((c) => [c.variant, `${c.example} ${c.role}`, c.identity.id, c] as const))(
    'WHEN the near-miss "%s" of %s (%s) is explained THEN explain agrees with the proof and names what differs',
    (_v, _r, _id, c) => {
      const r = explain(c, claimsOf(c.caller));
      const role = only(r);
      const cell = c.spec.cells.get(`${c.role} ${c.identity.id}`)!;
      expect(role.verdict).toBe(cell.actual);
      expect(role.declared).toBe(cell.expected === 'allow');
      if (cell.expected === 'allow') return; // declared by another entry of the role: allowed, as the proof says
      expect(r.exitCode).toBe(1);
      const text = explainText(r.report);
      expect(text).toContain(`${c.role}: DENIED`);
      if (c.caller.issuerHost !== c.workload.issuerHost) {
        expect(role.principal).toContain(c.caller.issuerHost);
        return;
      }
      const differs = [...new Set([...Object.keys(c.caller.claims), ...Object.keys(c.workload.claims)])].filter(
        (k) => c.caller.claims[k] !== c.workload.claims[k],
      );
      expect(differs.length).toBeGreaterThan(0);
      const keys = differs.map((k) => `${c.caller.issuerHost}:${k}`.toLowerCase());
      const named = role.failed.filter((f) => keys.includes(f.key.toLowerCase()));
      expect(named.length).toBeGreaterThan(0);
      for (const f of named) {
        const claim = f.key.slice(c.caller.issuerHost.length + 1);
        expect(f.actual).toEqual(c.caller.claims[claim] === undefined ? null : [c.caller.claims[claim]]);
        expect(text).toContain(`failed: ${f.operator} ${f.key}`);
        expect(text).toContain(f.actual === null ? 'token:    absent' : `token:    ${JSON.stringify(f.actual[0])}`);
      }
    },
  );
});

describe('GIVEN the AWS callers of the proof (roles, sessions, external ids)', () => {
  const cases = specs.flatMap((s) => s.awsCases.map((c) => ({ ...c, spec: s })));
  it('THEN there are some, declared and near-misses', () => {
    expect(cases.some((c) => c.variant === 'workload') && cases.some((c) => c.variant === 'missing-external-id' || c.variant === 'other-account')).toBe(true);
  });

  it.each(cases.map((c) => [c.variant, c.role, c.identity.id, c] as const))(
    'WHEN the caller "%s" of %s (%s) is explained THEN explain agrees with the proof',
    (_v, _r, _id, c) => {
      const r = runExplain({ spec: c.spec.loaded, caller: c.arn, externalId: c.externalId, role: c.role });
      const cell = c.spec.cells.get(`${c.role} ${c.identity.id}`)!;
      expect([r.report.roles[0].verdict, r.report.roles[0].declared]).toEqual([cell.actual, cell.expected === 'allow']);
      expect(r.exitCode).toBe(cell.actual === 'allow' ? 0 : 1);
      if (cell.actual !== 'allow' && c.variant.includes('external-id')) expect(r.report.roles[0].failed.map((f) => f.key)).toEqual(['sts:ExternalId']);
    },
  );
});

describe('GIVEN the smallest spec change explain proposes for a near-miss', () => {
  // One near-miss per trust type and variant: each change is checked on the YAML text, as a user would make it.
  const seen = new Set<string>();
  const picked = near.filter((c) => !seen.has(`${c.trustType} ${c.variant}`) && (seen.add(`${c.trustType} ${c.variant}`), true));
  const withFix = picked.map((c) => ({ c, fix: explain(c, claimsOf(c.caller)).report.roles[0].fix })).filter((x) => x.fix !== null);

  it('THEN most near-misses of a spec field get one (another branch, project, workspace, subject ...)', () => {
    expect(withFix.length).toBeGreaterThan(picked.length / 3);
  });

  it.each(withFix.map((x) => [x.c.variant, x.c.role, x] as const))(
    'WHEN the change for "%s" of %s is made to the YAML at its path THEN its line is the field\'s and the token is allowed',
    (_v, _r, { c, fix }) => {
      for (const change of fix!) expect([change.path, lineIsRight(c.spec.text, change)]).toEqual([change.path, true]);
      const changed = parseSpecYaml(applyChange(c.spec.text, fix!), 'changed.yaml');
      expect(runExplain({ spec: changed, token: claimsOf(c.caller), role: c.role }).report.roles[0].verdict).toBe('allow');
    },
  );
});

describe("GIVEN a declared run's token as an unsigned JWT", () => {
  const c = declaredOf('pipelines/gitlab-deploy');
  it('WHEN it is explained THEN it is decoded (not verified) and allowed, like its JSON claims', () => {
    const jwt = runExplain({ spec: c.spec.loaded, token: unsignedJwt(vendorToken(c.caller.issuerHost, c.caller.claims)) });
    const json = runExplain({ spec: c.spec.loaded, token: claimsOf(c.caller) });
    expect(jwt.report.input).toMatchObject({ kind: 'token', format: 'jwt', signatureChecked: false, issuer: 'https://gitlab.com' });
    expect(jwt.report.roles).toEqual(json.report.roles);
    expect(jwt.exitCode).toBe(0);
    expect(explainText(jwt.report)).toContain('its signature was not checked');
  });

  it('WHEN the JWT carries claims STS does not pass on THEN they are listed as ignored and play no part', () => {
    const r = runExplain({ spec: c.spec.loaded, token: unsignedJwt(vendorToken(c.caller.issuerHost, c.caller.claims)) });
    const input = r.report.input as Extract<typeof r.report.input, { kind: 'token' }>;
    expect(input.ignoredClaims).toEqual(expect.arrayContaining(['iat', 'exp', 'jti', 'namespace_path', 'project_path']));
    expect(Object.keys(input.claims)).toEqual(expect.arrayContaining(['sub', 'aud', 'project_id', 'namespace_id']));
    expect(Object.keys(input.claims)).not.toContain('project_path');
  });
});

function declaredOf(role: string) {
  return all.find((c) => c.role === role && c.variant === 'workload')!;
}
