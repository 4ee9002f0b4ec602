/**
 * What an access report keeps while the sweep goes: counts, every exception
 * (failing or undecidable cell), each role's rendered section, and what the
 * chains need. Nothing of roles × identities is held: a role's notable cells
 * are rendered and dropped (the caller may keep them, e.g. for a small grid).
 */
import { generatedNotice } from '../../names';
import { pushTo } from '../../group-by';
import { ChainCollector, DEFAULT_HOPS, type Chain, type ChainReport } from '../proof/chains';
import { matrixIdentity, summarize, type AccessMatrix, type MatrixCell, type MatrixIdentity } from '../proof/matrix';
import { cellReason, cellText, code, roleSection } from './render-matrix';
import type { AccessSweep, RoleResult } from '../proof/sweep';

export type AccessSummary = AccessMatrix['summary'] & {
  readonly roles: number;
  readonly identities: number;
  /** Cells actually evaluated; the others cannot match the trust policies' principals. */
  readonly evaluated: number;
};

export interface AccountCounts {
  readonly account: string;
  readonly accountId: string;
  roles: number;
  allowed: number;
  failures: number;
  cannotDecide: number;
}

export class AccessReport {
  readonly exceptions: MatrixCell[] = [];
  readonly accounts = new Map<string, AccountCounts>();
  /** Each account's role sections, in role order (only with `keepSections`). */
  readonly sections = new Map<string, string[]>();
  private readonly chains: ChainCollector;
  private readonly identityInfo: Map<string, MatrixIdentity>;
  private counts = { expectedAllow: 0, allowed: 0, failures: 0, cannotDecide: 0, evaluated: 0 };

  /** `accountReports`: sections for the account reports, which give no organization-wide count ({@link roleSection}). */
  constructor(
    readonly sweep: AccessSweep,
    private readonly options: {
      readonly hops?: number;
      readonly keepSections?: boolean;
      readonly headingLevel?: number;
      readonly accountReports?: boolean;
    } = {},
  ) {
    this.chains = new ChainCollector(sweep, options.hops ?? DEFAULT_HOPS);
    this.identityInfo = new Map(sweep.identities.map((i) => [i.id, matrixIdentity(i)]));
  }

  identity(id: string): MatrixIdentity | undefined {
    return this.identityInfo.get(id);
  }

  /** {@link identity} as a function that holds only the identities, not the report and its sweep (for what outlives the sweep). */
  identityLookup(): (id: string) => MatrixIdentity | undefined {
    const info = this.identityInfo;
    return (id) => info.get(id);
  }

  /** Takes one role's result; returns its markdown section (empty when `keepSections` is false: nothing will be written). */
  add(r: RoleResult): string {
    const s = summarize(r.cells, 0);
    this.counts.expectedAllow += s.expectedAllow;
    this.counts.allowed += s.allowed;
    this.counts.failures += s.failures;
    this.counts.cannotDecide += s.cannotDecide;
    this.counts.evaluated += r.evaluated;
    for (const c of r.cells) if (!c.ok || c.actual === 'cannot-decide') this.exceptions.push(c);
    let a = this.accounts.get(r.role.account);
    if (!a)
      this.accounts.set(r.role.account, (a = { account: r.role.account, accountId: r.role.accountId, roles: 0, allowed: 0, failures: 0, cannotDecide: 0 }));
    a.roles++;
    a.allowed += s.allowed;
    a.failures += s.failures;
    a.cannotDecide += s.cannotDecide;
    this.chains.add(r);
    if (this.options.keepSections === false) return '';
    const section = roleSection(
      r.role,
      r.cells,
      (id) => this.identityInfo.get(id),
      this.options.accountReports ? undefined : this.sweep.identities.length,
      this.options.headingLevel ?? 2,
    );
    if (this.options.keepSections) pushTo(this.sections, r.role.account, section);
    return section;
  }

  get summary(): AccessSummary {
    const { evaluated, ...c } = this.counts;
    return { cells: this.sweep.checks, ...c, roles: this.sweep.roles.length, identities: this.sweep.identities.length, evaluated };
  }

  /** After the last role: the chains. */
  finish(): ChainReport {
    return this.chains.finish();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A failing or undecidable check on one line: role, identity, expected and actual verdicts, deciding statement, reason. */
export const exceptionText = (c: MatrixCell) =>
  `${c.role} <- ${c.identity}: expected ${c.expected}, got ${c.actual}${c.deciding ? ` (${c.deciding})` : ''}: ${c.reason}`;

/** `identity` → `a/x` → `b/y`. */
export const chainText = (c: Chain) => [c.identity, ...c.roles].map(code).join(' → ');

/** The count line every report starts with. */
export function countsLine(s: AccessSummary): string {
  const head = s.failures === 0 ? 'All checks pass.' : `**${s.failures} checks fail.**`;
  return `${head} ${s.roles} roles × ${s.identities} identities = ${s.cells} checks (${s.evaluated} evaluated, the others cannot match a trust policy's principals): ${s.allowed} allowed (${s.expectedAllow} declared), ${s.failures} failing, ${s.cannotDecide} cannot decide.`;
}

/** The chains into the given roles, and the flags that concern them, as markdown (empty when none). */
/** Positions in a chain report's lists, by the role they concern. */
interface ChainPositions {
  readonly into: Map<string, number[]>;
  readonly cycles: Map<string, number[]>;
  readonly long: Map<string, number[]>;
}

/**
 * Memo of {@link chainsMarkdown}'s lookups, by chain report: each account's
 * report picks the chains into its own roles, and scanning every chain of the
 * organization for each account was quadratic. A report is never changed once
 * finished ({@link ChainCollector.finish}), so its positions stay valid.
 */
const positionsOf = new WeakMap<ChainReport, ChainPositions>();

function chainPositions(chains: ChainReport): ChainPositions {
  let p = positionsOf.get(chains);
  if (p) return p;
  p = { into: new Map(), cycles: new Map(), long: new Map() };
  chains.chains.forEach((c, i) => pushTo(p!.into, c.roles[c.roles.length - 1], i));
  chains.flags.cycles.forEach((c, i) => new Set(c).forEach((r) => pushTo(p!.cycles, r, i)));
  chains.flags.longSessions.forEach((l, i) => pushTo(p!.long, l.role, i));
  positionsOf.set(chains, p);
  return p;
}

/** The items of `list` at the positions filed under any of `roles`, in list order (what `list.filter` over `roles` gives). */
function pick<T>(list: readonly T[], byRole: ReadonlyMap<string, readonly number[]>, roles: ReadonlySet<string>): T[] {
  const at = new Set<number>();
  for (const r of roles) for (const i of byRole.get(r) ?? []) at.add(i);
  return [...at].sort((a, b) => a - b).map((i) => list[i]);
}

export function chainsMarkdown(chains: ChainReport, roles: ReadonlySet<string>, headingLevel: number): string {
  const h = '#'.repeat(headingLevel);
  const positions = chainPositions(chains);
  const into = pick(chains.chains, positions.into, roles);
  const cycles = pick(chains.flags.cycles, positions.cycles, roles);
  const long = pick(chains.flags.longSessions, positions.long, roles);
  if (into.length === 0 && cycles.length === 0 && long.length === 0) return '';
  const out = [`${h} Role chains (up to ${chains.hops} hops)`, ''];
  if (into.length > 0) {
    out.push('Who reaches these roles through other roles: the first identity, then each role it assumes in turn.', '');
    for (const c of into) out.push(`- ${chainText(c)}${c.declared ? '' : ' — **not declared by the spec**'}`);
    out.push('');
  }
  for (const c of cycles) out.push(`- **cycle**: ${c.map(code).join(', ')} can assume each other in a loop`);
  for (const l of long) {
    out.push(
      `- **maxSessionDuration ${l.maxSessionDuration}** on ${code(l.role)}, reached by role chaining from ${l.reachedFrom.map(code).join(', ')}: AWS caps a chained session at 3600 s, so the setting does not hold there`,
    );
  }
  if (cycles.length > 0 || long.length > 0) out.push('');
  return out.join('\n');
}

/** `modules/<account>/ACCESS.md`: the account's roles, their callers, the near-misses tried, and the chains into them. */
export function accountMarkdown(spec: string, account: AccountCounts, sections: readonly string[], chains: ChainReport, roles: ReadonlySet<string>): string {
  const chainPart = chainsMarkdown(chains, roles, 2);
  return [
    `# Access: ${code(account.account)} (${account.accountId})`,
    '',
    generatedNotice(spec, 'markdown'),
    '',
    'Who can assume each role of this account, checked offline against the trust and identity policies of these modules: every declared workload, and the near-misses tried around it. The organization view is [../ACCESS.md](../ACCESS.md).',
    '',
    `${plural(account.roles, 'role')}: ${plural(account.allowed, 'allowed check')}, ${account.failures} failing, ${account.cannotDecide} cannot decide.`,
    '',
    ...sections.flatMap((s) => [s, '']),
    ...(chainPart ? [chainPart] : []),
  ].join('\n');
}

/** Every exception as a table (or the line saying there is none). */
export function exceptionsMarkdown(exceptions: readonly MatrixCell[]): string {
  if (exceptions.length === 0) return 'None: every check gives what the spec declares.';
  return [
    '| role | identity | expected | result | deciding statement / reason |',
    '|---|---|---|---|---|',
    ...exceptions.map((c) => `| ${code(c.role)} | ${code(c.identity)} | ${c.expected} | ${c.actual} | ${cellText(cellReason(c))} |`),
  ].join('\n');
}
