/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // swc strips types only; `npm run typecheck` (tsc --noEmit) checks them once in CI.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // zod's locales namespace loaded lazily, not all 60-odd locales in every test file (__tests__/helpers/zod-locales.cjs).
  moduleNameMapper: { '^\\.\\./locales/index\\.cjs$': '<rootDir>/__tests__/helpers/zod-locales.cjs' },
  testTimeout: 120000,
  // Two workers on these 2-core machines (jest's default leaves one core idle): the Terraform suites
  // spend most of their time in Terraform and provider processes, which overlap with the others.
  maxWorkers: 2,
  // Slowest suites first, also in a fresh clone where jest has no timings of its own (jest.sequencer.js).
  testSequencer: '<rootDir>/jest.sequencer.js',
  // A folder per run, where the suites that plan module roots share one Terraform plan (helpers/terraform/shared-plan.ts).
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.cjs',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.cjs',
};
