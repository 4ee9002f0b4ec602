/**
 * `terraform validate` over module dirs the way the tests do it: one
 * `terraform init` in the first dir, its lock file and provider links shared
 * with the others, then validate two at a time (the machines have 2 cores).
 * Prints one JSON line.
 *   node --require tsx/cjs bench/validate-child.ts WORKDIR DIR...
 */
import { performance } from 'node:perf_hooks';
import { initShared, pool, validate } from '../__tests__/helpers/terraform/run';
import { findTerraform } from '../src/terraform/find';

async function main() {
  const [workDir, ...dirs] = process.argv.slice(2);
  if (!workDir || dirs.length === 0) throw new Error('usage: validate-child WORKDIR DIR...');
  const tf = findTerraform(workDir, process.env);
  const t0 = performance.now();
  await initShared(tf, dirs[0], dirs.slice(1));
  const t1 = performance.now();
  const results = await pool(dirs, 2, (d) => validate(tf, d));
  const t2 = performance.now();
  const invalid = dirs.filter((_, i) => !results[i].valid);
  process.stdout.write(`${JSON.stringify({ dirs: dirs.length, initS: (t1 - t0) / 1000, validateS: (t2 - t1) / 1000, invalid })}\n`);
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
