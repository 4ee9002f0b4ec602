/**
 * `npm run test:unit`: the inner loop. Every suite except those that run Terraform, the cdktf or
 * cdktn CLI, tools/cdktn's Node 22, or an S3 server (those stay in `npm test`, which runs everything).
 */
const base = require('./jest.config.js');

/** The suites that start Terraform, a CDK CLI, tools/cdktn's Node 22 or s3rver. */
const external = [
  'brownfield-roundtrip',
  'cdktf-diff-offline',
  'cdktn',
  'drop-account-cdktf',
  'e2e-terraform',
  'exact-conditions-terraform',
  'modules-e2e',
  'pod-identity-terraform',
  'provider6-parity',
  's3-backend',
  'terraform-literals-e2e',
];

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/', ...external.map((n) => `/__tests__/${n}\\.test\\.ts$`)] };
