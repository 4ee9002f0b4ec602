/**
 * `assumeDecision` (src/access/evaluate/assume-role.ts) builds what
 * `{ ...d, trust, notes: [], ...(rcp ? { rcp } : {}), ...extra }` gives, without the spread:
 * the same keys, in the same order, with the same values, for every shape a decision takes.
 */
import { assumeDecision } from '../src/access/evaluate/assume-role';
import type { Decision } from '../src/access/evaluate/evaluate';

const ref = { policy: 'trust', index: 0, sid: 'S' };
const statements = [{ ...ref, effect: 'Allow' as const, applies: 'yes' as const, detail: 'x' }];
/** Every shape evaluatePolicies and evaluateAssumeRole give a decision, one with a deciding statement left undefined. */
const shapes: Decision[] = [
  { verdict: 'cannot-decide', reason: 'problems', statements },
  { verdict: 'deny', denial: 'explicit', deciding: ref, reason: 'explicit', statements },
  { verdict: 'cannot-decide', deciding: ref, reason: 'maybe', statements },
  { verdict: 'allow', deciding: ref, viaAccount: undefined, reason: 'allows', statements },
  { verdict: 'allow', deciding: ref, viaAccount: true, reason: 'allows via account', statements },
  { verdict: 'deny', denial: 'implicit', reason: 'nothing', statements },
  { verdict: 'cannot-decide', deciding: undefined, reason: 'trust allows, unread', statements },
  { verdict: 'deny', denial: 'implicit', deciding: ref, reason: 'no identity policy', statements },
];
const identity: Decision = { verdict: 'allow', deciding: ref, reason: 'identity allows', statements };
const extras = [
  {},
  { identity: undefined },
  { identity },
  { identity, reason: 'r' },
  { identity, identityStatement: ref, reason: 'both' },
  { identity, notes: ['assumed'] },
  { reason: 'rcp' },
];

describe('assumeDecision', () => {
  test.each(shapes.map((d, i) => [i, d] as const))(
    'GIVEN decision shape %i WHEN combined with each extra, with and without RCPs THEN it equals the spread, key order included',
    (_, d) => {
      const trust = shapes[3];
      for (const rcp of [undefined, shapes[1]]) {
        for (const extra of extras) {
          const spread = { ...d, trust, notes: [], ...(rcp ? { rcp } : {}), ...extra };
          const built = assumeDecision(d, trust, rcp, extra);
          expect(Object.keys(built)).toEqual(Object.keys(spread));
          expect(built).toStrictEqual(spread);
        }
      }
    },
  );
});
