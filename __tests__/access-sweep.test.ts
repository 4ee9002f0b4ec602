/**
 * Soundness of the indexed sweep: on both examples and on random specs with
 * every trust type (and trust policies mutated to be broader, narrower or
 * unreadable than the spec says), the sweep's cells equal the brute-force
 * matrix cell for cell: every notable cell is there, the same, and every cell
 * it left out is one the brute force denies, as expected.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { buildMatrix, isNotable, summarize } from '../src/access/proof/matrix';
import { policySetFromModel, type PolicySet } from '../src/access/evaluate/policy-set';
import { readSynthStacks } from '../src/access/sources/synth-reader';
import { AccessSweep } from '../src/access/proof/sweep';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { validateSpec } from '../src/input/load';
import { loadSpec } from '../src/synth';
import { synthTo } from './helpers/synth';
import { generateSpec } from '../bench/spec-gen';
import { mutatedPolicies, mutationArb, resolveOrSkip, specArb } from './helpers/access-arbitraries';

function expectSound(model: Model, policies: PolicySet): { evaluated: number; checks: number } {
  const brute = buildMatrix(model, policies);
  const sweep = new AccessSweep(model, policies);
  const identities = new Map(brute.identities.map((i) => [i.id, i]));
  const results = [...sweep.results()];
  const swept = results.flatMap((r) => r.cells);
  const notable = brute.cells.filter((c) => isNotable(c, identities.get(c.identity)!));
  expect(swept).toEqual(notable);
  for (const c of brute.cells) if (!isNotable(c, identities.get(c.identity)!)) expect([c.expected, c.actual, c.ok]).toEqual(['deny', 'deny', true]);
  expect(summarize(swept, sweep.checks)).toEqual(brute.summary);
  return { evaluated: results.reduce((n, r) => n + r.evaluated, 0), checks: sweep.checks };
}

describe('the indexed sweep equals the brute force', () => {
  it('on the default example, from the model and from synthesized stacks, evaluating fewer cells', () => {
    const model = resolveModel(loadSpec(''));
    const { evaluated, checks } = expectSound(model, policySetFromModel(model));
    expect(evaluated).toBeLessThan(checks / 2);
    expectSound(model, readSynthStacks(synthTo(undefined).outdir));
  });

  it('on the presets example', () => {
    const file = join(__dirname, '..', 'examples', 'presets', 'spec.yaml');
    const model = resolveModel(validateSpec(parse(readFileSync(file, 'utf8')), file));
    expectSound(model, policySetFromModel(model));
  });

  it("grows linearly on the bench's organizations: twice the accounts, twice the evaluations (the brute force: four times the checks)", () => {
    const sweepOf = (accounts: number) => {
      const model = resolveModel(validateSpec(generateSpec(accounts), 'org.yaml'));
      const sweep = new AccessSweep(model, policySetFromModel(model));
      return { evaluated: [...sweep.results()].reduce((n, r) => n + r.evaluated, 0), checks: sweep.checks };
    };
    const [small, large] = [sweepOf(20), sweepOf(40)];
    expect(large.checks / small.checks).toBeGreaterThan(3.5);
    expect(large.evaluated / small.evaluated).toBeLessThanOrEqual(2.1);
  });

  it('on random specs with every trust type, their policies widened, narrowed or broken at random', () => {
    fc.assert(
      fc.property(specArb, fc.array(mutationArb, { maxLength: 4 }), (input, mutations) => {
        const model = resolveOrSkip(input);
        if (model) expectSound(model, mutatedPolicies(model, mutations));
      }),
      { numRuns: 60 },
    );
  });
});
