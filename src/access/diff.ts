/**
 * The access diff a reviewer wants: per role, the identities that gain or lose
 * the right to assume it between two inputs. Both sides must be evaluated over
 * the same identities ({@link unionIdentities}), so an identity the new spec no
 * longer declares is still tried on the new policies.
 */
import type { Verdict } from './evaluate';
import type { Identity } from './identities';
import type { AccessMatrix, MatrixCell } from './matrix';

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
      byId.set(i.id, seen ? { ...seen, origins: [...seen.origins, ...i.origins.filter((o) => !seen.origins.some((s) => s.role === o.role && s.variant === o.variant))] } : i);
    }
  }
  return [...byId.values()];
}

const cellsByRole = (m: AccessMatrix) => {
  const out = new Map<string, Map<string, MatrixCell>>();
  for (const c of m.cells) {
    const row = out.get(c.role) ?? new Map<string, MatrixCell>();
    row.set(c.identity, c);
    out.set(c.role, row);
  }
  return out;
};

function changeOf(before: MatrixCell | undefined, after: MatrixCell | undefined): ChangeKind | undefined {
  const b = before?.actual ?? 'absent';
  const a = after?.actual ?? 'absent';
  if ((b === 'cannot-decide') !== (a === 'cannot-decide')) return b === 'allow' ? 'loses' : a === 'allow' ? 'gains' : 'undecidable';
  if (b === 'allow' && a !== 'allow') return 'loses';
  if (a === 'allow' && b !== 'allow') return 'gains';
  return undefined;
}

export function diffMatrices(before: AccessMatrix, after: AccessMatrix): AccessDiff {
  const b = cellsByRole(before);
  const a = cellsByRole(after);
  const kinds = new Map([...before.identities, ...after.identities].map((i) => [i.id, i.kind]));
  const order = [...new Set([...after.roles.map((r) => r.key), ...before.roles.map((r) => r.key)])];
  const identities = [...new Set([...after.identities.map((i) => i.id), ...before.identities.map((i) => i.id)])];
  const roles: RoleDiff[] = [];
  let unchanged = 0;
  for (const role of order) {
    const rb = b.get(role);
    const ra = a.get(role);
    const changes: AccessChange[] = [];
    for (const identity of identities) {
      const cb = rb?.get(identity);
      const ca = ra?.get(identity);
      const change = changeOf(cb, ca);
      if (!change) continue;
      const allowing = change === 'loses' ? cb : ca;
      changes.push({
        identity,
        kind: kinds.get(identity) ?? '',
        change,
        before: cb?.actual ?? 'absent',
        after: ca?.actual ?? 'absent',
        expectedAfter: ca?.expected,
        deciding: change === 'undecidable' ? (ca?.actual === 'cannot-decide' ? ca.reason : cb?.reason ?? '') : allowing?.deciding ?? '',
      });
    }
    const status = !rb ? 'added' : !ra ? 'removed' : 'changed';
    if (changes.length === 0 && status === 'changed') unchanged++;
    else roles.push({ role, status, changes });
  }
  return { before: before.source, after: after.source, roles, unchangedRoles: unchanged };
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
