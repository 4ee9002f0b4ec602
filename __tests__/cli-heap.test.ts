/**
 * The CLI's heap governor (src/cli/heap.ts). Each case starts from a collected heap (this test's own
 * full collection, V8's `gc` as the governor gets it), holds a large array through one turn of the event
 * loop, lets it go, and calls the governor: only a full collection frees an unreachable array that big
 * (it lives in V8's large-object space, which scavenges never free), so whether the array's weak
 * reference is cleared says whether the governor collected.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { heapGovernor, QUIET_CALLS } from '../src/cli/heap';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const MiB = 2 ** 20;
const used = () => getHeapStatistics().used_heap_size;

/** A governor past its quiet calls: it has read the heap and set its budget. */
function armed() {
  const govern = heapGovernor();
  for (let i = 0; i < QUIET_CALLS; i++) govern();
  return govern;
}

/** An array of about `mib` MiB, held until the returned function lets it go. */
async function heldArray(mib: number) {
  let held: number[] | undefined = new Array<number>((mib * MiB) / 8).fill(0.5);
  const ref = new WeakRef(held);
  // A weak reference's target is kept through the turn that made it: the next turn can free it.
  await new Promise((r) => setImmediate(r));
  return { ref, release: () => (held = undefined) };
}

describe('heapGovernor', () => {
  beforeEach(() => collect());

  it('GIVEN a heap within its budget WHEN called THEN nothing is collected: an unreachable old array stays until V8 decides', async () => {
    const govern = armed();
    const { ref, release } = await heldArray(2);
    release();
    govern();
    expect(ref.deref()).toBeDefined();
  });

  it('GIVEN the heap grown past its budget WHEN called THEN a full collection frees the unreachable array and the heap shrinks', async () => {
    const govern = armed();
    // The budget allows a quarter of the live heap, at most 160 MiB, and 24 MiB more: 200 MiB is past it.
    const { ref, release } = await heldArray(200);
    release();
    const grown = used();
    govern();
    expect(ref.deref()).toBeUndefined();
    expect(used()).toBeLessThan(grown - 150 * MiB);
  });

  it('GIVEN a governor called fewer times than its quiet calls WHEN the heap has grown past any budget THEN it does not collect', async () => {
    const govern = heapGovernor();
    govern(); // one call before the heap grows: a governor that read the heap here would collect below
    const { ref, release } = await heldArray(200);
    release();
    for (let i = 0; i < QUIET_CALLS - 2; i++) govern();
    expect(ref.deref()).toBeDefined();
  });
});
