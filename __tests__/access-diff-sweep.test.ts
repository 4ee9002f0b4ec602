/**
 * Soundness of the indexed access diff: `diffAccess` sweeps each side through
 * the principal index, over the identities of both specs, and its result
 * (gains, losses, undecidable, deciding statements, expectedAfter, role
 * status, order) equals the brute force, written out below as the diff was
 * computed before: both matrices whole, every role against every identity.
 * On both examples, on random spec pairs with every trust type and policies
 * widened, narrowed or broken at random; and an index that forgets to look up
 * a `*` principal under every caller makes the comparison fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { diffAccess, diffMatrices, unionIdentities, type AccessChange, type AccessDiff, type RoleDiff } from '../src/access/proof/diff';
import { deriveIdentities } from '../src/access/identities/identities';
import type { Side } from '../src/access/sources/inputs';
import { buildMatrix, matrixIdentity, type AccessMatrix, type MatrixCell } from '../src/access/proof/matrix';
import { policySetFromModel, type PolicySet } from '../src/access/evaluate/policy-set';
import { PrincipalIndex, type Lookup } from '../src/access/identities/principal-index';
import { AccessSweep } from '../src/access/proof/sweep';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { validateSpec } from '../src/input/load';
import { loadSpec } from '../src/synth';
import { changeSpec } from '../bench/diff-prep';
import { generateSpec } from '../bench/spec-gen';
import { mutatedPolicies, mutationArb, resolveOrSkip, specArb, type Doc } from './helpers/access-arbitraries';

/** The brute force: both matrices whole, each role of either side against each identity of the union. */
function bruteForceDiff(before: Side, after: Side): { diff: AccessDiff; matrices: [AccessMatrix, AccessMatrix] } {
  const identities = unionIdentities(deriveIdentities(before.model), deriveIdentities(after.model));
  const mb = buildMatrix(before.model, before.policies, identities);
  const ma = buildMatrix(after.model, after.policies, identities);
  const lookup = (m: AccessMatrix) => {
    const cells = new Map(m.cells.map((c) => [`${c.role} ${c.identity}`, c]));
    return (role: string, identity: string): MatrixCell | undefined => cells.get(`${role} ${identity}`);
  };
  const [cellBefore, cellAfter] = [lookup(mb), lookup(ma)];
  const [hadBefore, hasAfter] = [new Set(mb.roles.map((r) => r.key)), new Set(ma.roles.map((r) => r.key))];
  const roles: RoleDiff[] = [];
  let unchangedRoles = 0;
  for (const role of new Set([...hasAfter, ...hadBefore])) {
    const changes: AccessChange[] = [];
    for (const identity of identities.map(matrixIdentity)) {
      const cb = cellBefore(role, identity.id);
      const ca = cellAfter(role, identity.id);
      if (hadBefore.has(role) !== (cb !== undefined) || hasAfter.has(role) !== (ca !== undefined)) throw new Error(`brute force: a cell of ${role} is missing`);
      const [b, a]: AccessChange['before'][] = [cb?.actual ?? 'absent', ca?.actual ?? 'absent'];
      let change: AccessChange['change'];
      let deciding: string;
      if (b === 'allow' && a !== 'allow') [change, deciding] = ['loses', cb!.deciding];
      else if (a === 'allow' && b !== 'allow') [change, deciding] = ['gains', ca!.deciding];
      else if (a !== 'allow' && (b === 'cannot-decide') !== (a === 'cannot-decide'))
        [change, deciding] = ['undecidable', (a === 'cannot-decide' ? ca! : cb!).reason];
      else continue;
      changes.push({ identity: identity.id, kind: identity.kind, change, before: b, after: a, expectedAfter: ca?.expected, deciding });
    }
    const status = !hadBefore.has(role) ? 'added' : !hasAfter.has(role) ? 'removed' : 'changed';
    if (status === 'changed' && changes.length === 0) unchangedRoles++;
    else roles.push({ role, status, changes });
  }
  return { diff: { before: before.policies.source, after: after.policies.source, roles, unchangedRoles }, matrices: [mb, ma] };
}

/** Holds the indexed diff (and diffMatrices of the whole matrices) equal to the brute force; returns it. */
function expectSameDiff(before: Side, after: Side): AccessDiff {
  const { diff, matrices } = bruteForceDiff(before, after);
  expect(diffAccess(before, after)).toStrictEqual(diff);
  expect(diffMatrices(...matrices)).toStrictEqual(diff);
  return diff;
}

const changesOf = (d: AccessDiff) => d.roles.flatMap((r) => r.changes.map((c) => `${c.change} ${r.role} <- ${c.identity}`));
const side = (model: Model, policies: PolicySet = policySetFromModel(model)): Side => ({ model, policies });

const defaultModel = resolveModel(loadSpec(''));
const presetsFile = join(__dirname, '..', 'examples', 'presets', 'spec.yaml');
const presetsModel = resolveModel(validateSpec(parse(readFileSync(presetsFile, 'utf8')), presetsFile));

/** The default example's policies edited: one trust opened to `AWS: *`, one condition value changed, one operator the evaluator cannot read. */
function editedDefault(): Side {
  const policies = policySetFromModel(defaultModel);
  const roles = policies.roles.map((r) => ({ ...r, trust: JSON.parse(JSON.stringify(r.trust)) as Doc }));
  const trust = (key: string) => roles.find((r) => `${r.account}/${r.name}` === key)!.trust;
  trust('data-platform/sample-dev').Statement.push({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } });
  for (const block of Object.values(trust('shared-services/airflow').Statement[0].Condition) as Record<string, unknown>[])
    for (const k of Object.keys(block)) block[k] = 'something-else';
  trust('data-lake/ingest-weather-dev').Statement[0].Condition.StringFancy = { 'aws:x': 'y' };
  return side(defaultModel, { ...policies, source: 'edited', roles });
}

/** The bench's pair: a generated organization, and the same with roles changed in 5 accounts. */
function benchPair(accounts: number): [Side, Side] {
  const spec = generateSpec(accounts);
  return [side(resolveModel(validateSpec(spec, 'org.yaml'))), side(resolveModel(validateSpec(changeSpec(spec), 'changed.yaml')))];
}

/** Random spec pairs: two specs (or one spec twice), each side's policies mutated at random. */
const pairArb = fc.record({
  before: specArb,
  after: specArb,
  sameSpec: fc.boolean(),
  mutateBefore: fc.array(mutationArb, { maxLength: 3 }),
  mutateAfter: fc.array(mutationArb, { maxLength: 4 }),
});
type Pair = typeof pairArb extends fc.Arbitrary<infer T> ? T : never;

function sidesOf(pair: Pair): [Side, Side] | undefined {
  const mb = resolveOrSkip(pair.before);
  const ma = pair.sameSpec ? mb : resolveOrSkip(pair.after);
  if (!mb || !ma) return undefined;
  return [side(mb, mutatedPolicies(mb, pair.mutateBefore, 'before')), side(ma, mutatedPolicies(ma, pair.mutateAfter, 'after'))];
}

describe('the indexed access diff equals the brute force', () => {
  it('on the default example against its policies widened, narrowed and made unreadable: every kind of change', () => {
    const d = expectSameDiff(side(defaultModel), editedDefault());
    const kinds = new Set(d.roles.flatMap((r) => r.changes.map((c) => c.change)));
    expect([...kinds].sort()).toEqual(['gains', 'loses', 'undecidable']);
    expect(d.roles.map((r) => r.role)).toEqual(['data-platform/sample-dev', 'data-lake/ingest-weather-dev', 'shared-services/airflow']);
    // Opened to AWS: *, the role lets in roles of its own account that the spec never declared for it.
    const gains = d.roles[0].changes.filter((c) => c.change === 'gains');
    expect(gains.length).toBeGreaterThan(0);
    for (const c of gains) expect([c.expectedAfter, c.deciding]).toEqual(['deny', 'trust S1']);
  });

  it('between the two examples, both ways: every role added or removed, identities of both specs', () => {
    const forward = expectSameDiff(side(defaultModel), side(presetsModel));
    const back = expectSameDiff(side(presetsModel), side(defaultModel));
    expect(new Set(forward.roles.map((r) => r.status))).toEqual(new Set(['added', 'removed']));
    expect(forward.roles.filter((r) => r.status === 'added').length).toBe(presetsModel.accounts.reduce((n, a) => n + a.roles.length, 0));
    expect(
      changesOf(back)
        .filter((c) => c.startsWith('gains'))
        .sort(),
    ).toEqual(
      changesOf(forward)
        .filter((c) => c.startsWith('loses'))
        .map((c) => c.replace(/^loses/, 'gains'))
        .sort(),
    );
  });

  it("on the bench's pair: the generated organization against the same with roles changed in 5 accounts", () => {
    const d = expectSameDiff(...benchPair(6));
    const name = (i: number) => `acct-${String(i).padStart(4, '0')}`;
    expect(d.roles.length).toBe(25);
    expect(d.roles.filter((r) => r.status !== 'changed').map((r) => `${r.status} ${r.role}`)).toEqual([
      ...[0, 1, 2, 3, 5].map((i) => `added ${name(i)}/gcp-reporting`),
      ...[0, 1, 2, 3, 5].map((i) => `removed ${name(i)}/vendor-access`),
    ]);
  });

  it('grows linearly: twice the accounts, about twice the cells evaluated (roles x identities: four times)', () => {
    const cost = (accounts: number) => {
      const role = jest.spyOn(AccessSweep.prototype, 'role');
      try {
        const [before, after] = benchPair(accounts);
        expect(diffAccess(before, after).roles.length).toBe(25);
        const identities = unionIdentities(deriveIdentities(before.model), deriveIdentities(after.model)).length;
        const roles = role.mock.calls.length;
        return { evaluated: role.mock.results.reduce((n, r) => n + (r.value as { evaluated: number }).evaluated, 0), checks: roles * identities };
      } finally {
        role.mockRestore();
      }
    };
    const [small, large] = [cost(20), cost(40)];
    expect(large.checks / small.checks).toBeGreaterThan(3.5);
    expect(large.evaluated / small.evaluated).toBeLessThanOrEqual(2.1);
    expect(large.evaluated * 100).toBeLessThan(large.checks);
  });

  it('on random spec pairs with every trust type, policies widened, narrowed or broken at random', () => {
    const seen = new Set<string>();
    let compared = 0;
    fc.assert(
      fc.property(pairArb, (pair) => {
        const sides = sidesOf(pair);
        if (!sides) return;
        compared++;
        const d = expectSameDiff(...sides);
        for (const r of d.roles) {
          seen.add(r.status);
          for (const c of r.changes) seen.add(c.change);
        }
      }),
      { numRuns: 150 },
    );
    // The pairs did exercise the comparison (the resolver refuses about half of them): every kind of change and status came up.
    expect(compared).toBeGreaterThanOrEqual(30);
    expect([...seen].sort()).toEqual(['added', 'changed', 'gains', 'loses', 'removed', 'undecidable']);
  });
});

describe('a broken index', () => {
  it('that does not look up a `*` principal under every caller makes the comparison fail, on the example and on random pairs', () => {
    const matchCallers = PrincipalIndex.prototype.matchCallers;
    const broken = jest.spyOn(PrincipalIndex.prototype, 'matchCallers').mockImplementation(function (this: PrincipalIndex, lookup: Lookup) {
      return lookup.principals.includes('*') ? [] : matchCallers.call(this, lookup);
    });
    try {
      expect(() => expectSameDiff(side(defaultModel), editedDefault())).toThrow();
      const run = fc.check(
        fc.property(pairArb, (pair) => {
          const sides = sidesOf(pair);
          if (sides) expectSameDiff(...sides);
        }),
        { numRuns: 100, seed: 14, endOnFailure: true },
      );
      expect(run.failed).toBe(true);
    } finally {
      broken.mockRestore();
    }
    // Restored, the same example passes again.
    expect(() => expectSameDiff(side(defaultModel), editedDefault())).not.toThrow();
  });
});
