/**
 * `npm run test:unit`: the inner loop, in seconds. Every suite except those that start Terraform, a CDK
 * CLI, an S3 server, mount(8), Chromium or a killed CLI process, and the long property sweeps. `npm test` runs
 * everything, these included.
 */
const base = require('./jest.config.js');

/** Suites that run Terraform, the cdktf or cdktn CLI, s3rver, mount, Chromium, or the bundled CLI many times. */
const external = [
  'access-html-chromium',
  'brownfield-roundtrip',
  'cdktf-diff-offline',
  'cdktn',
  'cli-bundle-access',
  'cli-env-failures',
  'drop-account-cdktf',
  'e2e-terraform',
  'exact-conditions-terraform',
  'modules-e2e',
  'output-swap-crash',
  'pod-identity-terraform',
  's3-backend',
  'same-bytes-locale',
  'terraform-literals-e2e',
];

/** Property sweeps of hundreds of random specs, and the second-opinion evaluator over every cell. */
const sweeps = ['access-diff-sweep', 'access-second-opinion', 'access-sweep', 'spec-fuzz'];

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', ...[...external, ...sweeps].map((n) => `/__tests__/${n}\\.test\\.ts$`)],
};
