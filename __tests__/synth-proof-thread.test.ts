/**
 * A large synth proves access on a worker thread while its own thread lints
 * and writes the accounts' files (src/access/proof-thread.ts). The output
 * must not depend on it: the same bytes with and without the thread, the
 * unchanged files of a replaced tree kept (same inode), nothing written when
 * the proof or the lint fails, and the thread's own failure an error on the
 * caller's thread. `SYNTH_WORKER=on` forces the thread on a small spec.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { AccessProofError, EnvError, SpecError } from '../src/errors';
import { validateSpec, parseSpecYaml } from '../src/input/load';
import type { Spec } from '../src/input/schema';
import { startProofThread } from '../src/access/proof-thread';
import { loadSpec, synthesize, type SynthOptions } from '../src/synth';
import { readTree, tempDir } from './helpers/synth';
import { deniedSpec } from './helpers/denied-spec';

// Calls through to the real function; counted, to see when synth starts the thread.
jest.mock('../src/access/proof-thread', () => {
  const real = jest.requireActual('../src/access/proof-thread');
  return { ...real, startProofThread: jest.fn(real.startProofThread) };
});

const ORG = validateSpec(generateSpec(12), 'org.yaml');

function synthInto(dir: string, worker: 'on' | 'off', loaded = ORG, extra: SynthOptions = {}) {
  return synthesize(loaded, { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), env: { SYNTH_WORKER: worker }, ...extra });
}

describe('synth with the access proof thread', () => {
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

  it('GIVEN a spec the thread cannot resolve WHEN it finishes THEN its error is thrown on the calling thread and no report is handed over', () => {
    const written: string[] = [];
    const thread = startProofThread({ file: 'broken.yaml', spec: { accounts: 'not a list' } as unknown as Spec, reports: true });
    expect(thread).toBeDefined();
    expect(() => thread!.finish((path) => written.push(path))).toThrow(/accounts|map|iterable|function/);
    expect(written).toEqual([]);
  });

  it('GIVEN a running thread WHEN it is cancelled and then finished THEN finishing refuses, and nothing was handed over', () => {
    const written: string[] = [];
    const thread = startProofThread({ file: 'org.yaml', spec: validateSpec(generateSpec(60), 'org.yaml').spec, reports: true });
    thread!.cancel();
    expect(() => thread!.finish((path) => written.push(path))).toThrow(/already finished or cancelled/);
    expect(written).toEqual([]);
  });

  it('GIVEN a spec with a lint error WHEN synthesized with the thread THEN it throws the SpecError and nothing is left', () => {
    const dir = tempDir();
    const spec = generateSpec(12);
    (spec.accounts[1] as { id: unknown }).id = spec.accounts[0].id;
    const loaded = validateSpec(spec, 'org.yaml');
    expect(() => synthesize(loaded, { outdir: join(dir, 'out', 'cdktf.out'), modulesDir: join(dir, 'out', 'modules'), env: { SYNTH_WORKER: 'on' } })).toThrow(
      SpecError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('GIVEN the default example WHEN synthesized with SYNTH_WORKER unset or auto THEN no thread is started; with on, one is', () => {
    const start = startProofThread as jest.MockedFunction<typeof startProofThread>;
    start.mockClear();
    const dir = tempDir();
    synthesize(loadSpec(''), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), env: {} });
    synthesize(loadSpec(''), { outdir: join(dir, 'cdktf.out'), modulesDir: join(dir, 'modules'), env: { SYNTH_WORKER: 'auto' } });
    expect(start).not.toHaveBeenCalled();
    synthInto(tempDir(), 'on', loadSpec(''));
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('GIVEN SYNTH_WORKER set to something else WHEN synthesized THEN it is an environment error naming the variable', () => {
    expect(() => synthInto(tempDir(), 'maybe' as 'on')).toThrow(EnvError);
    expect(() => synthInto(tempDir(), 'maybe' as 'on')).toThrow(/SYNTH_WORKER/);
  });
});
