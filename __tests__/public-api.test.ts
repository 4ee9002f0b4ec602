/** The package's public API (src/index.ts) is a deliberate, short list: a name added or lost here is a decision. */
import * as api from '../src';

test('GIVEN src/index.ts WHEN loaded THEN it exports exactly the documented entry points, each usable', () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      'RULES',
      'SpecError',
      'buildMatrix',
      'defineSpec',
      'diffMatrices',
      'evaluateAssumeRole',
      'evaluatePolicies',
      'evaluatePolicy',
      'lintIdentityPolicy',
      'lintTrustPolicy',
      'loadSpec',
      'loadSpecFile',
      'parseSpecYaml',
      'runExplain',
      'synthesize',
      'validateSpec',
    ].sort(),
  );
  for (const [name, value] of Object.entries(api)) expect([name, typeof value === 'function' || Array.isArray(value)]).toEqual([name, true]);
});
