#!/usr/bin/env node
/**
 * Builds what the published package runs (`npm run build`; `npm pack` and
 * `npm publish` run it through `prepack`), into dist/ (git-ignored):
 *   dist/cli.js            the `cross-account-iam` executable (src/cli/launcher.ts): runs
 *                          dist/cli-main.js through V8's code cache (src/cli/code-cache.ts)
 *   dist/cli-main.js       the CLI: src/cli/bin.ts and what it imports, yaml and zod
 *                          included, one esbuild bundle (types stripped, not checked;
 *                          without indentation or comments)
 *   dist/proof-thread.js   the thread a large synth proves access on
 *                          (src/access/proof-thread.ts; without it, synth uses one thread)
 *   dist/index.js          the TypeScript API (src/index.ts), bundled the same way
 *   dist/cdktf.js          `cross-account-iam/cdktf`: AccountStack for cdktf (src/constructs/cdktf.ts)
 *   dist/cdktn.js          `cross-account-iam/cdktn`: AccountStack for cdktn (src/constructs/cdktn.ts)
 *   dist/types/            its declarations (tsc --emitDeclarationOnly)
 *   dist/spec.schema.json  the spec's JSON Schema (`cross-account-iam schema`)
 * The library's bundles leave every package outside: yaml and zod are the
 * dependencies, installed beside the package. The CLI's bundle includes yaml
 * and zod (without zod's translations of its messages, which the CLI never
 * uses: it sets no locale), so that it starts from one file and one code cache
 * (bench/README.md, round 3). cdktf, cdktn, constructs and the provider
 * bindings are the app's (optional peer dependencies), loaded only by the two
 * entry points, and by the CLI for HCL stacks. No tsx at run time.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');
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

/** The app's packages: the CLI bundles its dependencies. */
const PEERS = common.external.filter((p) => p !== 'yaml' && p !== 'zod');

/**
 * zod's translations of its messages (`z.locales`, 390 KB), which the CLI never
 * loads: English, zod's default, is imported by zod's schemas themselves.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'without-zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * zod as one lazily run unit of the CLI's bundle. zod's package is ES modules,
 * which esbuild hoists into the bundle's top level: every run of the CLI paid
 * for their 500 functions and the 929 getters of their namespace objects,
 * although only a run that validates a spec file uses zod (input/late-code.ts).
 * So zod is bundled first on its own, into CommonJS (`unit`), which the CLI's
 * bundle holds as one `__commonJS` function, run when first required: 4 ms less
 * for the embedded example's synth under Node 22 (bench/README.md, round 6).
 * The sources import zod through one ES module (`facade`), whose exports are
 * {@link ZOD_EXPORTS}: zod's exports are copied into a namespace once, not once
 * per importing file (34 files: 8 ms more for a spec file's synth), and a name
 * the sources import that is not there fails the build ("No matching export"),
 * rather than being undefined at run time. To use another of zod's names, add
 * it to ZOD_EXPORTS.
 */
const ZOD_EXPORTS = "export { z } from 'zod';\n";
const zodAsOneUnit = {
  name: 'zod-as-one-unit',
  setup(build) {
    let unit;
    // The facade's own `from 'zod'` is the unit; every other is the facade.
    build.onResolve({ filter: /^zod$/ }, (args) => ({ path: args.namespace === 'zod-as-one-unit' ? 'unit' : 'facade', namespace: 'zod-as-one-unit' }));
    build.onLoad({ filter: /^facade$/, namespace: 'zod-as-one-unit' }, () => ({ contents: ZOD_EXPORTS, loader: 'js' }));
    build.onLoad({ filter: /^unit$/, namespace: 'zod-as-one-unit' }, async () => {
      unit ??= esbuild
        .build({
          ...common,
          external: [],
          stdin: { contents: ZOD_EXPORTS, resolveDir: ROOT, loader: 'js' },
          write: false,
          plugins: [withoutZodLocales],
        })
        .then((r) => r.outputFiles[0].text);
      return { contents: await unit, loader: 'js' };
    });
  },
};

/**
 * esbuild escapes every non-ASCII character of strings, regular expressions and
 * names, but keeps a few comments as written (two in zod and ours have a dash
 * or a times sign). Those become `\uXXXX` too, so the launcher can read the
 * bundle as Latin-1 (src/cli/code-cache.ts). Only when stripping the comments
 * gives the same program both ways: anything else stays as it was, and is read
 * as UTF-8.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  const escaped = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const program = (code) => esbuild.transformSync(code, { minifyWhitespace: true, charset: 'utf8', format: 'cjs', platform: 'node' }).code;
  if (program(escaped) === program(text)) writeFileSync(file, escaped);
}

/** The CLI's bundle beside an executable `outfile`: `cli.js` runs `cli-main.js`. */
const mainOf = (outfile) => join(dirname(outfile), `${basename(outfile, '.js')}-main.js`);

/**
 * Bundles the CLI into `outfile` and its bundle beside it ({@link mainOf}); the
 * tests build a scaffolded project's copy with it. esbuild's `build` (with
 * plugins) is asynchronous; the tests and the bench call this synchronously,
 * so the bundle is built in a child process.
 */
function buildCli(outfile) {
  execFileSync(process.execPath, [__filename, '--cli', outfile], { cwd: ROOT, stdio: 'inherit' });
}

async function buildCliNow(outfile) {
  const main = mainOf(outfile);
  await esbuild.build({
    ...common,
    external: PEERS,
    entryPoints: ['src/cli/bin.ts'],
    outfile: main,
    plugins: [zodAsOneUnit],
    // Without indentation and comments: 1.60 MB instead of 1.17 to read, and to copy into V8's heap, in every run.
    // Names stay, so a stack trace still says which function.
    minifyWhitespace: true,
  });
  asciiOnly(main);
  // The access proof thread, from the same sources: a worker bundle older than the CLI's could prove another model.
  await esbuild.build({
    ...common,
    external: PEERS,
    entryPoints: ['src/access/proof-thread-entry.ts'],
    outfile: join(dirname(outfile), 'proof-thread.js'),
    plugins: [zodAsOneUnit],
  });
  const hash = createHash('sha256').update(readFileSync(main)).digest('hex').slice(0, 16);
  await esbuild.build({
    ...common,
    entryPoints: ['src/cli/launcher.ts'],
    outfile,
    banner: { js: '#!/usr/bin/env node' },
    define: { CLI_MAIN: JSON.stringify(basename(main)), CLI_MAIN_HASH: JSON.stringify(hash) },
  });
}

async function buildAll() {
  for (const sub of [
    'cli.js',
    'cli-main.js',
    'account-worker.js',
    'proof-thread.js',
    'index.js',
    ...ENGINES.map((e) => `${e}.js`),
    'types',
    'spec.schema.json',
  ])
    rmSync(join(DIST, sub), { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  await buildCliNow(join(DIST, 'cli.js'));
  esbuild.buildSync({ ...common, entryPoints: ['src/index.ts'], outfile: join(DIST, 'index.js') });
  for (const engine of ENGINES) esbuild.buildSync({ ...common, entryPoints: [`src/constructs/${engine}.ts`], outfile: join(DIST, `${engine}.js`) });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const schema = execFileSync(process.execPath, [join(DIST, 'cli.js'), 'schema'], { encoding: 'utf8' });
  writeFileSync(join(DIST, 'spec.schema.json'), schema);
  process.stderr.write(
    'built dist/cli.js, dist/cli-main.js, dist/proof-thread.js, dist/index.js, dist/cdktf.js, dist/cdktn.js, dist/types/, dist/spec.schema.json\n',
  );
}

const fail = (e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
};
module.exports = { buildCli };
if (require.main === module) {
  if (process.argv[2] === '--cli') buildCliNow(resolve(process.argv[3])).catch(fail);
  else buildAll().catch(fail);
}
