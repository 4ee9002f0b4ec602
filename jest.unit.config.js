/**
 * `npm run test:unit`: the inner loop. Every suite except those that run Terraform, the cdktf or
 * cdktn CLI, an S3 server or Chromium (those stay in `npm test`, which runs everything).
 */
const base = require('./jest.config.js');

/** The suites that start Terraform, a CDK CLI, s3rver or Chromium. */
const external = [
  'access-html-chromium',
  'brownfield-roundtrip',
  'cdktf-diff-offline',
  'cdktn',
  'e2e-terraform',
  'modules-e2e',
  'pod-identity-terraform',
  's3-backend',
];

module.exports = { ...base, testPathIgnorePatterns: ['/node_modules/', ...external.map((n) => `/__tests__/${n}\\.test\\.ts$`)] };
