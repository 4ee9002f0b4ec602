/**
 * The access matrix as text: a compact roles × identities grid (one character
 * per check), then per role the identities that concern it, with the verdict
 * and the deciding statement. Byte-identical for the same input.
 */
import { groupBy } from '../../group-by';
import { VARIANT_TEXT, type Origin } from '../identities/identities';
import { isNotable, type AccessMatrix, type MatrixCell, type MatrixRole } from '../proof/matrix';

const MARK = { okAllow: 'A', okDeny: '.', badAllow: 'X', badDeny: '-', unknown: '?' } as const;

function mark(c: MatrixCell): string {
  if (c.actual === 'cannot-decide') return MARK.unknown;
  if (c.actual === 'allow') return c.ok ? MARK.okAllow : MARK.badAllow;
  return c.ok ? MARK.okDeny : MARK.badDeny;
}

// Most text has none of the characters replaced: test before replacing (these run for every row of every report).
export const cellText = (s: string) => (s.includes('|') || s.includes('\n') ? s.replace(/\|/g, '\\|').replace(/\n/g, ' ') : s);
export const code = (s: string) => `\`${s.includes('`') ? s.replace(/`/g, "'") : s}\``;

/** The grid: a row per role, a column per identity (numbered in the legend). */
/** Cells not given (an indexed sweep keeps only notable ones) are denied, as expected. */
export function renderGrid(m: Pick<AccessMatrix, 'roles' | 'identities' | 'cells'>): string {
  const width = Math.max(...m.roles.map((r) => r.key.length), 'role'.length) + 2;
  const n = m.identities.length;
  const tens = Array.from({ length: n }, (_, i) => ((i + 1) % 10 === 0 ? String(Math.floor((i + 1) / 10) % 10) : ' ')).join('');
  const ones = Array.from({ length: n }, (_, i) => String((i + 1) % 10)).join('');
  const byRole = cellsByRole(m);
  const index = new Map(m.identities.map((id, i) => [id.id, i]));
  const lines = [`${'identity'.padEnd(width)}${tens}`.trimEnd(), `${'role'.padEnd(width)}${ones}`];
  for (const r of m.roles) {
    const row: string[] = Array.from({ length: n }, () => MARK.okDeny);
    for (const c of byRole.get(r.key) ?? []) row[index.get(c.identity)!] = mark(c);
    lines.push(`${r.key.padEnd(width)}${row.join('')}`);
  }
  lines.push(
    '',
    `${MARK.okAllow} allowed, as the spec declares   ${MARK.okDeny} denied, as expected   ${MARK.badAllow} ALLOWED but not declared   ${MARK.badDeny} DENIED but declared   ${MARK.unknown} cannot decide`,
    '',
  );
  m.identities.forEach((id, i) => lines.push(`${String(i + 1).padStart(3)}  ${id.id}  (${id.kind})`));
  return lines.join('\n');
}

export function summaryLine(m: {
  readonly roles: { readonly length: number };
  readonly identities: { readonly length: number };
  readonly summary: AccessMatrix['summary'];
}): string {
  const s = m.summary;
  return `${m.roles.length} roles × ${m.identities.length} identities = ${s.cells} checks: ${s.allowed} allowed (${s.expectedAllow} declared), ${s.failures} failing, ${s.cannotDecide} cannot decide.`;
}

/** Markdown: summary, grid, then one table per role. `headingLevel` 2 gives `##` sections. */
export function renderMatrixMarkdown(m: AccessMatrix, headingLevel = 2): string {
  const h = '#'.repeat(headingLevel);
  const out: string[] = [];
  out.push(`${h} Access matrix`, '');
  out.push(`Spec: ${code(m.spec)}. Policies: ${code(m.source)}.`, '');
  out.push(`${m.summary.failures === 0 ? 'All checks pass.' : `**${m.summary.failures} checks fail.**`} ${summaryLine(m)}`, '');
  out.push('```text', renderGrid(m), '```', '');
  const identities = new Map<string, AccessMatrix['identities'][number]>();
  for (const i of m.identities) if (!identities.has(i.id)) identities.set(i.id, i);
  const byRole = cellsByRole(m);
  for (const r of m.roles) {
    const shown = (byRole.get(r.key) ?? []).filter((c) => isNotable(c, identities.get(c.identity) ?? { origins: [] }));
    out.push(
      roleSection(r, shown, (id) => identities.get(id), m.identities.length, headingLevel + 1),
      '',
    );
  }
  return out.join('\n');
}

/**
 * One role: its ARN, then a row per notable cell ({@link isNotable}) with the
 * verdict and the deciding statement, then how many other identities are
 * denied, as expected. The matrix, the account reports and the CLI share it.
 * Without `identities` (an account's report), the last line names no count:
 * the count is the organization's, and an account's report changes only when
 * that account's access does.
 */
export function roleSection(
  r: MatrixRole,
  shown: readonly MatrixCell[],
  identity: (id: string) => IdentityInfo | undefined,
  identities: number | undefined,
  headingLevel: number,
): string {
  // One join at the end: the section is kept until its report is written, as one flat string, not a rope of its pieces.
  const out = [
    `${'#'.repeat(headingLevel)} ${code(r.key)}\n\n${code(r.arn)}${r.declared ? '' : ' — **not declared in the spec**'}\n\n| identity | kind | expected | result | deciding statement / reason |\n|---|---|---|---|---|`,
  ];
  // Each cell's identity and its first origin in this role, looked up once (the order and the kind both read them).
  const rows: Row[] = shown.map((c) => {
    const info = identity(c.identity);
    return { c, info, origin: info && firstOrigin(info.origins, r.key) };
  });
  for (const { c, info, origin } of identities === undefined ? accountOrder(rows) : rows) {
    const kind = variantOf(origin, c) ?? info?.kind ?? '';
    out.push(`| ${code(c.identity)} | ${cellText(kind)} | ${c.expected} | ${c.ok ? '' : '**FAIL** '}${c.actual} | ${cellText(cellReason(c))} |`);
  }
  if (identities === undefined) out.push('', 'Every other identity of the spec is denied, as expected.');
  else if (identities - shown.length > 0) out.push('', `The other ${identities - shown.length} identities are denied, as expected.`);
  return out.join('\n');
}

interface Row {
  readonly c: MatrixCell;
  readonly info: IdentityInfo | undefined;
  readonly origin: Origin | undefined;
}

/** The deciding statement (and notes) of an allow, else the deciding statement and the reason. */
export const cellReason = (c: MatrixCell) =>
  c.actual === 'allow' ? `${c.deciding}${c.notes.length ? ` (${c.notes.join('; ')})` : ''}` : c.deciding ? `${c.deciding}: ${c.reason}` : c.reason;

type IdentityInfo = Pick<AccessMatrix['identities'][number], 'kind' | 'origins'>;

/** The cells of each role, in matrix order (one pass: the matrix has roles × identities cells). */
const cellsByRole = (m: Pick<AccessMatrix, 'cells'>) => groupBy(m.cells, (c) => c.role);

/**
 * What an identity derived from this very role is: the workload, or a
 * near-miss; a variant the spec still declares (another environment of an
 * `allEnvironments` role) says so.
 */
function variantOf(origin: Origin | undefined, cell: MatrixCell): string | undefined {
  if (!origin) return undefined;
  const v = origin.variant;
  if (v === 'workload' || v === 'role-session') return VARIANT_TEXT[v];
  return cell.expected === 'allow' ? `${VARIANT_TEXT[v]}, declared by ${cell.because}` : `near-miss: ${VARIANT_TEXT[v]}`;
}

/** Each long origin list's first origin per role, built once: a shared near-miss (no sub claim) has an origin in every role of its issuer. */
const originsByRole = new WeakMap<readonly Origin[], Map<string, Origin>>();

function firstOrigin(origins: readonly Origin[], role: string): Origin | undefined {
  if (origins.length <= 16) return origins.find((o) => o.role === role);
  let index = originsByRole.get(origins);
  if (!index) {
    index = new Map();
    for (const o of origins) if (!index.has(o.role)) index.set(o.role, o);
    originsByRole.set(origins, index);
  }
  return index.get(role);
}

const VARIANT_ORDER = new Map(Object.keys(VARIANT_TEXT).map((v, i) => [v, i]));

/**
 * An account report's rows in an order of the role's own: the declared callers,
 * then the other allowed, failing or undecidable checks, then the near-misses
 * derived from the role (by trust entry and kind), each by identity id. The
 * matrix's order is the organization's identity order, which a role added to
 * another account shifts.
 */
function accountOrder(rows: readonly Row[]): Row[] {
  const keyed = rows.map((row) => {
    const { c, origin } = row;
    const rank = c.expected === 'allow' ? 0 : c.actual !== 'deny' || !c.ok ? 1 : 2;
    return { row, id: c.identity, k0: rank, k1: origin?.trustIndex ?? -1, k2: origin ? (VARIANT_ORDER.get(origin.variant) ?? -1) : -1 };
  });
  keyed.sort((a, b) => a.k0 - b.k0 || a.k1 - b.k1 || a.k2 - b.k2 || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((x) => x.row);
}
