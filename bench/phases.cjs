#!/usr/bin/env node
// Bundles bench/phases.ts as the CLI is bundled (esbuild, one file) and runs it: see that file.
const { buildSync } = require('esbuild');
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = mkdtempSync(join(tmpdir(), 'phases-'));
try {
  const outfile = join(dir, 'phases.js');
  buildSync({ entryPoints: [join(__dirname, 'phases.ts')], bundle: true, platform: 'node', target: 'node20', outfile, logLevel: 'error' });
  execFileSync(process.execPath, [...process.execArgv, outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
