/**
 * Which spec role trusts which: the creation order of accounts (a trust
 * naming a role needs that role to exist, IAM checks) and the role cycles
 * that make creation impossible.
 */
import { byCodePoint } from '../order';

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
   * quadratic in the number of accounts.
   */
  accountDependencies(): Map<string, string[]> {
    const graph = new Map<string, Set<string>>();
    for (const [from, tos] of this.edges) {
      const account = from.slice(0, from.indexOf('/'));
      let targets = graph.get(account);
      if (!targets) graph.set(account, (targets = new Set()));
      for (const to of tos) if (to.account !== account) targets.add(to.account);
    }
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean => {
      if (seen.has(from)) return false;
      seen.add(from);
      for (const to of graph.get(from) ?? []) if (to === target || reaches(to, target, seen)) return true;
      return false;
    };
    return new Map([...graph].map(([account, deps]) => [account, [...deps].filter((d) => !reaches(d, account))]));
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
    for (const node of [...this.edges.keys()].sort(byCodePoint)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
    return undefined;
  }
}
