/**
 * Which spec role trusts which: the creation order of accounts (a trust
 * naming a role needs that role to exist, IAM checks) and the role cycles
 * that make creation impossible.
 */
import { sortByCodePoint } from '../order';

export interface RoleKey {
  readonly account: string;
  readonly name: string;
}

export class TrustEdges {
  /** `account/role` of the trusting role -> the roles it trusts, in the order recorded. */
  private readonly edges = new Map<string, RoleKey[]>();

  add(from: RoleKey, to: RoleKey): void {
    const key = `${from.account}/${from.name}`;
    const list = this.edges.get(key);
    if (list) list.push(to);
    else this.edges.set(key, [to]);
  }

  /**
   * Per account, the other accounts holding roles its roles trust, minus the
   * edges that would close a cycle of accounts, in the order first recorded.
   * The account graph is built once: scanning every edge per account was
   * quadratic in the number of accounts. An edge closes a cycle when its
   * target reaches back to its source, that is when both are in one strongly
   * connected component of the graph, found once for all (rather than a
   * search from every edge's target).
   */
  accountDependencies(): Map<string, string[]> {
    const graph = new Map<string, Set<string>>();
    for (const [from, tos] of this.edges) {
      const account = from.slice(0, from.indexOf('/'));
      let targets = graph.get(account);
      if (!targets) graph.set(account, (targets = new Set()));
      for (const to of tos) if (to.account !== account) targets.add(to.account);
    }
    const component = components(graph);
    return new Map([...graph].map(([account, deps]) => [account, [...deps].filter((d) => component.get(d) !== component.get(account))]));
  }

  /** The first cycle of roles (`account/role` names, the first repeated at the end), searching from the sorted keys; undefined without one. */
  firstCycle(): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): string[] | undefined => {
      if (state.get(node) === 'done') return undefined;
      if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
      state.set(node, 'open');
      stack.push(node);
      for (const to of this.edges.get(node) ?? []) {
        const cycle = visit(`${to.account}/${to.name}`);
        if (cycle) return cycle;
      }
      stack.pop();
      state.set(node, 'done');
      return undefined;
    };
    for (const node of sortByCodePoint([...this.edges.keys()])) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
    return undefined;
  }
}

/**
 * The strongly connected component of every node of `graph` (nodes only
 * named as targets included), by Tarjan's algorithm without recursion: two
 * nodes share a number when each reaches the other.
 */
function components(graph: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0;
  let count = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    // Each frame: a node and the iterator over its targets.
    const frames: [string, Iterator<string>][] = [];
    const open = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      frames.push([node, (graph.get(node) ?? new Set<string>()).values()]);
    };
    open(start);
    while (frames.length > 0) {
      const [node, targets] = frames[frames.length - 1];
      const step = targets.next();
      if (!step.done) {
        const to = step.value;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        for (;;) {
          const member = stack.pop()!;
          onStack.delete(member);
          component.set(member, count);
          if (member === node) break;
        }
        count++;
      }
    }
  }
  return component;
}
