/**
 * The default example's full access matrix (10 roles × 45 identities), held to
 * the hand-written table in helpers/access-expected.ts, for the policies of
 * the model and for the policies read back from the synthesized stacks.
 */
import { buildMatrix, type AccessMatrix } from '../src/access/proof/matrix';
import { policySetFromModel } from '../src/access/evaluate/policy-set';
import { readSynthStacks } from '../src/access/sources/synth-reader';
import { resolveModel } from '../src/model/resolve';
import { loadSpec } from '../src/synth';
import { CROSS_ACCOUNT_DECIDING, DEFAULT_ALLOWED, DEFAULT_IDENTITIES, expectedTable } from './helpers/access-expected';
import { synthTo } from './helpers/synth';

const model = resolveModel(loadSpec(''));

const table = (m: AccessMatrix, field: 'actual' | 'expected') => {
  const out: Record<string, Record<string, string>> = {};
  for (const c of m.cells) (out[c.role] ??= {})[c.identity] = c[field];
  return out;
};

describe('GIVEN the default example', () => {
  const fromModel = buildMatrix(model, policySetFromModel(model));

  it('THEN the identities are every declared workload and its near-misses, in spec order', () => {
    expect(fromModel.identities.map((i) => i.id)).toEqual(DEFAULT_IDENTITIES);
  });

  it('THEN the spec means exactly the hand-written table', () => {
    expect(table(fromModel, 'expected')).toEqual(expectedTable());
  });

  it("THEN the model's policies give exactly the hand-written table, every role × every identity", () => {
    expect(fromModel.roles.map((r) => r.key)).toEqual(Object.keys(DEFAULT_ALLOWED));
    expect(table(fromModel, 'actual')).toEqual(expectedTable());
    expect(fromModel.summary).toEqual({ cells: 450, expectedAllow: 15, allowed: 15, failures: 0, cannotDecide: 0 });
  });

  it('THEN every allow names its deciding statement, and cross-account allows also the grant', () => {
    for (const c of fromModel.cells.filter((x) => x.actual === 'allow')) {
      const crossAccount = c.role === 'raw-data/airflow-emr' || c.role === 'data-query/airflow-athena';
      expect([c.role, c.identity, c.deciding]).toEqual([c.role, c.identity, crossAccount ? CROSS_ACCOUNT_DECIDING : 'trust S0']);
    }
  });

  it('THEN every near-miss derived from a role is denied by that role for the reason it was made for', () => {
    const reasons: Record<string, RegExp> = {
      'other-environment': /StringLike .*:sub: "system:serviceaccount:prod:/,
      'prefix-project': /StringLike .*:sub: ".*-extra-/,
      'other-namespace': /StringEquals .*:sub: "system:serviceaccount:default:/,
      'other-service-account': /StringEquals .*:sub: ".*:default"/,
      'wrong-aud': /:aud: ".*" does not match/,
      'missing-aud': /:aud: key absent/,
      'missing-sub': /:sub: key absent/,
      'other-provider': /is not named in the Principal/,
      'other-account': /999999999999.* is not named in the Principal/,
      'other-service': /Service ec2.amazonaws.com is not named/,
    };
    let checked = 0;
    for (const identity of fromModel.identities) {
      for (const o of identity.origins) {
        const cell = fromModel.cells.find((c) => c.role === o.role && c.identity === identity.id)!;
        if (cell.expected === 'allow') continue;
        expect([o.role, o.variant, cell.actual]).toEqual([o.role, o.variant, 'deny']);
        expect(cell.reason).toMatch(reasons[o.variant]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('WHEN the policies are read back from the synthesized stacks THEN the matrix is the same', () => {
    const synth = synthTo(undefined);
    const fromStacks = buildMatrix(model, readSynthStacks(synth.outdir));
    expect(table(fromStacks, 'actual')).toEqual(expectedTable());
    expect(fromStacks.cells.map((c) => c.deciding)).toEqual(fromModel.cells.map((c) => c.deciding));
  });
});
