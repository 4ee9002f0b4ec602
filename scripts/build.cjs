#!/usr/bin/env node
/**
 * Builds what the published package runs (`npm run build`; `npm pack` and
 * `npm publish` run it through `prepack`), into dist/ (git-ignored):
 *   dist/cli.js            the `cross-account-iam` executable: src/cli/bin.ts and what it
 *                          imports, one esbuild bundle (types stripped, not checked)
 *   dist/account-worker.js the thread a large synth writes the accounts' files on
 *                          (src/output/account-worker.ts; without it, synth uses one thread)
 *   dist/index.js          the TypeScript API (src/index.ts), bundled the same way
 *   dist/cdktf.js          `cross-account-iam/cdktf`: AccountStack for cdktf (src/constructs/cdktf.ts)
 *   dist/cdktn.js          `cross-account-iam/cdktn`: AccountStack for cdktn (src/constructs/cdktn.ts)
 *   dist/types/            its declarations (tsc --emitDeclarationOnly)
 *   dist/spec.schema.json  the spec's JSON Schema (`cross-account-iam schema`)
 * Every package stays outside the bundles: yaml and zod are the dependencies,
 * installed beside the package; cdktf, cdktn, constructs and the provider
 * bindings are the app's (optional peer dependencies), loaded only by the two
 * entry points, and by the CLI for HCL stacks. No tsx at run time.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const esbuild = require('esbuild');

const ROOT = resolve(__dirname, '..');
const DIST = join(ROOT, 'dist');
const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // The dependencies (yaml, zod) are installed beside the package; the rest are the app's optional peers.
  external: ['yaml', 'zod', 'cdktf', 'cdktn', 'constructs', '@cdktf/*', '@cdktn/*'],
  logLevel: 'warning',
  legalComments: 'none',
};

/** The engines' entry points: `cross-account-iam/<engine>` (package.json `exports`). */
const ENGINES = ['cdktf', 'cdktn'];

/**
 * Bundles the CLI into `outfile` (the tests build a scaffolded project's copy with it, the bench its
 * executable), and beside it the account writer thread it starts, from the same sources: a worker
 * bundle older than the CLI's could write other bytes.
 */
function buildCli(outfile) {
  esbuild.buildSync({ ...common, entryPoints: ['src/cli/bin.ts'], outfile, banner: { js: '#!/usr/bin/env node' } });
  esbuild.buildSync({ ...common, entryPoints: ['src/output/account-worker-entry.ts'], outfile: join(dirname(outfile), 'account-worker.js') });
}

function buildAll() {
  for (const sub of ['cli.js', 'account-worker.js', 'index.js', ...ENGINES.map((e) => `${e}.js`), 'types', 'spec.schema.json'])
    rmSync(join(DIST, sub), { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  buildCli(join(DIST, 'cli.js'));
  esbuild.buildSync({ ...common, entryPoints: ['src/index.ts'], outfile: join(DIST, 'index.js') });
  for (const engine of ENGINES) esbuild.buildSync({ ...common, entryPoints: [`src/constructs/${engine}.ts`], outfile: join(DIST, `${engine}.js`) });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const schema = execFileSync(process.execPath, [join(DIST, 'cli.js'), 'schema'], { encoding: 'utf8' });
  writeFileSync(join(DIST, 'spec.schema.json'), schema);
  process.stderr.write('built dist/cli.js, dist/account-worker.js, dist/index.js, dist/cdktf.js, dist/cdktn.js, dist/types/, dist/spec.schema.json\n');
}

module.exports = { buildCli };
if (require.main === module) buildAll();
