/**
 * A large synth writes the accounts' stacks and modules on a worker thread
 * while its own thread proves access (src/output/account-worker.ts). The
 * output must not depend on it: the same bytes with and without the worker,
 * the unchanged files of a replaced tree kept (same inode), nothing written
 * when the proof fails, and a failed write still an error with its code,
 * system call and path. `SYNTH_WORKER=on` forces the worker on a small spec.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { AccessProofError, EnvError } from '../src/errors';
import { validateSpec, parseSpecYaml } from '../src/input/load';
import { resolveModel } from '../src/model/resolve';
import { startAccountWorker } from '../src/output/account-worker';
import { loadSpec, synthesize, type SynthOptions } from '../src/synth';
import { readTree, tempDir } from './helpers/synth';
import { deniedSpec } from './helpers/denied-spec';

// Calls through to the real function; counted, to see when synth starts a worker.
jest.mock('../src/output/account-worker', () => {
  const real = jest.requireActual('../src/output/account-worker');
  return { ...real, startAccountWorker: jest.fn(real.startAccountWorker) };
});

const ORG = validateSpec(generateSpec(12), 'org.yaml');

function synthInto(dir: string, worker: 'on' | 'off', loaded = ORG, extra: SynthOptions = {}) {
  return synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), env: { SYNTH_WORKER: worker }, ...extra });
}

describe('synth with the account writer thread', () => {
  it('GIVEN a 12-account organization WHEN synthesized with and without the worker, then again with it THEN the trees, summaries and findings are the same and unchanged files keep their inode', () => {
    const one = tempDir();
    const two = tempDir();
    const single = synthInto(one, 'off');
    const threaded = synthInto(two, 'on');
    const a = readTree(one);
    const b = readTree(two);
    expect(a.size).toBeGreaterThan(12 * 5);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, content] of a) expect({ path, content: b.get(path) }).toEqual({ path, content });
    expect(threaded.summary).toEqual(single.summary);
    expect(threaded.findings).toEqual(single.findings);
    expect(threaded.summary.artifacts.length).toBeGreaterThan(0);

    const name = ORG.spec.accounts[3].name;
    const files = [join(two, 'modules', name, 'README.md'), join(two, 'cdktf.out', 'stacks', name, 'cdk.tf.json')];
    const before = files.map((f) => statSync(f).ino);
    synthInto(two, 'on');
    expect(files.map((f) => statSync(f).ino)).toEqual(before);
    expect(readTree(two)).toEqual(b);
  });

  it('GIVEN a spec whose access proof fails WHEN synthesized with the worker into folders that do not exist THEN it throws PROOF001 and nothing is left', () => {
    const dir = tempDir();
    const loaded = parseSpecYaml(deniedSpec(), 'spec.yaml');
    const out = join(dir, 'out');
    expect(() => synthesize(loaded, { outdir: join(out, 'cdktf.out'), modulesDir: join(out, 'modules'), env: { SYNTH_WORKER: 'on' } })).toThrow(
      AccessProofError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('GIVEN a failing proof and a previous output WHEN synthesized with the worker THEN the previous output is untouched and no staging folder is left', () => {
    const dir = tempDir();
    synthInto(dir, 'off');
    const before = readTree(dir);
    const loaded = parseSpecYaml(deniedSpec(), 'spec.yaml');
    expect(() => synthInto(dir, 'on', loaded)).toThrow(AccessProofError);
    expect(readTree(dir)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['cdktf.out', 'modules']);
    expect(readdirSync(join(dir, 'cdktf.out')).filter((e) => e.startsWith('.'))).toEqual(['.cross-account-iam-output.json']);
  });

  it('GIVEN the worker cannot make its stacks folder WHEN it finishes THEN the error keeps the code, system call and path of the failed write', () => {
    const dir = tempDir();
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const worker = startAccountWorker({ model: resolveModel(ORG), offline: false, format: 'json', stacksDir: join(blocker, 'staging') });
    expect(worker).toBeDefined();
    let error: NodeJS.ErrnoException | undefined;
    try {
      worker!.finish();
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error).toMatchObject({ code: 'ENOTDIR', syscall: 'mkdir' });
    expect(error?.path).toContain(blocker);
  });

  it('GIVEN a running worker WHEN it is cancelled THEN it stops writing before the last account', () => {
    const dir = tempDir();
    const stacks = join(dir, 'staging');
    mkdirSync(stacks);
    const worker = startAccountWorker({ model: resolveModel(validateSpec(generateSpec(60), 'org.yaml')), offline: false, format: 'json', stacksDir: stacks });
    worker!.cancel();
    const written = readdirSync(join(stacks, 'stacks'), { withFileTypes: true }).length;
    expect(written).toBeLessThan(60);
    expect(readdirSync(stacks)).not.toContain('manifest.json');
  });

  it('GIVEN the default example (under 3000 accounts) WHEN synthesized with SYNTH_WORKER unset THEN no worker is started', () => {
    const start = startAccountWorker as jest.MockedFunction<typeof startAccountWorker>;
    start.mockClear();
    const dir = tempDir();
    synthesize(loadSpec(''), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), env: {} });
    expect(start).not.toHaveBeenCalled();
    synthInto(tempDir(), 'on', loadSpec(''));
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('GIVEN SYNTH_WORKER set to something else WHEN synthesized THEN it is an environment error naming the variable', () => {
    expect(() => synthInto(tempDir(), 'maybe' as 'on')).toThrow(EnvError);
    expect(() => synthInto(tempDir(), 'maybe' as 'on')).toThrow(/SYNTH_WORKER/);
  });
});
