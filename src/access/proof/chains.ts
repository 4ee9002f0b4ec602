/**
 * Role chains: who reaches a role through other roles, in up to N hops.
 *
 * Hop 1 is a cell of the sweep: an identity assumes a role. A later hop goes
 * from a reached role R to a role S when S's trust admits R or a session of R
 * and, where IAM needs it (another account, or trust only through R's
 * account), R's identity policies allow `sts:AssumeRole` on S: the same
 * evaluation as any cell ({@link evaluateAssumeRole}). Hops come from the
 * sweep's allowed cells whose identity is a role of the input (its ARN, a
 * session, with the external id the spec gives it) and from a session of
 * every role tried against the roles whose trust can name it.
 *
 * A chain is declared when every hop is: its first identity is a declared
 * caller of its first role, and each later role declares the one before it
 * (an `aws-role` trust entry naming it). Flags: an undeclared chain, a cycle
 * of roles, and a role reached by a hop whose `maxSessionDuration` is above
 * 3600 (AWS caps role-chained sessions at one hour).
 */
import { byCodePoint } from '../../order';
import { groupBy, pushTo } from '../../group-by';
import { sessionArn, type Identity } from '../identities/caller';
import type { MatrixCell } from './matrix';
import { callerKey } from '../evaluate/policy-set';
import { awsPrincipalParts } from '../evaluate/request';
import type { AccessSweep, RoleResult } from './sweep';

/** @default 3 */
export const DEFAULT_HOPS = 3;
/** AWS caps a role-chained session at one hour, whatever the role's maxSessionDuration. */
export const CHAINED_SESSION_CAP = 3600;

export interface RoleHop {
  readonly from: string;
  readonly to: string;
  readonly declared: boolean;
  /** The identity that made the hop (the role's ARN or a session of it) and the deciding statement. */
  readonly identity: string;
  readonly deciding: string;
}

export interface Chain {
  /** The identity that starts the chain. */
  readonly identity: string;
  /** The roles, first reached to last (the role the chain reaches); at least two. */
  readonly roles: readonly string[];
  readonly declared: boolean;
}

export interface ChainReport {
  readonly hops: number;
  /** Role-to-role hops, in role order. */
  readonly edges: readonly RoleHop[];
  /** Every chain of 2..hops hops, grouped by the role it reaches, in role order. */
  readonly chains: readonly Chain[];
  readonly flags: {
    readonly undeclared: readonly Chain[];
    /** Each cycle as its roles in role order (a role that can assume itself is a cycle of one). */
    readonly cycles: readonly (readonly string[])[];
    readonly longSessions: readonly { readonly role: string; readonly maxSessionDuration: number; readonly reachedFrom: readonly string[] }[];
  };
}

interface Start {
  readonly identity: number;
  readonly declared: boolean;
}

/** Collects what chains need from the sweep's results, then computes them. */
export class ChainCollector {
  private readonly roleOf = new Map<string, number>();
  private readonly starts = new Map<number, Start[]>();
  private readonly edges = new Map<string, { from: number; to: number; declared: boolean; identity: string; deciding: string }>();
  private readonly identityIndex: Map<string, number>;

  constructor(
    private readonly sweep: AccessSweep,
    private readonly hops = DEFAULT_HOPS,
  ) {
    sweep.inputs.forEach((input, i) => {
      if (input) this.roleOf.set(callerKey(input.accountId, input.name), i);
    });
    this.identityIndex = new Map(sweep.identities.map((x, n) => [x.id, n]));
  }

  /** The input role an identity is (its ARN or a session of it), if any. */
  private roleIdentity(identity: Identity): number | undefined {
    if (identity.caller.kind !== 'aws') return undefined;
    const parts = awsPrincipalParts(identity.caller.arn);
    return parts?.roleName && parts.kind !== 'other' ? this.roleOf.get(callerKey(parts.account, parts.roleName)) : undefined;
  }

  private edge(from: number, to: number, c: MatrixCell): void {
    const key = `${from} ${to}`;
    const seen = this.edges.get(key);
    if (!seen || (!seen.declared && c.expected === 'allow'))
      this.edges.set(key, { from, to, declared: c.expected === 'allow', identity: c.identity, deciding: c.deciding });
  }

  /** Takes one role's result, as the sweep produces it. */
  add(result: RoleResult): void {
    for (const c of result.cells) {
      if (c.actual !== 'allow') continue;
      const n = this.identityIndex.get(c.identity)!;
      const from = this.roleIdentity(this.sweep.identities[n]);
      if (from !== undefined) this.edge(from, result.index, c);
      else {
        pushTo(this.starts, result.index, { identity: n, declared: c.expected === 'allow' });
      }
    }
  }

  /** A session of every role, tried on the roles whose trust can name it: hops no identity of the spec made. */
  private sessionHops(): void {
    const { sweep } = this;
    sweep.inputs.forEach((input, from) => {
      if (!input) return;
      const arn = sessionArn(input.partition, input.accountId, input.name);
      const identity: Identity = { id: arn, caller: { kind: 'aws', arn }, origins: [] };
      for (const to of sweep.rolesFor(identity.caller)) {
        if (this.edges.has(`${from} ${to}`)) continue;
        const c = sweep.cell(to, identity);
        if (c.actual === 'allow') this.edge(from, to, c);
      }
    });
  }

  finish(): ChainReport {
    this.sessionHops();
    const key = (i: number) => this.sweep.roles[i].key;
    const edges = [...this.edges.values()].sort((a, b) => a.to - b.to || a.from - b.from);
    const into = groupBy(edges, (e) => e.to);

    const chains: Chain[] = [];
    const walk = (path: number[], declared: boolean) => {
      // path: roles from the first reached back-to-front: path[0] is the earliest role so far.
      for (const s of this.starts.get(path[0]) ?? []) {
        chains.push({ identity: this.sweep.identities[s.identity].id, roles: path.map(key), declared: declared && s.declared });
      }
      if (path.length >= this.hops) return;
      for (const e of into.get(path[0]) ?? []) if (!path.includes(e.from)) walk([e.from, ...path], declared && e.declared);
    };
    const targets = [...into.keys()].sort((a, b) => a - b);
    for (const to of targets) {
      const before = chains.length;
      for (const e of into.get(to)!) if (e.from !== to) walk([e.from, to], e.declared);
      sortFrom(chains, before);
    }

    const longSessions = targets
      .map((to) => ({ to, max: this.sweep.inputs[to]?.maxSessionDuration }))
      .filter((x): x is { to: number; max: number } => x.max !== undefined && x.max > CHAINED_SESSION_CAP)
      .map(({ to, max }) => ({ role: key(to), maxSessionDuration: max, reachedFrom: into.get(to)!.map((e) => key(e.from)) }));

    return {
      hops: this.hops,
      edges: edges.map((e) => ({ from: key(e.from), to: key(e.to), declared: e.declared, identity: e.identity, deciding: e.deciding })),
      chains,
      flags: { undeclared: chains.filter((c) => !c.declared), cycles: cyclesOf(this.sweep.roles.length, edges).map((c) => c.map(key)), longSessions },
    };
  }
}

/** Sorts the chains added since `from` by length, then path, then identity: stable output. */
function sortFrom(chains: Chain[], from: number): void {
  const tail = chains
    .splice(from)
    .sort((a, b) => a.roles.length - b.roles.length || byCodePoint(a.roles.join(' '), b.roles.join(' ')) || byCodePoint(a.identity, b.identity));
  chains.push(...tail);
}

/** Strongly connected components of more than one role, and roles that assume themselves (Tarjan, iterative). */
function cyclesOf(n: number, edges: readonly { from: number; to: number }[]): number[][] {
  const out = new Map<number, number[]>();
  for (const e of edges) pushTo(out, e.from, e.to);
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const result: number[][] = [];
  let next = 0;
  for (const root of [...out.keys()].sort((a, b) => a - b)) {
    if (index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i === 0) {
        index[v] = low[v] = next++;
        stack.push(v);
        onStack[v] = true;
      }
      const succ = out.get(v) ?? [];
      if (i < succ.length) {
        frame[1]++;
        const w = succ[i];
        if (index[w] < 0) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1][0]] = Math.min(low[work[work.length - 1][0]], low[v]);
      if (low[v] === index[v]) {
        const scc: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          scc.push(w);
        } while (w !== v);
        if (scc.length > 1 || succ.includes(v)) result.push(scc.sort((a, b) => a - b));
      }
    }
  }
  return result.sort((a, b) => a[0] - b[0]);
}
