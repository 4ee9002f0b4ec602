/**
 * The CLI as `npm run build` bundles it (scripts/build.cjs's `buildCli`: cli.js, cli-main.js and
 * proof-thread.js), written beside `outfile` for a suite that runs the built executable. In `npm test`
 * (helpers/global-setup.cjs gives the run a folder, XACCT_TEST_RUN_DIR) the bundle is built once per run
 * and per content of what goes into it (src/, scripts/build.cjs, the lockfile), by the first suite that
 * needs it, and each suite gets a copy of those bytes: four suites building it apart cost four esbuild
 * runs (about 2 s of CPU each). A suite run alone builds its own.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { once } from './run-once';

const ROOT = join(__dirname, '..', '..');
const build = (outfile: string) => (require('../../scripts/build.cjs') as { buildCli: (out: string) => void }).buildCli(outfile);

/** Builds the CLI bundle into `outfile` (and `<name>-main.js`, `proof-thread.js` beside it). */
export async function buildCli(outfile: string): Promise<void> {
  const runDir = process.env.XACCT_TEST_RUN_DIR;
  if (!runDir) return build(outfile);
  const dir = join(runDir, 'cli-bundle', inputsDigest());
  await once(dir, async () => build(join(dir, 'cli.js')), 'the CLI bundle');
  copyFileSync(join(dir, 'cli.js'), outfile);
  copyFileSync(join(dir, 'cli-main.js'), join(dirname(outfile), `${basename(outfile, '.js')}-main.js`));
  copyFileSync(join(dir, 'proof-thread.js'), join(dirname(outfile), 'proof-thread.js'));
}

/** Every file the bundle is built from: src/ (paths and bytes), the build script, and the lockfile (esbuild's, yaml's and zod's versions). */
function inputsDigest(): string {
  const hash = createHash('sha256');
  const add = (path: string) =>
    hash
      .update(`${relative(ROOT, path)}\0`)
      .update(readFileSync(path))
      .update('\0');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else add(path);
    }
  };
  walk(join(ROOT, 'src'));
  for (const file of ['scripts/build.cjs', 'package-lock.json']) add(join(ROOT, file));
  return hash.digest('hex').slice(0, 32);
}
