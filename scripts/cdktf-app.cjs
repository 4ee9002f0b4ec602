#!/usr/bin/env node
/**
 * The cdktf app (`cdktf.json` runs `node scripts/cdktf-app.cjs`): main.ts,
 * precompiled. esbuild bundles main.ts and what it imports into
 * dist/app/main.js (types are stripped, not checked: `npm run typecheck` does
 * that), and the bundle is rebuilt whenever a file that went into it, the
 * lockfile or the installed packages are newer than it. cdktf and the
 * provider bindings stay outside the bundle; the default engine never loads
 * them. Saves about half a second a synth over compiling on the fly with tsx.
 */
'use strict';
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'dist', 'app');
const BUNDLE = join(OUT, 'main.js');
const INPUTS = join(OUT, 'inputs.json');
/** Changes here mean other packages, whatever their files' dates (npm stamps them all 1985). */
const ALWAYS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json'];

function upToDate() {
  try {
    const built = statSync(BUNDLE).mtimeMs;
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8'));
    return [...ALWAYS, ...inputs].every((file) => {
      try {
        return statSync(join(ROOT, file)).mtimeMs <= built;
      } catch {
        return !ALWAYS.includes(file);
      }
    });
  } catch {
    return false;
  }
}

function build() {
  const esbuild = require('esbuild');
  mkdirSync(OUT, { recursive: true });
  const tmp = `.${process.pid}.tmp`;
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['main.ts'],
    outfile: BUNDLE + tmp,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['cdktf', 'cdktn', 'constructs', '@cdktf/*', '@cdktn/*'],
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(INPUTS + tmp, JSON.stringify(Object.keys(result.metafile.inputs)));
  // Concurrent synths each build their own copy, then rename: readers never see half a file.
  renameSync(BUNDLE + tmp, BUNDLE);
  renameSync(INPUTS + tmp, INPUTS);
}

if (!upToDate()) build();
require(BUNDLE);
