/**
 * `npm run test:unit`: the inner loop. Every suite except those that run Terraform, the cdktf or
 * cdktn CLI, or an S3 server (those stay in `npm test`, which runs everything).
 */
const base = require('./jest.config.js');

/** The suites that start Terraform, a CDK CLI or s3rver. */
const external = [
  'brownfield-roundtrip',
  'brownfield-terraform-plan',
  'cdktf-diff-offline',
  'cdktn',
  'e2e-terraform',
  'modules-e2e',
  'pod-identity-terraform',
  's3-backend',
];

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/', ...external.map((n) => `/__tests__/${n}\\.test\\.ts$`)] };
