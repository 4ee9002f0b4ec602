/**
 * `npm run bench`: wall time, CPU time, peak RSS and output size of
 *  - in-process synth (`synthesize()`, one fresh process per run) of generated
 *    specs of 1, 10, 100 and 1000 accounts x 20 roles, and of the same specs
 *    through the cdktf App (`engine: 'cdktf'`) where that stays affordable;
 *    without the access reports (ACCESS.md), and with them at 100 and 1000
 *    accounts, to show what they cost;
 *  - `npm run access` (the `cross-account-iam access` check) on the stacks of
 *    100 and 1000 accounts x 20 roles, synthesized first (not timed): wall
 *    time, CPU time, peak RSS, and the 1000/100 ratio (linear is 10x);
 *  - `npm run access -- diff` between the spec of 100 and 1000 accounts x 20
 *    roles and the same spec with a few roles changed (bench/diff-prep.ts):
 *    wall time, CPU time, peak RSS, and the 1000/100 ratio;
 *  - `npx cdktf synth` of the default example, and of the 1-account spec;
 *  - `cross-account-iam synth` (dist/cli.js, as the package ships it) of the default example;
 *  - the stock setup (ts-node, root import of @cdktf/provider-aws) on the
 *    1-account spec through `npx cdktf synth`, in the same run;
 *  - `terraform validate` of every emitted module, one `terraform init`;
 *  - what installing the package costs a user: `npm pack`, then the tarball
 *    into an empty project (scripts/measure-install.sh): node_modules' size
 *    and the install's wall time (targets: at most 15 MB and 20 s).
 *  - first, the targets of issue 25 through the command a user runs
 *    (bench/targets.ts): `node -e 0`, `cross-account-iam synth` of the default
 *    example and of 1000 and 5000 accounts (fresh folders, and replacing the
 *    previous output), `cross-account-iam access` on those stacks, each row with its goal.
 * Prints medians as a table and writes every sample to .bench/results.json.
 * Not part of `npm test`: these machines are shared and noisy.
 *
 *   npm run bench -- [--runs 3] [--small-runs 15] [--big-runs 1] [--cli-accounts 1000,5000] [--yaml-accounts 1000] [--accounts 1,10,100,1000] [--cdktf-accounts 1,10,100] [--access-accounts 100,1000]
 *                    [--check-accounts 100,1000] [--diff-accounts 100,1000] [--only targets,tests,inproc,access,diff,cli,stock,validate,install] [--validate-accounts 0] [--out .bench/results.json]
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { resolveModel } from '../src/model/resolve';
import { validateSpec } from '../src/input/load';
import { loadSpec, synthesize } from '../src/synth';
import { findTerraform } from '../src/terraform/find';
import { hasGnuTime, measure, median, treeSize, type Sample } from './measure';
import { changedAccounts } from './diff-prep';
import { generateSpec, ROLES_PER_ACCOUNT } from './spec-gen';
import { writeStockApp } from './stock-app';
import { measureTargets, targetNotes, targetsTable, type TargetRow } from './targets';

const ROOT = resolve(__dirname, '..');

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  // An empty value is a value: `--yaml-accounts ''` measures no YAML row.
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const list = (s: string) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
const runs = Number(flag('runs', '3'));
const accountsList = list(flag('accounts', '1,10,100,1000')).map(Number);
const cdktfAccounts = list(flag('cdktf-accounts', '1,10,100')).map(Number);
const accessAccounts = list(flag('access-accounts', '100,1000')).map(Number);
const checkAccounts = list(flag('check-accounts', '100,1000')).map(Number);
const diffAccounts = list(flag('diff-accounts', '100,1000')).map(Number);
const only = new Set(list(flag('only', 'targets,inproc,access,diff,cli,stock,validate,install')));
const bigRuns = Number(flag('big-runs', '1'));
// The rows of a few tens of milliseconds (the floors and the default example) move by a few ms from run to run here: more samples.
const smallRuns = Number(flag('small-runs', '15'));
const cliAccounts = list(flag('cli-accounts', '1000,5000')).map(Number);
const yamlAccounts = list(flag('yaml-accounts', '1000')).map(Number);
const validateAccounts = Number(flag('validate-accounts', '0'));
const outFile = resolve(ROOT, flag('out', '.bench/results.json'));

interface Row {
  readonly name: string;
  readonly samples: (Sample & { synthS?: number; synthCpuS?: number; outBytes?: number; outFiles?: number; extra?: Record<string, unknown> })[];
}
const rows: Row[] = [];
const INSTALL_ROW = 'npm install -D the packed tarball, empty project (node_modules: output MiB, files)';
const work = mkdtempSync(join(tmpdir(), 'xacct-bench-'));
let seq = 0;
const fresh = (label: string) => join(work, `${String(++seq).padStart(3, '0')}-${label}`);
const log = (s: string) => process.stderr.write(`${s}\n`);

const tfEnv = (() => {
  try {
    return findTerraform(join(work, 'tf'), process.env).env;
  } catch {
    return { ...process.env, CHECKPOINT_DISABLE: '1' };
  }
})();
const cliEnv = (extra: Record<string, string>) => ({ ...tfEnv, CHECKPOINT_DISABLE: '1', ...extra });

function repeat(name: string, once: () => Row['samples'][number]): void {
  const row: Row = { name, samples: [] };
  for (let i = 0; i < runs; i++) {
    log(`  ${name}: run ${i + 1}/${runs}`);
    row.samples.push(once());
  }
  rows.push(row);
}

function inProcess(accounts: number, engine: 'direct' | 'cdktf', access = false): void {
  const how = [engine === 'cdktf' ? 'cdktf App' : '', access ? 'with ACCESS.md' : ''].filter(Boolean).join(', ');
  repeat(`in-process synth, ${accounts} account${accounts > 1 ? 's' : ''} x ${ROLES_PER_ACCOUNT} roles${how ? ` (${how})` : ''}`, () => {
    const dir = fresh(`inproc-${engine}-${accounts}`);
    const s = measure(
      process.execPath,
      ['--require', 'tsx/cjs', join(__dirname, 'synth-child.ts'), String(accounts), dir, engine, access ? 'access' : 'no-access'],
      { cwd: ROOT },
    );
    const child = JSON.parse(s.stdout.trim().split('\n').pop()!);
    const size = treeSize(join(dir, 'cdktf.out'), join(dir, 'modules'));
    return { ...s, maxRssMiB: s.maxRssMiB ?? child.maxRssMiB, synthS: child.synthS, synthCpuS: child.synthCpuS, outBytes: size.bytes, outFiles: size.files };
  });
}

/** Access check targets (issue 14): at 1000 accounts at most 60 s and 1 GiB, and at most 12x the time at 100. */
const ACCESS_TARGET = { wallS: 60, rssMiB: 1024, ratio: 12 } as const;
const accessName = (n: number) => `npm run access, ${n} accounts x ${ROLES_PER_ACCOUNT} roles (synthesized stacks)`;

function accessCheck(accounts: number): void {
  const dir = fresh(`access-${accounts}`);
  mkdirSync(dir, { recursive: true });
  log(`  ${accessName(accounts)}: synthesizing the stacks first (not timed)`);
  measure(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'access-prep.ts'), String(accounts), dir], { cwd: ROOT });
  repeat(accessName(accounts), () => {
    const out = join(dir, `report-${seq++}`);
    const args = [
      '--require',
      'tsx/cjs',
      join(ROOT, 'src', 'cli', 'bin.ts'),
      'access',
      '--spec',
      join(dir, 'spec.json'),
      '--stacks-dir',
      join(dir, 'cdktf.out'),
      '--out',
      out,
    ];
    const s = measure(process.execPath, args, { cwd: ROOT });
    const evaluated = /^(\d+) of (\d+) checks evaluated/m.exec(s.stdout);
    const size = treeSize(out);
    rmSync(out, { recursive: true, force: true });
    return {
      ...s,
      outBytes: size.bytes,
      outFiles: size.files,
      extra: evaluated ? { evaluated: Number(evaluated[1]), checks: Number(evaluated[2]) } : undefined,
    };
  });
}

const diffName = (n: number) =>
  `npm run access -- diff, ${n} accounts x ${ROLES_PER_ACCOUNT} roles against the same with roles changed in ${changedAccounts(n).length} accounts`;

function accessDiff(accounts: number): void {
  const dir = fresh(`diff-${accounts}`);
  mkdirSync(dir, { recursive: true });
  measure(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'diff-prep.ts'), String(accounts), dir], { cwd: ROOT });
  repeat(diffName(accounts), () => {
    const out = join(dir, `report-${seq++}`);
    const args = [
      '--require',
      'tsx/cjs',
      join(ROOT, 'src', 'cli', 'bin.ts'),
      'access',
      'diff',
      join(dir, 'before.yaml'),
      join(dir, 'after.yaml'),
      '--out',
      out,
    ];
    const s = measure(process.execPath, args, { cwd: ROOT });
    const diff = JSON.parse(readFileSync(join(out, 'access-diff.json'), 'utf8')) as { roles: { changes: unknown[] }[]; unchangedRoles: number };
    const size = treeSize(out);
    rmSync(out, { recursive: true, force: true });
    const extra = { changedRoles: diff.roles.length, changes: diff.roles.reduce((n, r) => n + r.changes.length, 0), unchangedRoles: diff.unchangedRoles };
    return { ...s, outBytes: size.bytes, outFiles: size.files, extra };
  });
}

function cdktfSynth(name: string, cwd: string, env: Record<string, string>): string[] {
  const outs: string[] = [];
  repeat(name, () => {
    const dir = fresh('cli');
    mkdirSync(dir, { recursive: true }); // cdktf's App makes only the last level of its outdir
    const s = measure('npx', ['cdktf', 'synth', '--output', join(dir, 'cdktf.out')], { cwd, env: cliEnv({ MODULES_DIR: join(dir, 'modules'), ...env }) });
    outs.push(dir);
    const size = treeSize(join(dir, 'cdktf.out'), join(dir, 'modules'));
    return { ...s, outBytes: size.bytes, outFiles: size.files };
  });
  return outs;
}

log(`bench: ${runs} run(s) each; work dir ${work}`);
const loadBefore = loadavg();
let targets: TargetRow[] = [];
try {
  if (only.has('targets') || only.has('tests')) {
    // The installed package's executable: dist/cli.js, built as `npm pack` builds it.
    const cli = join(ROOT, 'dist', 'cli.js');
    (require('../scripts/build.cjs') as { buildCli: (out: string) => void }).buildCli(cli);
    targets = measureTargets({
      root: ROOT,
      cli,
      runs,
      smallRuns,
      bigRuns,
      accounts: only.has('targets') ? cliAccounts : [],
      yamlAccounts: only.has('targets') ? yamlAccounts : [],
      tests: only.has('tests'),
      env: cliEnv({}),
      fresh,
      log,
    });
  }
  if (only.has('inproc')) {
    for (const n of accountsList) inProcess(n, 'direct');
    for (const n of cdktfAccounts) inProcess(n, 'cdktf');
    for (const n of accessAccounts) inProcess(n, 'direct', true);
  }
  if (only.has('access')) for (const n of checkAccounts) accessCheck(n);
  if (only.has('diff')) for (const n of diffAccounts) accessDiff(n);

  const oneAccount = validateSpec(generateSpec(1), 'generated-1.yaml');
  const specFile = join(work, 'generated-1.yaml');
  writeFileSync(specFile, stringify(generateSpec(1)));
  let oursOne: string[] = [];
  if (only.has('cli')) {
    const viaCdktf = cdktfSynth('npx cdktf synth, default example (ours)', ROOT, { SPEC_FILE: '' });
    oursOne = cdktfSynth('npx cdktf synth, 1 account x 20 roles (ours)', ROOT, { SPEC_FILE: specFile });
    // The installed package's executable: dist/cli.js, built as `npm pack` builds it.
    const cli = join(ROOT, 'dist', 'cli.js');
    (require('../scripts/build.cjs') as { buildCli: (out: string) => void }).buildCli(cli);
    const outs: string[] = [];
    repeat('cross-account-iam synth, default example (the CLI, no cdktf CLI)', () => {
      const dir = fresh('xacct-cli');
      const s = measure(process.execPath, [cli, 'synth', '--stacks-dir', join(dir, 'cdktf.out'), '--modules-dir', join(dir, 'modules')], {
        cwd: ROOT,
        env: cliEnv({ SPEC_FILE: '' }),
      });
      outs.push(dir);
      const size = treeSize(join(dir, 'cdktf.out'), join(dir, 'modules'));
      return { ...s, outBytes: size.bytes, outFiles: size.files };
    });
    const stacks = (d: string) =>
      readdirSync(join(d, 'cdktf.out', 'stacks'))
        .map((a) => readFileSync(join(d, 'cdktf.out', 'stacks', a, 'cdk.tf.json'), 'utf8'))
        .join('\n');
    rows[rows.length - 1].samples[0].extra = { sameStacksAsCdktfSynth: stacks(outs[0]) === stacks(viaCdktf[0]) };
  }
  if (only.has('stock')) {
    const stockDir = join(work, 'stock-app');
    writeStockApp(stockDir, resolveModel(oneAccount).accounts[0], join(ROOT, 'node_modules'));
    const outs = cdktfSynth('npx cdktf synth, 1 account x 20 roles (stock: ts-node, root import)', stockDir, {});
    const ours = oursOne[0] ?? (synthesize(oneAccount, { outdir: join(work, 'ref', 'cdktf.out'), modulesDir: false }), join(work, 'ref'));
    const stackFile = (d: string) => readFileSync(join(d, 'cdktf.out', 'stacks', 'acct-0000', 'cdk.tf.json'), 'utf8');
    rows[rows.length - 1].samples[0].extra = { sameStackJsonAsOurs: stackFile(outs[0]) === stackFile(ours) };
  }
  if (only.has('validate')) {
    const what = `the default example's modules${validateAccounts > 0 ? ` + ${validateAccounts} generated accounts` : ''}`;
    repeat(`terraform validate, ${what} (one init)`, () => {
      const dir = fresh('validate');
      const a = synthesize(loadSpec(''), { outdir: join(dir, 'a', 'cdktf.out'), modulesDir: join(dir, 'a', 'modules') });
      const dirs = a.stacks.map((s) => join(a.modulesDir!, s));
      if (validateAccounts > 0) {
        const b = synthesize(validateSpec(generateSpec(validateAccounts), 'g'), { outdir: join(dir, 'b', 'cdktf.out'), modulesDir: join(dir, 'b', 'modules') });
        dirs.push(...b.stacks.map((s) => join(b.modulesDir!, s)));
      }
      const s = measure(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'validate-child.ts'), join(dir, 'tf'), ...dirs], { cwd: ROOT });
      const child = JSON.parse(s.stdout.trim().split('\n').pop()!);
      if (child.invalid.length > 0) throw new Error(`terraform validate failed in ${child.invalid.join(', ')}`);
      return { ...s, extra: child };
    });
  }
  if (only.has('install')) {
    const packDir = fresh('pack');
    mkdirSync(packDir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = join(
      packDir,
      readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
    );
    repeat(INSTALL_ROW, () => {
      const dir = fresh('install');
      const s = measure('bash', [join(ROOT, 'scripts', 'measure-install.sh'), tarball, dir], { cwd: ROOT });
      const size = treeSize(join(dir, 'node_modules'));
      return { ...s, outBytes: size.bytes, outFiles: size.files };
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// ---- report
const med = (r: Row, f: (s: Row['samples'][number]) => number | undefined) => {
  const xs = r.samples.map(f).filter((x): x is number => x !== undefined);
  return xs.length > 0 ? median(xs) : undefined;
};
const fmt = (x: number | undefined, digits = 2) => (x === undefined ? '-' : x.toFixed(digits));
const summary = rows.map((r) => ({
  name: r.name,
  runs: r.samples.length,
  wallS: med(r, (s) => s.wallS)!,
  synthS: med(r, (s) => s.synthS),
  cpuS: med(r, (s) => s.cpuS),
  maxRssMiB: med(r, (s) => s.maxRssMiB),
  outMiB: med(r, (s) => (s.outBytes === undefined ? undefined : s.outBytes / 2 ** 20)),
  outFiles: med(r, (s) => s.outFiles),
}));
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  memGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  kernel: release(),
  gnuTime: hasGnuTime,
  loadavgBefore: loadBefore.map((x) => Number(x.toFixed(2))),
  loadavgAfter: loadavg().map((x) => Number(x.toFixed(2))),
};

const header = ['case', 'runs', 'wall s', 'synth s', 'cpu s', 'peak RSS MiB', 'output MiB', 'files'];
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...summary.map(
    (s) =>
      `| ${s.name} | ${s.runs} | ${fmt(s.wallS)} | ${fmt(s.synthS)} | ${fmt(s.cpuS)} | ${fmt(s.maxRssMiB, 0)} | ${fmt(s.outMiB, 1)} | ${fmt(s.outFiles, 0)} |`,
  ),
];
const notes: string[] = [];
const find = (prefix: string) => summary.find((s) => s.name.startsWith(prefix));
const ratios: Record<string, number> = {};
const at = (n: number) => find(`in-process synth, ${n} account${n > 1 ? 's' : ''} x ${ROLES_PER_ACCOUNT} roles`);
const [r100, r1000] = [at(100), at(1000)];
let slopeMs: number | undefined;
if (r100?.synthS !== undefined && r1000?.synthS !== undefined) {
  slopeMs = ((r1000.synthS - r100.synthS) * 1000) / 900;
  notes.push(
    `in-process slope between 100 and 1000 accounts: ${slopeMs.toFixed(2)} ms per account ` +
      `(${((r100.synthS * 1000) / 100).toFixed(2)} ms/account at 100, ${((r1000.synthS * 1000) / 1000).toFixed(2)} at 1000)`,
  );
}
const [a100, a1000] = [find(accessName(100)), find(accessName(1000))];
if (a100 && a1000) {
  const ratio = a1000.wallS / a100.wallS;
  const cpuRatio = a1000.cpuS !== undefined && a100.cpuS !== undefined ? a1000.cpuS / a100.cpuS : undefined;
  ratios.accessWall1000Over100 = ratio;
  if (cpuRatio !== undefined) ratios.accessCpu1000Over100 = cpuRatio;
  const ok = (b: boolean) => (b ? 'met' : '**NOT MET**');
  notes.push(
    `access check 1000/100 accounts: ${ratio.toFixed(1)}x wall${cpuRatio !== undefined ? `, ${cpuRatio.toFixed(1)}x CPU` : ''} (linear is 10x; target at most ${ACCESS_TARGET.ratio}x: ${ok(ratio <= ACCESS_TARGET.ratio)})`,
    `access check at 1000 accounts: ${a1000.wallS.toFixed(1)} s wall, ${fmt(a1000.maxRssMiB, 0)} MiB peak RSS (target at most ${ACCESS_TARGET.wallS} s: ${ok(a1000.wallS <= ACCESS_TARGET.wallS)}; at most ${ACCESS_TARGET.rssMiB} MiB: ${a1000.maxRssMiB === undefined ? 'unknown, no GNU time' : ok(a1000.maxRssMiB <= ACCESS_TARGET.rssMiB)})`,
  );
}
const diffRows = diffAccounts.map((n) => ({ n, row: find(diffName(n)), extra: rows.find((r) => r.name === diffName(n))?.samples[0]?.extra }));
for (const { n, row, extra } of diffRows)
  if (row && extra)
    notes.push(
      `access diff at ${n} accounts: ${row.wallS.toFixed(2)} s wall, ${fmt(row.cpuS)} s CPU, ${fmt(row.maxRssMiB, 0)} MiB peak RSS; ${extra.changedRoles} roles changed (${extra.changes} changes), ${extra.unchangedRoles} unchanged`,
    );
const [d100, d1000] = [find(diffName(100)), find(diffName(1000))];
if (d100 && d1000) {
  ratios.diffWall1000Over100 = d1000.wallS / d100.wallS;
  if (d1000.cpuS !== undefined && d100.cpuS !== undefined) ratios.diffCpu1000Over100 = d1000.cpuS / d100.cpuS;
  if (d1000.maxRssMiB !== undefined && d100.maxRssMiB !== undefined) ratios.diffRss1000Over100 = d1000.maxRssMiB / d100.maxRssMiB;
  const by = (x: number | undefined, what: string) => (x === undefined ? '' : `, ${x.toFixed(1)}x ${what}`);
  notes.push(
    `access diff 1000/100 accounts: ${ratios.diffWall1000Over100.toFixed(1)}x wall${by(ratios.diffCpu1000Over100, 'CPU')}${by(ratios.diffRss1000Over100, 'peak RSS')} (linear is 10x; the brute force is 100x)`,
  );
}
const stock = find('npx cdktf synth, 1 account x 20 roles (stock');
const oursDefault = find('npx cdktf synth, default example (ours)');
const oursOneRow = find('npx cdktf synth, 1 account x 20 roles (ours)');
if (stock && oursDefault) ratios.stockOverOursDefault = stock.wallS / oursDefault.wallS;
if (stock && oursOneRow) ratios.stockOverOursSameSpec = stock.wallS / oursOneRow.wallS;
const cliRow = find('cross-account-iam synth, default example');
if (stock && cliRow) ratios.stockOverCli = stock.wallS / cliRow.wallS;
if (oursDefault && cliRow) ratios.cdktfSynthOverCli = oursDefault.wallS / cliRow.wallS;
if (ratios.stockOverCli)
  notes.push(
    `stock / cross-account-iam synth (wall, stock 1-account app vs the CLI on the default example): ${ratios.stockOverCli.toFixed(1)}x (target: at least 40x, at most 0.5 s)`,
  );
if (ratios.cdktfSynthOverCli) notes.push(`npx cdktf synth / cross-account-iam synth, default example: ${ratios.cdktfSynthOverCli.toFixed(1)}x`);
const sameCli = rows.find((r) => r.name.startsWith('cross-account-iam synth'))?.samples[0]?.extra?.sameStacksAsCdktfSynth;
if (sameCli !== undefined) notes.push(`cross-account-iam synth's stacks identical to npx cdktf synth's: ${sameCli ? 'yes' : 'NO'}`);
if (ratios.stockOverOursDefault)
  notes.push(`stock / ours (cdktf synth wall, stock 1-account app vs our default example): ${ratios.stockOverOursDefault.toFixed(1)}x`);
if (ratios.stockOverOursSameSpec) notes.push(`stock / ours (cdktf synth wall, same 1-account spec): ${ratios.stockOverOursSameSpec.toFixed(1)}x`);
const same = rows.find((r) => r.name.includes('(stock'))?.samples[0]?.extra?.sameStackJsonAsOurs;
if (same !== undefined) notes.push(`stock app's cdk.tf.json identical to ours: ${same ? 'yes' : 'NO'}`);
notes.push(
  `machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memGiB} GiB, node ${machine.node}, Linux ${machine.kernel}; ` +
    `load average ${machine.loadavgBefore.join(' ')} before, ${machine.loadavgAfter.join(' ')} after (shared machine: other processes ran meanwhile)`,
);
const install = find(INSTALL_ROW);
if (install) notes.push(`installing the package adds ${fmt(install.outMiB, 1)} MiB in ${fmt(install.wallS, 1)} s (targets: at most 15 MB and 20 s)`);
if (!hasGnuTime) notes.push('GNU time not found: peak RSS only for the in-process rows (reported by the child), CPU time not shown');

const targetsText =
  targets.length > 0
    ? `\nTargets (issue 25), through the command a user runs (\`node dist/cli.js\`), medians:\n\n${[targetsTable(targets), '', ...targetNotes(targets)].join('\n')}\n`
    : '';
process.stdout.write(
  `${targetsText}\n${rows.length > 0 ? `In-process and other rows:\n\n${table.join('\n')}\n\n` : ''}${notes.map((n) => `- ${n}`).join('\n')}\n`,
);
mkdirSync(dirname(outFile), { recursive: true });
const strip = <T extends { stdout: string }>({ stdout: _stdout, ...rest }: T) => rest;
writeFileSync(
  outFile,
  `${JSON.stringify({ date: new Date().toISOString(), runs, machine, targets: targets.map((t) => ({ ...t, samples: t.samples.map(strip) })), summary, slopeMsPerAccount: slopeMs, ratios, rows: rows.map((r) => ({ ...r, samples: r.samples.map(strip) })) }, null, 2)}\n`,
);
log(`\nwrote ${outFile}`);
