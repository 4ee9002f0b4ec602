/**
 * The access diff a reviewer wants: per role, the identities that gain or lose
 * the right to assume it between two inputs. Both sides must be evaluated over
 * the same identities ({@link unionIdentities}), so an identity the new spec no
 * longer declares is still tried on the new policies.
 *
 * {@link diffAccess} sweeps each side through the principal index
 * ({@link AccessSweep}): a role is evaluated only against the identities its
 * trust or its spec can admit, and a cell it leaves out is denied, as
 * expected, on that side. Whatever changes has an allowed or undecidable cell
 * on one side, which the sweep keeps, so the result is the brute force's
 * ({@link diffMatrices} of two {@link buildMatrix}es, which
 * `__tests__/access-diff-sweep.test.ts` holds it equal to).
 */
import type { Verdict } from '../evaluate/evaluate';
import { deriveIdentities, type Identity } from '../identities/identities';
import type { Side } from '../sources/inputs';
import { matrixIdentity, type AccessMatrix, type MatrixCell } from './matrix';
import { AccessSweep } from './sweep';

export type ChangeKind = 'gains' | 'loses' | 'undecidable';

export interface AccessChange {
  readonly identity: string;
  readonly kind: string;
  readonly change: ChangeKind;
  readonly before: Verdict | 'absent';
  readonly after: Verdict | 'absent';
  /** What the new spec declares for the pair; a gain it does not declare deserves a second look. */
  readonly expectedAfter?: 'allow' | 'deny';
  /** The deciding statement on the side that allows (after for a gain, before for a loss). */
  readonly deciding: string;
}

export interface RoleDiff {
  readonly role: string;
  readonly status: 'added' | 'removed' | 'changed';
  readonly changes: readonly AccessChange[];
}

export interface AccessDiff {
  readonly before: string;
  readonly after: string;
  readonly roles: readonly RoleDiff[];
  readonly unchangedRoles: number;
}

/** All identities of several specs, merged by id (origins concatenated), in first-seen order. */
export function unionIdentities(...lists: readonly (readonly Identity[])[]): Identity[] {
  const byId = new Map<string, Identity>();
  for (const list of lists) {
    for (const i of list) {
      const seen = byId.get(i.id);
      const more = seen ? i.origins.filter((o) => !seen.origins.some((s) => s.role === o.role && s.variant === o.variant)) : [];
      if (!seen) byId.set(i.id, i);
      else if (more.length > 0) byId.set(i.id, { ...seen, origins: [...seen.origins, ...more] });
    }
  }
  return [...byId.values()];
}

/** One side of a diff, as {@link diffSides} reads it. */
interface DiffSide {
  /** Where the policies came from. */
  readonly source: string;
  /** The role keys (`account/role`), in order. */
  readonly roles: readonly string[];
  /** The identities evaluated, in order, with what they are. */
  readonly identities: readonly { readonly id: string; readonly kind: string }[];
  /**
   * Per role, its cells by identity: at least every cell that is allowed,
   * undecidable or expected to allow ({@link mayChange}). A cell missing for
   * a listed role is denied, as expected.
   */
  readonly cells: ReadonlyMap<string, ReadonlyMap<string, MatrixCell>>;
}

/** Whether a cell can take part in a change: the others are denied on their side, which the diff assumes of a missing cell. */
const mayChange = (c: MatrixCell) => c.actual !== 'deny' || c.expected === 'allow';

/** A cell a side leaves out: denied, as expected (never an allowing or undecidable side, so its reason is never shown). */
const DENIED: Pick<MatrixCell, 'actual' | 'expected' | 'deciding' | 'reason'> = { actual: 'deny', expected: 'deny', deciding: '', reason: '' };

function changeOf(before: Verdict | 'absent', after: Verdict | 'absent'): ChangeKind | undefined {
  if ((before === 'cannot-decide') !== (after === 'cannot-decide')) return before === 'allow' ? 'loses' : after === 'allow' ? 'gains' : 'undecidable';
  if (before === 'allow' && after !== 'allow') return 'loses';
  if (after === 'allow' && before !== 'allow') return 'gains';
  return undefined;
}

/** Per role, the cells of each identity, from cells in any order. */
function cellsByRole(cells: Iterable<MatrixCell>): Map<string, Map<string, MatrixCell>> {
  const out = new Map<string, Map<string, MatrixCell>>();
  for (const c of cells) {
    let row = out.get(c.role);
    if (!row) out.set(c.role, (row = new Map()));
    row.set(c.identity, c);
  }
  return out;
}

/**
 * The diff of two sides: roles in the after side's order, then the roles
 * only before had; per role, the identities whose verdict changes, in
 * identity order. Only the cells the sides hold are looked at.
 */
function diffSides(before: DiffSide, after: DiffSide): AccessDiff {
  const kinds = new Map([...before.identities, ...after.identities].map((i) => [i.id, i.kind]));
  const position = new Map<string, number>();
  for (const i of [...after.identities, ...before.identities]) if (!position.has(i.id)) position.set(i.id, position.size);
  const [hadBefore, hasAfter] = [new Set(before.roles), new Set(after.roles)];
  const order = [...new Set([...after.roles, ...before.roles])];
  const roles: RoleDiff[] = [];
  let unchanged = 0;
  for (const role of order) {
    const [inBefore, inAfter] = [hadBefore.has(role), hasAfter.has(role)];
    const rb = before.cells.get(role);
    const ra = after.cells.get(role);
    const identities = [...new Set([...(rb?.keys() ?? []), ...(ra?.keys() ?? [])])].sort((x, y) => position.get(x)! - position.get(y)!);
    const changes: AccessChange[] = [];
    for (const identity of identities) {
      const cb = rb?.get(identity) ?? (inBefore ? DENIED : undefined);
      const ca = ra?.get(identity) ?? (inAfter ? DENIED : undefined);
      const change = changeOf(cb?.actual ?? 'absent', ca?.actual ?? 'absent');
      if (!change) continue;
      const allowing = change === 'loses' ? cb : ca;
      changes.push({
        identity,
        kind: kinds.get(identity) ?? '',
        change,
        before: cb?.actual ?? 'absent',
        after: ca?.actual ?? 'absent',
        expectedAfter: ca?.expected,
        deciding: change === 'undecidable' ? (ca?.actual === 'cannot-decide' ? ca.reason : (cb?.reason ?? '')) : (allowing?.deciding ?? ''),
      });
    }
    const status = !inBefore ? 'added' : !inAfter ? 'removed' : 'changed';
    if (changes.length === 0 && status === 'changed') unchanged++;
    else roles.push({ role, status, changes });
  }
  return { before: before.source, after: after.source, roles, unchangedRoles: unchanged };
}

/** A brute-force matrix as a diff side: every cell. */
function matrixSide(m: AccessMatrix): DiffSide {
  return { source: m.source, roles: m.roles.map((r) => r.key), identities: m.identities, cells: cellsByRole(m.cells) };
}

/**
 * A sweep as a diff side: of each role's notable cells, those that may change
 * (every cell the sweep leaves out is denied, as expected).
 */
function sweepSide(sweep: AccessSweep): DiffSide {
  const cells = new Map<string, Map<string, MatrixCell>>();
  for (const r of sweep.results()) {
    const kept = r.cells.filter(mayChange);
    if (kept.length > 0) cells.set(r.role.key, new Map(kept.map((c) => [c.identity, c])));
  }
  return { source: sweep.policies.source, roles: sweep.roles.map((r) => r.key), identities: sweep.identities.map(matrixIdentity), cells };
}

/** The diff of two brute-force matrices, evaluated over the same identities. */
export function diffMatrices(before: AccessMatrix, after: AccessMatrix): AccessDiff {
  return diffSides(matrixSide(before), matrixSide(after));
}

/**
 * The diff of two inputs, each side swept through the principal index over
 * the identities of both specs: the same result as {@link diffMatrices} of
 * their brute-force matrices, in time near-linear in the size of the specs.
 */
export function diffAccess(before: Side, after: Side): AccessDiff {
  const identities = unionIdentities(deriveIdentities(before.model), deriveIdentities(after.model));
  return diffSides(sweepSide(new AccessSweep(before.model, before.policies, identities)), sweepSide(new AccessSweep(after.model, after.policies, identities)));
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderDiffMarkdown(d: AccessDiff): string {
  const out = ['# Access diff', '', `Before: ${code(d.before)}`, `After: ${code(d.after)}`, ''];
  if (d.roles.length === 0) {
    out.push(`No role gains or loses access (${d.unchangedRoles} roles compared).`, '');
    return out.join('\n');
  }
  const gains = d.roles.reduce((n, r) => n + r.changes.filter((c) => c.change === 'gains').length, 0);
  const losses = d.roles.reduce((n, r) => n + r.changes.filter((c) => c.change === 'loses').length, 0);
  const surprises = d.roles.reduce((n, r) => n + r.changes.filter((c) => c.change === 'gains' && c.expectedAfter !== 'allow').length, 0);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  out.push(
    `${n(d.roles.length, 'role')} change${d.roles.length === 1 ? 's' : ''}: ${n(gains, 'grant')} gained, ${losses} lost${surprises ? `, **${surprises} gained but not declared by the new spec**` : ''}. ${n(d.unchangedRoles, 'role')} unchanged.`,
    '',
  );
  for (const r of d.roles) {
    out.push(`## ${code(r.role)}${r.status === 'changed' ? '' : ` (${r.status})`}`, '');
    if (r.changes.length === 0) {
      out.push(`Nobody could assume it ${r.status === 'added' ? 'after' : 'before'} either.`, '');
      continue;
    }
    out.push('| change | identity | kind | before → after | deciding statement |', '|---|---|---|---|---|');
    for (const c of r.changes) {
      const flag = c.change === 'gains' && c.expectedAfter !== 'allow' ? ' **(not declared)**' : '';
      out.push(`| **${c.change}**${flag} | ${code(c.identity)} | ${cell(c.kind)} | ${c.before} → ${c.after} | ${cell(c.deciding)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
