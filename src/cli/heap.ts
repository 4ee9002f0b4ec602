/**
 * Keeps a long synth's heap near what it really holds. Between two full
 * collections V8 lets the old generation grow to up to four times what the
 * last one left alive; a synth allocates fast, holds little per account, and
 * exits, so that slack was most of its peak memory (bench/README.md,
 * round 4). The CLI hands {@link heapGovernor}'s function to synth as
 * its progress hook (`SynthOptions.onProgress`): called after each role is
 * proved and each file is queued, it collects when the heap has grown by a
 * quarter (at most {@link MAX_GROWTH_BYTES}), and by {@link SLACK_BYTES}, since
 * the last collection; told that a step has just let go of a large structure
 * (`'released'`: the access proof's sweep, before the reports are made), it
 * collects unless the heap is within the slack, so the reports' text is not
 * piled on top of the sweep's garbage.
 *
 * Only the CLI does this: it is the whole process. The library never sets a
 * flag of V8 in a user's process.
 */
/** How much of what the last collection left alive the heap may grow by before the next one. */
const GROWTH = 1.25;
/** That growth at most: at 5000 accounts a quarter of the live heap is 250 MiB, and the peak's spread between runs grew with it. */
const MAX_GROWTH_BYTES = 160 * 2 ** 20;
/** Growth allowed beyond that: a small heap is never collected for growing by a few MiB. */
const SLACK_BYTES = 24 * 2 ** 20;
/**
 * Calls before the heap is looked at: a synth of fewer roles and files never grows a heap worth
 * collecting, and does not pay for loading `node:v8` (1.7 ms of the default example's 40).
 */
export const QUIET_CALLS = 1000;

/** The heap's budget, from what the last collection left alive. */
const budgetAfter = (live: number) => live + Math.min((GROWTH - 1) * live, MAX_GROWTH_BYTES) + SLACK_BYTES;

/** A function to call between units of work (with `'released'` after a large structure was let go); it collects the garbage when the heap has grown past its budget. */
export function heapGovernor(): (event?: 'released') => void {
  let calls = 0;
  let used: (() => number) | undefined;
  let gc: (() => void) | undefined;
  let budget = 0;
  return (event) => {
    if (++calls < QUIET_CALLS) return;
    if (!used) {
      const { getHeapStatistics } = require('node:v8') as typeof import('node:v8');
      used = () => getHeapStatistics().used_heap_size;
      budget = budgetAfter(used());
    }
    // After a step let go of a large structure, anything beyond the slack is worth collecting now.
    if (used() <= (event === 'released' ? SLACK_BYTES : budget)) return;
    // Made on first need: a spec that never outgrows its budget never pays for the context.
    gc ??= exposedGc();
    gc();
    budget = budgetAfter(used());
  };
}

/** V8's full collection, from a fresh context made after `--expose-gc` is set (the flag applies to contexts made after it). */
function exposedGc(): () => void {
  const { setFlagsFromString } = require('node:v8') as typeof import('node:v8');
  const { runInNewContext } = require('node:vm') as typeof import('node:vm');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
