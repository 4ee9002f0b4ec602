/**
 * The account reports at organization scale: each account's chain section is
 * picked through an index (src/access/report/report.ts), and the proof's reports
 * are written once, releasing what the proof held (src/access/report/access-md.ts).
 */
import type { Chain, ChainReport } from '../src/access/proof/chains';
import { proveAccess } from '../src/access/report/access-md';
import { chainsMarkdown } from '../src/access/report/report';
import { resolveModel } from '../src/model/resolve';
import { loadSpec } from '../src/synth';

/** The same section through plain filters over every chain: what the index must give. */
function byFilter(chains: ChainReport, roles: ReadonlySet<string>): string {
  const into = chains.chains.filter((c) => roles.has(c.roles[c.roles.length - 1]));
  const cycles = chains.flags.cycles.filter((c) => c.some((r) => roles.has(r)));
  const long = chains.flags.longSessions.filter((l) => roles.has(l.role));
  const report: ChainReport = { ...chains, chains: into, flags: { ...chains.flags, cycles, longSessions: long } };
  // A fresh report object, so the index is built over exactly these items.
  return chainsMarkdown(report, new Set([...into.flatMap((c) => c.roles), ...cycles.flat(), ...long.map((l) => l.role)]), 2);
}

/** A small pseudo-random source, so the case is the same on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('chainsMarkdown through its index', () => {
  test('GIVEN chains, cycles and long sessions over 12 roles WHEN each subset of roles asks for its section THEN it is what filtering every chain gives', () => {
    const next = random(7);
    const roles = Array.from({ length: 12 }, (_, i) => `a${i % 4}/r${i}`);
    const pick = () => roles[Math.floor(next() * roles.length)];
    const chains: Chain[] = Array.from({ length: 60 }, (_, i) => ({ identity: `id-${i}`, roles: [pick(), pick(), pick()], declared: next() < 0.5 }));
    const report: ChainReport = {
      hops: 3,
      edges: [],
      chains,
      flags: {
        undeclared: chains.filter((c) => !c.declared),
        cycles: [[pick(), pick()], [pick()], [pick(), pick(), pick()]],
        longSessions: [
          { role: pick(), maxSessionDuration: 7200, reachedFrom: [pick()] },
          { role: pick(), maxSessionDuration: 43200, reachedFrom: [pick(), pick()] },
        ],
      },
    };
    for (let n = 0; n < 200; n++) {
      const subset = new Set(roles.filter(() => next() < 0.3));
      expect(chainsMarkdown(report, subset, 2)).toBe(byFilter(report, subset));
    }
  });
});

describe('AccessProof.writeDocs', () => {
  test('GIVEN the default example proved WHEN its reports are written twice THEN the second call fails instead of writing empty sections', () => {
    const proof = proveAccess(resolveModel(loadSpec('')));
    const files = new Map<string, string>();
    proof.writeDocs((path, content) => files.set(path, content));
    expect([...files.keys()]).toEqual(expect.arrayContaining(['ACCESS.md', 'access.html']));
    expect([...files.values()].every((c) => c.length > 0)).toBe(true);
    expect(() => proof.writeDocs(() => undefined)).toThrow(/already written/);
  });
});
