/**
 * Atomic replacement (class 5 of issue 26): a synth killed (SIGKILL) just
 * before any one change it makes to `modules/` and `cdktf.out/` leaves, once
 * the next command has started, both trees wholly old or both wholly new,
 * byte for byte, with no temporary folder or journal left. The kill comes
 * from the test hook CROSS_ACCOUNT_IAM_CRASH_AT_STEP=N (src/output/swap.ts),
 * in a child process running the bundled CLI, for every N until the synth
 * completes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recoverOutputs } from '../src/output/swap';
import { tempDir } from './helpers/synth';
import { buildCli } from './helpers/cli-bundle';

const ROOT = join(__dirname, '..');

const account = (name: string, id: string, role: string) => ({
  name,
  id,
  region: 'eu-west-1',
  roles: [{ name: role, trust: [{ type: 'aws-service', service: 'lambda.amazonaws.com' }] }],
});
// The new spec changes a's role, renames b to b2, drops c and keeps d as it is: every kind of move happens, and unchanged files are kept (hard-linked, or left in place).
const OLD = {
  version: 1,
  accounts: [
    account('a', '111111111111', 'old'),
    account('b', '222222222222', 'reader'),
    account('c', '333333333333', 'reader'),
    account('d', '444444444444', 'keeper'),
  ],
};
const NEW = { version: 1, accounts: [account('a', '111111111111', 'new'), account('b2', '222222222222', 'reader'), account('d', '444444444444', 'keeper')] };

const work = tempDir('xacct-crash-');
const cli = join(work, 'cli.js');
const project = join(work, 'proj');

function run(args: string[], crashAt?: number) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_PATH: join(ROOT, 'node_modules'),
    CROSS_ACCOUNT_IAM_CRASH_AT_STEP: crashAt === undefined ? '' : String(crashAt),
  };
  for (const name of ['SPEC_FILE', 'MODULES_DIR', 'CDKTF_OUTDIR', 'OFFLINE_DRY_RUN', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS']) delete env[name];
  return spawnSync(process.execPath, [cli, ...args], { cwd: project, env, encoding: 'utf8', timeout: 60_000 });
}

/** Both trees and what lies beside them: every file by content, every folder, nothing followed. */
function snapshot(): string {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (lstatSync(path).isDirectory()) {
        out.push(`${rel}${name}/`);
        walk(path, `${rel}${name}/`);
      } else out.push(`${rel}${name}: ${readFileSync(path, 'utf8')}`);
    }
  };
  walk(project, '');
  return out.join('\n');
}

/** The project as a completed synth of the old spec left it, with Terraform's working files in a kept stack. */
const base = join(work, 'base');
function reset(from = base): void {
  rmSync(project, { recursive: true, force: true });
  cpSync(from, project, { recursive: true });
}

let old = '';
let next = '';

/**
 * The project as `synth --spec new.yaml`, killed at `step` from the old trees, left it (no recovery yet), and the
 * signal that ended it: each such crash is run once, by the sweep below or on first use, and copied from then on
 * (as the recovery test below copies its own).
 */
const crashes = new Map<number, { readonly dir: string; readonly signal: NodeJS.Signals | null }>();
function keepCrash(step: number, signal: NodeJS.Signals | null): void {
  const dir = join(work, `crashed-at-${step}`);
  cpSync(project, dir, { recursive: true });
  crashes.set(step, { dir, signal });
}
/** Resets the project to the synth killed at `step` and returns the signal that killed it. */
function crashedAt(step: number): NodeJS.Signals | null {
  if (!crashes.has(step)) {
    reset();
    keepCrash(step, run(['synth', '--spec', 'new.yaml'], step).signal);
  }
  const { dir, signal } = crashes.get(step)!;
  reset(dir);
  return signal;
}
/** The kills the later tests start from (past the commit point). */
const REUSED_CRASHES = [3, 4];

beforeAll(async () => {
  await buildCli(cli);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name":"acme","private":true}\n');
  writeFileSync(join(project, 'old.yaml'), JSON.stringify(OLD));
  writeFileSync(join(project, 'new.yaml'), JSON.stringify(NEW));
  expect(run(['synth', '--spec', 'old.yaml']).status).toBe(0);
  mkdirSync(join(project, 'cdktf.out', 'stacks', 'a', '.terraform'));
  writeFileSync(join(project, 'cdktf.out', 'stacks', 'a', '.terraform.lock.hcl'), '# lock\n');
  cpSync(project, base, { recursive: true });
  old = snapshot();
  expect(run(['synth', '--spec', 'new.yaml']).status).toBe(0);
  next = snapshot();
  reset();
}, 60_000);

test('GIVEN the old and the new spec THEN both trees differ between them (else the test below would prove nothing)', () => {
  expect(old).not.toEqual(next);
  expect(next).toContain('cdktf.out/stacks/a/.terraform.lock.hcl: # lock');
  expect(next).toContain('cdktf.out/stacks/b2/');
  expect(next).not.toContain('cdktf.out/stacks/c/');
  expect(next).toContain('"spec": "new.yaml"');
});

/**
 * `synth --spec new.yaml` from `start()`, killed before each of its changes in turn until it completes (which must
 * leave `done`); after each kill, the recovery every command starts with. Returns each kill's outcome: the name of
 * the snapshot in `named` it left (anything else fails the test).
 */
function killAtEveryStep(start: () => void, done: string, named: Record<string, string>, onKill: (step: number) => void = () => undefined): string[] {
  const outcomes: string[] = [];
  for (let step = 1; step < 100; step++) {
    start();
    const killed = run(['synth', '--spec', 'new.yaml'], step);
    if (killed.status === 0) {
      // Past the last step: the synth completed.
      expect(snapshot()).toEqual(done);
      break;
    }
    expect([step, killed.signal, killed.stderr]).toEqual([step, 'SIGKILL', '']);
    onKill(step);
    // What every command of the CLI does first (the last test runs it through `check`).
    recoverOutputs(join(project, 'cdktf.out'));
    const after = snapshot();
    const outcome = Object.keys(named).find((name) => named[name] === after);
    if (outcome === undefined) expect({ step, after }).toEqual({ step, after: done });
    outcomes.push(outcome!);
  }
  return outcomes;
}

test('GIVEN a synth killed before each of its changes WHEN the next command starts THEN both trees are wholly old or wholly new, byte for byte, and nothing temporary is left', () => {
  const outcomes = killAtEveryStep(reset, next, { old, new: next }, (step) => {
    if (REUSED_CRASHES.includes(step)) keepCrash(step, 'SIGKILL');
  });
  // The kill before the commit point leaves the old trees, every later one the new: one switch, and both sides seen.
  expect(outcomes.join(' ')).toMatch(/^(old )+new( new)*$/);
  expect(outcomes.length).toBeGreaterThanOrEqual(8);
}, 120_000);

test('GIVEN a synth killed past its commit point WHEN the recovery is killed too, before each of its moves THEN the recovery after it still leaves the new trees, whole', () => {
  expect(crashedAt(3)).toBe('SIGKILL');
  const crashed = crashes.get(3)!.dir;
  const kills: number[] = [];
  for (let step = 1; step < 100; step++) {
    reset(crashed);
    const recovery = run(['check', '--spec', 'old.yaml'], step);
    if (recovery.status === 0) break;
    expect([step, recovery.signal]).toEqual([step, 'SIGKILL']);
    kills.push(step);
    recoverOutputs(join(project, 'cdktf.out'));
    expect({ step, after: snapshot() }).toEqual({ step, after: next });
  }
  expect(kills.length).toBeGreaterThanOrEqual(5);
}, 120_000);

test.each([
  ['check, which writes nothing itself', ['check', '--spec', 'old.yaml'], 'new'],
  ['a synth of the new spec', ['synth', '--spec', 'new.yaml'], 'new'],
  ['a synth of the old spec', ['synth', '--spec', 'old.yaml'], 'old'],
])(
  'GIVEN a synth killed past its commit point WHEN the next command is %s THEN it finishes the moves first and the trees are whole',
  (_what, args, expected) => {
    expect(crashedAt(4)).toBe('SIGKILL');
    const r = run(args);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(snapshot()).toEqual(expected === 'new' ? next : old);
  },
  60_000,
);

test('GIVEN a first synth (no output yet) killed before each of its changes WHEN the next command starts THEN there is no output, or the whole of it, and nothing temporary is left', () => {
  const bare = join(work, 'bare');
  reset();
  for (const dir of ['cdktf.out', 'modules']) rmSync(join(project, dir), { recursive: true, force: true });
  cpSync(project, bare, { recursive: true });
  // Before the commit point, the stacks folder the synth made stays, empty.
  mkdirSync(join(project, 'cdktf.out'));
  const none = snapshot();
  rmSync(join(project, 'cdktf.out'), { recursive: true });
  expect(run(['synth', '--spec', 'new.yaml']).status).toBe(0);
  const whole = snapshot();
  const outcomes = killAtEveryStep(() => reset(bare), whole, { none, whole });
  expect(outcomes.join(' ')).toMatch(/^(none )+whole( whole)*$/);
  expect(outcomes.length).toBeGreaterThanOrEqual(4);
}, 120_000);
