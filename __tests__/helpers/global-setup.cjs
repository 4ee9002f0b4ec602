/**
 * jest's globalSetup: a folder for this run (XACCT_TEST_RUN_DIR, which the workers inherit), where the
 * suites share what one of them built for all (helpers/terraform/shared-plan.ts). global-teardown.cjs
 * removes it.
 */
'use strict';
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = function setup() {
  process.env.XACCT_TEST_RUN_DIR = mkdtempSync(join(tmpdir(), 'xacct-run-'));
};
