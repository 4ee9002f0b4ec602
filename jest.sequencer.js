/**
 * Slowest suites first, so that the two workers finish together. Jest orders by the duration each suite
 * took in the last run it cached (`perf-cache` in its cache directory) and, with no such entry, by file
 * size, which runs the short files that start Terraform or a CDK CLI last in a fresh clone (CI): the run
 * then ends with one worker idle for the length of the last of them. Here a suite jest has no duration
 * for takes the one below, in seconds, alone on an idle 2-core machine; a suite in neither runs after
 * these, largest file first. Update a number when a suite's time moves by more than a few seconds.
 *
 * The suites that share one Terraform plan (__tests__/helpers/terraform/shared-plan.ts): the first of
 * shared-plan-parts.json in the run goes first and plans every part; the others run after the
 * `PLAN_HEAD_START` slowest other suites, when the plan is done, so that no worker waits for it.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { basename } = require('node:path');

const SHARED_PLAN_PARTS = Object.keys(require('./__tests__/helpers/terraform/shared-plan-parts.json'));
/** About a minute of the other worker's time (the shared plan takes about 25 s alone on an idle machine). */
const PLAN_HEAD_START = 6;

const SECONDS = {
  'modules-e2e': 30,
  'cdk-clis': 19,
  'output-swap-crash': 14,
  'brownfield-roundtrip': 13,
  's3-backend': 12,
  'cdktf-diff-offline': 12,
  'access-second-opinion': 10,
  'e2e-terraform': 10,
  'spec-fuzz': 9,
  'access-diff-sweep': 7,
  'engine-parity': 7,
  'staged-outdir': 6,
  'pod-identity-terraform': 6,
  'terraform-literals-e2e': 5,
  'readme-and-summary': 5,
  'same-bytes-locale': 5,
  'brownfield-plan': 4,
};

const name = (t) => basename(t.path, '.test.ts');

class SlowFirst extends Sequencer {
  sort(tests) {
    // Which parts this run holds: only theirs are planned (the workers inherit the variable).
    const names = new Set(tests.map(name));
    const parts = SHARED_PLAN_PARTS.filter((n) => names.has(n));
    process.env.XACCT_SHARED_PLAN_PARTS = parts.join(',');
    const ordered = super.sort(tests);
    const rank = new Map(ordered.map((t, i) => [t, i]));
    const known = (t) => (t.duration != null ? t.duration : (SECONDS[name(t)] ?? -1) * 1000);
    const sorted = [...ordered].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      return failed !== 0 ? failed : known(b) - known(a) || rank.get(a) - rank.get(b);
    });
    if (parts.length < 2) return sorted;
    const planner = sorted.find((t) => name(t) === parts[0]);
    const sharers = sorted.filter((t) => t !== planner && parts.includes(name(t)));
    const others = sorted.filter((t) => !parts.includes(name(t)));
    return [planner, ...others.slice(0, PLAN_HEAD_START), ...sharers, ...others.slice(PLAN_HEAD_START)];
  }
}

module.exports = SlowFirst;
