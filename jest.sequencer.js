/**
 * Slowest suites first, so that the two workers finish together. Jest orders by the duration each suite
 * took in the last run it cached (`perf-cache` in its cache directory) and, with no such entry, by file
 * size, which runs the short files that start Terraform or a CDK CLI last in a fresh clone (CI): the run
 * then ends with one worker idle for the length of the last of them. Here a suite jest has no duration
 * for takes the one below, in seconds, alone on an idle 2-core machine; a suite in neither runs after
 * these, largest file first. Update a number when a suite's time moves by more than a few seconds.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** The suites that share one Terraform plan (`SHARED_PLAN_PARTS` in __tests__/helpers/terraform/shared-plan.ts). */
const SHARED_PLAN_PARTS = [
  'e2e-terraform',
  'modules-e2e',
  'terraform-literals-e2e',
  'guardrails-terraform',
  'pod-identity-terraform',
  'brownfield-terraform-plan',
];
const { basename } = require('node:path');

const SECONDS = {
  'e2e-terraform': 20,
  'cdk-clis': 19,
  'terraform-literals-e2e': 15,
  'output-swap-crash': 14,
  'pod-identity-terraform': 14,
  'brownfield-roundtrip': 13,
  'modules-e2e': 13,
  's3-backend': 12,
  'cdktf-diff-offline': 12,
  'brownfield-terraform-plan': 11,
  'access-second-opinion': 10,
  'spec-fuzz': 9,
  'access-diff-sweep': 7,
  'engine-parity': 7,
  'staged-outdir': 6,
  'readme-and-summary': 5,
  'same-bytes-locale': 5,
  'brownfield-plan': 4,
};

class SlowFirst extends Sequencer {
  sort(tests) {
    // Which of them this run holds: the first to need the plan plans their parts, and only theirs (inherited by the workers).
    const names = new Set(tests.map((t) => basename(t.path, '.test.ts')));
    process.env.XACCT_SHARED_PLAN_PARTS = SHARED_PLAN_PARTS.filter((n) => names.has(n)).join(',');
    const ordered = super.sort(tests);
    const rank = new Map(ordered.map((t, i) => [t, i]));
    const known = (t) => (t.duration != null ? t.duration : (SECONDS[basename(t.path, '.test.ts')] ?? -1) * 1000);
    return [...ordered].sort((a, b) => {
      const failed = Number(this.hasFailed(b)) - Number(this.hasFailed(a));
      return failed !== 0 ? failed : known(b) - known(a) || rank.get(a) - rank.get(b);
    });
  }
}

module.exports = SlowFirst;
