/**
 * The cdktf app. `cdktf synth` runs it precompiled, through scripts/cdktf-app.cjs
 * (an esbuild bundle, rebuilt when a source changes; no type-checking at synth
 * time). cdktf itself is not loaded: see src/synth.ts.
 *   SPEC_FILE=spec.yaml  the spec to synthesize (default: the embedded example)
 *   MODULES_DIR=modules  where the plain Terraform modules go
 */
import { isSpecError } from './src/errors';
import { loadSpec, synthesize } from './src/synth';

try {
  const result = synthesize(loadSpec());
  const roles = result.model.accounts.reduce((n, a) => n + a.roles.length, 0);
  process.stderr.write(
    `synthesized ${result.stacks.length} account stacks (${roles} roles) into ${result.outdir}; modules in ${result.modulesDir}\n`,
  );
} catch (e) {
  if (!isSpecError(e)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
