/**
 * Where a synth's time goes, step by step, in one process (no file is
 * written): load, resolve, lint, the access proof and its reports, and each
 * account's files. For engineers making a step cheaper; the goals are measured
 * through the CLI by `npm run bench`.
 *   node bench/phases.cjs SPEC [runs=3]
 * prints, per step, the median wall and CPU (this thread and V8's helper
 * threads) and the heap after it; then a digest of every byte the steps made,
 * which must not change when only speed does.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { proveAccess } from '../src/access/report/access-md';
import { proofFindings } from '../src/access/proof-gate';
import { describeAccount } from '../src/description/account';
import { lintModel } from '../src/lint';
import { resolveModel } from '../src/model/resolve';
import { moduleFiles } from '../src/modules/module-files';
import { loadSpec } from '../src/pipeline';
import { renderStackText } from '../src/render/stack-text';
import { stampedVersions } from '../src/render/versions';
import { accountArtifacts } from '../src/workloads';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/phases.cjs SPEC [runs=3]\n');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const samples = new Map<string, { wall: number; cpu: number; heap: number }[]>();
const digest = createHash('sha256');
const add = (name: string, text: string) => digest.update(name).update('\0').update(text).update('\0');

function step<T>(name: string, f: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  const list = samples.get(name) ?? [];
  list.push({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000, heap: process.memoryUsage().heapUsed / 2 ** 20 });
  samples.set(name, list);
  return r;
}

for (let run = 0; run < runs; run++) {
  const loaded = step('load', () => loadSpec(file));
  const model = step('resolve', () => resolveModel(loaded));
  const lint = step('lint', () => lintModel(model, { locate: loaded.locate }));
  const proof = step('prove', () => proveAccess(model, { keepSections: true }));
  const gate = step('proof findings', () => proofFindings(model, proof, loaded.locate));
  step('access reports', () => proof.writeDocs((path, content) => run === 0 && add(path, content)));
  const versions = stampedVersions();
  const descriptions = step('describe', () => model.accounts.map((a) => describeAccount(a, { offline: false })));
  step('stack json', () =>
    descriptions.forEach((d, i) => {
      const text = renderStackText(d, versions);
      if (run === 0) add(model.accounts[i].name, text);
    }),
  );
  step('module files', () =>
    descriptions.forEach((d, i) => {
      for (const [name, content] of moduleFiles(d, model.accounts[i], { format: model.options.moduleFormat, workloads: 'w/' }))
        if (run === 0) add(name, content);
    }),
  );
  step('workload files', () => model.accounts.forEach((a) => accountArtifacts(model, a).forEach((x) => run === 0 && add(x.path, x.content))));
  if (run === 0) add('findings', JSON.stringify([...lint.findings, ...gate].map((f) => [f.ruleId, f.level, f.path, f.message, f.fix])));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let wall = 0;
let cpu = 0;
process.stdout.write(`${'step'.padEnd(16)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)} ${'heap MiB'.padStart(9)}\n`);
for (const [name, list] of samples) {
  const w = median(list.map((s) => s.wall));
  const c = median(list.map((s) => s.cpu));
  wall += w;
  cpu += c;
  process.stdout.write(
    `${name.padEnd(16)} ${w.toFixed(0).padStart(8)} ${c.toFixed(0).padStart(8)} ${median(list.map((s) => s.heap))
      .toFixed(0)
      .padStart(9)}\n`,
  );
}
process.stdout.write(`${'total'.padEnd(16)} ${wall.toFixed(0).padStart(8)} ${cpu.toFixed(0).padStart(8)}\n`);
process.stdout.write(`digest ${digest.digest('hex')} (median of ${runs} runs)\n`);
