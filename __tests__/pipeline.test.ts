/**
 * src/pipeline.ts: load -> resolve -> check -> describe, run by synth and AccountStack alike. The model is
 * final when it leaves the resolver: the check (the lint pack) reads it and changes nothing.
 */
import { join } from 'node:path';
import { isSpecError } from '../src/errors';
import { formatFinding, isBlocking, lintModel } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import type { Model } from '../src/model/types';
import { loadSpecFile, validateSpec } from '../src/input/load';
import { checkedSpec, checkSpec, loadSpec } from '../src/pipeline';
import { specWith } from './helpers/spec';

const EXAMPLES = join(__dirname, '..', 'examples');
/** A spec whose documents the resolver rewrites (an exact-match StringLike), so TRUST008 reports an auto-fix. */
const exactMatch = () =>
  validateSpec(
    specWith((s) => {
      s.accounts[0].roles[0].trust[0].conditions = [{ test: 'StringLike', key: 'aws:PrincipalTag/team', values: ['payments'] }];
    }),
    'spec.yaml',
  );

/** Freezes every object of a model, so that any write to it throws (the suites run in strict mode). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('GIVEN the examples and a spec the resolver rewrites', () => {
  const specs = [
    ['default', () => loadSpec()],
    ['presets', () => loadSpecFile(join(EXAMPLES, 'presets', 'spec.yaml'))],
    ['eks-cross-account', () => loadSpecFile(join(EXAMPLES, 'eks-cross-account', 'spec.yaml'))],
    ['exact match', exactMatch],
  ] as const;

  it.each(specs)('%s: WHEN the lint pack runs on a frozen model THEN it writes nothing to it, and returns findings only', (_, load) => {
    const model: Model = deepFreeze(resolveModel(load()));
    const before = structuredClone(model);
    const report = lintModel(model);
    expect(Object.keys(report)).toEqual(['findings']);
    expect(model).toEqual(before);
  });

  it.each(specs)('%s: WHEN checked THEN the model is the resolver’s, and every finding but errors is logged once, in order', (_, load) => {
    const loaded = load();
    const lines: string[] = [];
    const checked = checkSpec(loaded, (t) => lines.push(t));
    expect(checked.loaded).toBe(loaded);
    expect(checked.model).toEqual(resolveModel(loaded));
    expect(checked.findings.filter(isBlocking)).toEqual([]);
    expect(lines).toEqual(checked.findings.map((f) => `${formatFinding(f)}\n`));
  });
});

describe('GIVEN a spec with a lint error', () => {
  const vendor = () =>
    validateSpec(
      specWith((s) => s.accounts[0].roles.push({ name: 'vendor', trust: [{ type: 'aws-role', role: 'arn:aws:iam::999999999999:role/vendor' }] })),
      'spec.yaml',
    );

  it('WHEN checked THEN a SpecError names the finding with its fix, and nothing is logged for it', () => {
    const lines: string[] = [];
    let thrown: unknown;
    try {
      checkSpec(vendor(), (t) => lines.push(t));
    } catch (e) {
      thrown = e;
    }
    expect(isSpecError(thrown)).toBe(true);
    const problems = (thrown as { problems: { ruleId?: string; path: string; fix: string }[] }).problems;
    expect(problems.map((p) => [p.ruleId, p.path])).toEqual([['TRUST015', 'accounts[0].roles[1].trust[0]']]);
    expect(problems[0].fix).not.toBe('');
    expect(lines.some((l) => l.includes('TRUST015'))).toBe(false);
  });
});

describe('GIVEN one spec object and several stacks of it', () => {
  it('WHEN each asks the pipeline THEN the spec is loaded, resolved and checked once', () => {
    const spec = specWith(() => undefined);
    const first = checkedSpec(spec);
    expect(checkedSpec(spec)).toBe(first);
    expect(first.loaded.file).toBe('<AccountStack>');
  });

  it('WHEN synth has checked the loaded spec THEN a stack of it takes that check, not a new one', () => {
    const loaded = loadSpec();
    const checked = checkSpec(loaded);
    expect(checkedSpec(loaded)).toBe(checked);
    // A spec object the pipeline has not seen is checked anew.
    expect(checkedSpec(loadSpec())).not.toBe(checked);
  });
});
