/**
 * `npm run test:unit`: the inner loop, in seconds. Every suite except those that start Terraform, a CDK
 * CLI, tools/cdktn's Node 22, an S3 server, mount(8), Chromium or a killed CLI process, and the long property
 * sweeps. `npm test` runs everything, these included; .ci/run runs this on Node 22 and Node 24.
 */
const base = require('./jest.config.js');

/** Suites that run Terraform, the cdktf or cdktn CLI, tools/cdktn's Node 22, s3rver, mount, Chromium, child synth processes or synth's worker thread, build the CLI bundle, or load a CDK engine. */
const external = [
  'access-html-chromium',
  'brownfield-roundtrip',
  'brownfield-terraform-plan',
  'cdk-clis',
  'cdktf-diff-offline',
  'cli-bundle-access',
  'cli-code-cache',
  'cli-env-failures',
  'e2e-terraform',
  'engine-parity',
  'guardrails-terraform',
  'modules-e2e',
  'output-swap-crash',
  'pod-identity-terraform',
  'readme-and-summary',
  'provider6-parity',
  's3-backend',
  'same-bytes-locale',
  'staged-outdir',
  'synth-account-worker',
  'terraform-literals-e2e',
];

/**
 * Property sweeps of hundreds of random specs, the second-opinion evaluator over every cell, the 200-role estate
 * (its import and adoption plan), both partitions' exports imported and synthesized, and the stress cases (a 1 MiB
 * suppression reason over 30 roles, the tree writer past its back-pressure limit).
 */
const sweeps = [
  'access-diff-sweep',
  'access-every-condition',
  'access-second-opinion',
  'access-sweep',
  'brownfield-coverage',
  'brownfield-plan',
  'explain-presets',
  'import-partitions',
  'spec-fuzz',
  'suppression-reason-cap',
  'write-tree',
];

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...[...external, ...sweeps].map((n) => `/__tests__/${n}\\.test\\.ts$`)],
};
