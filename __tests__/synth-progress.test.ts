/**
 * `SynthOptions.onProgress`, the hook through which the CLI keeps a large synth's heap near what it
 * holds (src/cli/heap.ts): called after each role proved on synth's thread and each file handed to the
 * writer, and with `'released'` once, when the proof's sweep has been let go, before the reports.
 */
import { join } from 'node:path';
import { generateSpec } from '../bench/spec-gen';
import { validateSpec } from '../src/input/load';
import { synthesize } from '../src/synth';
import { readTree, tempDir } from './helpers/synth';

const ORG = validateSpec(generateSpec(3), 'org.yaml');
const ROLES = ORG.spec.accounts.reduce((n, a) => n + (a.roles?.length ?? 0), 0);

function synthWith(worker: 'on' | 'off') {
  const dir = tempDir();
  const events: (string | undefined)[] = [];
  const modules = join(dir, 'modules');
  synthesize(ORG, { outdir: join(dir, 'cdktf.out'), modulesDir: modules, env: { SYNTH_WORKER: worker }, onProgress: (e) => events.push(e) });
  return { events, moduleFiles: readTree(modules).size };
}

describe('synth progress hook', () => {
  it('GIVEN the proof on synth thread WHEN synthesized THEN the hook hears every role, every module file and one release, between the roles and the files', () => {
    const { events, moduleFiles } = synthWith('off');
    expect(ROLES).toBe(60);
    const released = events.flatMap((e, i) => (e === 'released' ? [i] : []));
    expect(released).toEqual([ROLES]);
    // Every module file (reports, marker and index included, less the few written at the commit) was handed over with a tick after it.
    expect(events.length - ROLES - 1).toBeGreaterThanOrEqual(moduleFiles - 3);
  });

  it('GIVEN the proof on its own thread WHEN synthesized THEN no role is heard on this thread and nothing is said released', () => {
    const { events } = synthWith('on');
    expect(events).not.toContain('released');
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(synthWith('off').events.length);
  });
});
