/**
 * One benchmark run in a fresh process: generate a spec of N accounts,
 * validate it, synthesize it in-process with `synthesize()` into DIR, and
 * print one JSON line with the timings and the process's peak RSS.
 *   node --import tsx bench/synth-child.ts N DIR
 */
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { validateSpec } from '../src/spec/load';
import { synthesize } from '../src/synth';
import { generateSpec } from './spec-gen';

const [accountsArg, dir] = process.argv.slice(2);
const accounts = Number(accountsArg);
if (!dir || !Number.isInteger(accounts)) {
  process.stderr.write('usage: synth-child N DIR\n');
  process.exit(2);
}

const t0 = performance.now();
const loaded = validateSpec(generateSpec(accounts), `generated-${accounts}`);
const t1 = performance.now();
const result = synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules') });
const t2 = performance.now();
process.stdout.write(
  `${JSON.stringify({
    accounts,
    roles: result.model.accounts.reduce((n, a) => n + a.roles.length, 0),
    specMs: t1 - t0,
    synthMs: t2 - t1,
    sinceStartMs: performance.now(),
    maxRssKiB: process.resourceUsage().maxRSS,
  })}\n`,
);
