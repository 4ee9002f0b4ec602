/**
 * The cdktf app of this repository: `cross-account-iam synth` with the
 * environment cdktf and the npm scripts set. `cdktf synth` runs it
 * precompiled, through scripts/cdktf-app.cjs (an esbuild bundle, rebuilt when
 * a source changes). A project made by `cross-account-iam init` runs the
 * installed CLI instead (its cdktf.json). The default engine loads no cdktf.
 *   SPEC_FILE=spec.yaml     the spec to synthesize (default: ./spec.yaml, else the embedded example)
 *   MODULES_DIR=modules     where the plain Terraform modules and workload settings go
 *   MODULES_FORMAT=hcl      `.tf` modules instead of `.tf.json` (also `cdktf synth --hcl`, or the spec's options.moduleFormat)
 *   OFFLINE_DRY_RUN=1       stacks for a local `cdktf diff <account>`: dummy credentials, never deployable
 * The summary goes to stdout (cdktf shows it as it is), problems to stderr.
 */
import { processIO, runCli } from './src/cli/main';

void runCli(['synth', ...process.argv.slice(2)], processIO()).then((code) => {
  process.exitCode = code;
});
