/**
 * The accounts an account's stack depends on (src/model/trust-edges.ts): the
 * accounts its roles trust, minus those that reach back to it. The strongly
 * connected components give what a search from every edge's target gave (the
 * reference below), on random trust graphs.
 */
import fc from 'fast-check';
import { TrustEdges, type RoleKey } from '../src/model/trust-edges';

/** The reference: per account, its targets in the order recorded, but those from which a search reaches the account. */
function searched(edges: readonly [RoleKey, RoleKey][]): Map<string, string[]> {
  const graph = new Map<string, Set<string>>();
  for (const [from, to] of edges) {
    let targets = graph.get(from.account);
    if (!targets) graph.set(from.account, (targets = new Set()));
    if (to.account !== from.account) targets.add(to.account);
  }
  const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (seen.has(from)) return false;
    seen.add(from);
    for (const to of graph.get(from) ?? []) if (to === target || reaches(to, target, seen)) return true;
    return false;
  };
  return new Map([...graph].map(([account, deps]) => [account, [...deps].filter((d) => !reaches(d, account))]));
}

const role = fc.record({ account: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), name: fc.constantFrom('r', 's', 't') });

describe('account dependencies', () => {
  it('GIVEN random trust between roles of a few accounts WHEN the dependencies are computed THEN they are the search’s, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(role, role), { maxLength: 30 }), (pairs) => {
        const edges = new TrustEdges();
        for (const [from, to] of pairs) edges.add(from, to);
        // Recorded per trusting role, in the order roles first trusted: the reference walks the same order.
        const grouped = new Map<string, [RoleKey, RoleKey][]>();
        for (const [from, to] of pairs) {
          const key = `${from.account}/${from.name}`;
          grouped.set(key, [...(grouped.get(key) ?? []), [from, to]]);
        }
        expect(edges.accountDependencies()).toEqual(searched([...grouped.values()].flat()));
      }),
      { numRuns: 500 },
    );
  });

  it('GIVEN accounts in a cycle and one outside it WHEN the dependencies are computed THEN only the edge out of the cycle is kept', () => {
    const edges = new TrustEdges();
    edges.add({ account: 'a', name: 'r' }, { account: 'b', name: 'r' });
    edges.add({ account: 'b', name: 'r' }, { account: 'c', name: 'r' });
    edges.add({ account: 'c', name: 'r' }, { account: 'a', name: 'r' });
    edges.add({ account: 'c', name: 's' }, { account: 'd', name: 'r' });
    expect(edges.accountDependencies()).toEqual(
      new Map([
        ['a', []],
        ['b', []],
        ['c', ['d']],
      ]),
    );
  });
});
