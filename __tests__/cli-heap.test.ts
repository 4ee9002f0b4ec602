/**
 * The CLI's heap governor (src/cli/heap.ts): past its quiet calls and under its budget it does nothing;
 * past its budget, it runs a full collection, which frees what only a full collection frees (an object in
 * the old generation).
 */
import { getHeapStatistics } from 'node:v8';
import { heapGovernor, QUIET_CALLS } from '../src/cli/heap';

/** A governor past its quiet calls: it has read the heap and set its budget. */
function armed() {
  const govern = heapGovernor();
  for (let i = 0; i < QUIET_CALLS; i++) govern();
  return govern;
}

/** An array of about `mib` MiB, in V8's large-object space (old generation): scavenges never free it. */
const bigArray = (mib: number) => new Array<number>((mib * 2 ** 20) / 8).fill(0.5);

describe('heapGovernor', () => {
  it('GIVEN a heap within its budget WHEN called THEN nothing is collected: an unreachable old object stays until V8 decides', async () => {
    const govern = armed();
    let ref: WeakRef<number[]> | undefined = new WeakRef(bigArray(1));
    await new Promise((r) => setImmediate(r)); // WeakRef targets are kept through the job that made them
    govern();
    // 1 MiB is far below the quarter and 24 MiB of growth the budget allows: no collection, so the array is still there.
    expect(ref.deref()).toBeDefined();
    ref = undefined;
  });

  it('GIVEN the heap grown past its budget WHEN called THEN a full collection frees the unreachable old object and the heap shrinks', async () => {
    const govern = armed();
    const before = getHeapStatistics().used_heap_size;
    const ref = new WeakRef(bigArray(Math.ceil((0.3 * before) / 2 ** 20) + 40));
    await new Promise((r) => setImmediate(r));
    const grown = getHeapStatistics().used_heap_size;
    expect(grown).toBeGreaterThan(1.25 * before + 24 * 2 ** 20);
    govern();
    expect(ref.deref()).toBeUndefined();
    expect(getHeapStatistics().used_heap_size).toBeLessThan(grown - 30 * 2 ** 20);
  });
});
