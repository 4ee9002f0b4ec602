/**
 * The cdktf app. `cdktf synth` runs it precompiled, through scripts/cdktf-app.cjs
 * (an esbuild bundle, rebuilt when a source changes; no type-checking at synth
 * time). The default engine loads no cdktf: see src/synth.ts.
 *   SPEC_FILE=spec.yaml     the spec to synthesize (default: the embedded example)
 *   MODULES_DIR=modules     where the plain Terraform modules and workload settings go
 *   MODULES_FORMAT=hcl      `.tf` modules instead of `.tf.json` (also `cdktf synth --hcl`, or the spec's options.moduleFormat)
 *   OFFLINE_DRY_RUN=1       stacks for a local `cdktf diff <account>`: dummy credentials, never deployable
 * The summary (accounts, roles, artifacts, warnings) goes to stderr.
 */
import { EnvError, isSpecError } from './src/errors';
import { formatSummary } from './src/summary';
import { loadSpec, synthesize } from './src/synth';
import { OFFLINE_BANNER, offlineRequested } from './src/terraform/offline-mode';

try {
  if (offlineRequested()) process.stderr.write(`${OFFLINE_BANNER}\n`);
  const result = synthesize(loadSpec());
  process.stderr.write(formatSummary(result.summary, result));
} catch (e) {
  if (!isSpecError(e) && !(e instanceof EnvError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
