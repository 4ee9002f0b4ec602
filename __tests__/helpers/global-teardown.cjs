/** jest's globalTeardown: removes the run's folder (global-setup.cjs). */
'use strict';
const { rmSync } = require('node:fs');

module.exports = function teardown() {
  const dir = process.env.XACCT_TEST_RUN_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
