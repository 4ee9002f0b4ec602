/**
 * One in-process synth in a fresh process: generate a spec of N accounts,
 * then validate and synthesize it with `synthesize()` into DIR, and print one
 * JSON line with the timings and the process's own peak RSS.
 *   node --require tsx/cjs bench/synth-child.ts N DIR [direct|cdktf] [access]
 * Without `access`, the access reports (modules/ACCESS.md and one per account) are not written.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { generateSpec } from './spec-gen';

const [accountsArg, dir, engineArg = 'direct', accessArg] = process.argv.slice(2);
const accounts = Number(accountsArg);
if (!dir || !Number.isInteger(accounts) || (engineArg !== 'direct' && engineArg !== 'cdktf')) {
  process.stderr.write('usage: synth-child N DIR [direct|cdktf] [access]\n');
  process.exit(2);
}

const spec = generateSpec(accounts);
const cpu = process.cpuUsage();
const t0 = performance.now();
const loaded = validateSpec(spec, `generated-${accounts}`);
const result = synthesize(loaded, {
  outdir: join(dir, 'cdktf.out'),
  modulesDir: join(dir, 'modules'),
  engine: engineArg,
  accessMatrix: accessArg === 'access',
});
const t1 = performance.now();
const used = process.cpuUsage(cpu);
process.stdout.write(
  `${JSON.stringify({
    accounts,
    roles: result.summary.roleCount,
    synthS: (t1 - t0) / 1000,
    synthCpuS: (used.user + used.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
