/**
 * `modules/access.html`: the organization view as a picture. One self-contained
 * page (inline CSS and SVG, no script, nothing fetched): the trust graph with
 * the identity sources on the left and each account as a box of its roles,
 * laid out in columns by how far its roles are from a source; roles with a
 * failing or undecidable check are marked in the graph and in the account's
 * header. Every role in the graph links to its entry below the graph, which
 * lists its callers (each identity the policies allow) and its exceptions:
 * one click, and `:target` highlights it. Same input, same bytes.
 *
 * Above {@link MAX_GRAPH_EDGES} trust edges the graph is drawn per account
 * (one row per account, edges merged), as `ACCESS.md`'s Mermaid is; the role
 * entries below are always there.
 */
import type { Model, RoleModel } from '../../model/types';
import { GOOGLE_ISSUER } from '../../model/types';
import { generatedNotice } from '../../names';
import { edgesOf, MAX_GRAPH_EDGES, nodeId, servicePrincipal } from './graph';
import type { MatrixCell, MatrixIdentity } from '../proof/matrix';
import { countsLine, type AccessSummary, type AccountCounts } from './report';
import { awsPrincipalParts } from '../evaluate/request';
import type { RoleResult } from '../proof/sweep';

const SPECIAL = /[&<>"']/;
/** HTML-escaped text; most text has nothing to escape and is returned as is (this runs for every field of every caller). */
const esc = (s: string) =>
  SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;') : s;
/** An element id for a role: every character but letters, digits and `-` hex-escaped, so ids are unique. */
export const roleAnchor = (account: string, role: string) => `r-${`${account}/${role}`.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

/** What the page keeps of a role while the sweep goes: counts for the graph, and its entry already rendered (no cell is held). */
interface RoleEntry {
  readonly callers: number;
  readonly exceptions: number;
  /** Whether an exception fails (the others cannot be decided). */
  readonly fails: boolean;
  /** The role's `<section>`. */
  readonly html: string;
}

const ROW = 24;
const HEAD = 34;
const BOX_W = 300;
const SRC_W = 300;
const GAP = 150;
const MARGIN = 20;
/** Columns of accounts: a long chain of accounts stacks in the last one rather than running off to the right. */
const MAX_COLUMNS = 4;

/** Collects what the page needs while the sweep goes (each role's callers and exceptions), then renders it. */
export class AccessPage {
  private readonly roles = new Map<string, RoleEntry>();
  /** Dropped by {@link release}: nothing of the sweep's identities is needed once every role is added. */
  private identity: ((id: string) => MatrixIdentity | undefined) | undefined;

  constructor(
    private readonly model: Model,
    identity: (id: string) => MatrixIdentity | undefined,
  ) {
    this.identity = identity;
  }

  add(r: RoleResult): void {
    const callers = r.cells.filter((c) => c.actual === 'allow');
    const exceptions = r.cells.filter((c) => !c.ok || c.actual === 'cannot-decide');
    this.roles.set(r.role.key, {
      callers: callers.length,
      exceptions: exceptions.length,
      fails: exceptions.some((c) => !c.ok),
      html: this.roleEntry(r.role.account, r.role.name, r.role.arn, callers, exceptions),
    });
  }

  /** After the last role: the identities are no longer needed (the entries are rendered). */
  release(): void {
    this.identity = undefined;
  }

  render(summary: AccessSummary, accounts: readonly AccountCounts[]): string {
    const title = 'Access: the trust graph';
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<title>${esc(title)}</title>`,
      `<style>${STYLE}</style>`,
      '</head>',
      '<body>',
      `<h1>${esc(title)}</h1>`,
      `<p class="notice">${esc(generatedNotice(this.model.file, 'text'))}</p>`,
      `<p class="counts">${esc(countsLine(summary).replace(/\*\*/g, ''))}</p>`,
      '<p>Sources on the left, each account a box of its roles; an arrow is a trust entry (hover it for what it admits). A role marked ✗ has a failing check, ? one that cannot be decided. Click a role for its callers.</p>',
      this.svg(),
      '<h2>Accounts</h2>',
      '<table><thead><tr><th>account</th><th>id</th><th>roles</th><th>allowed</th><th>failing</th><th>cannot decide</th></tr></thead><tbody>',
      ...accounts.map(
        (a) =>
          `<tr${a.failures > 0 ? ' class="fail"' : ''}><td>${esc(a.account)}</td><td>${esc(a.accountId)}</td><td>${a.roles}</td><td>${a.allowed}</td><td>${a.failures}</td><td>${a.cannotDecide}</td></tr>`,
      ),
      '</tbody></table>',
      '<h2>Roles and their callers</h2>',
      ...this.model.accounts.flatMap((a) => a.roles.map((r) => this.entry(a.name, r.name)?.html ?? this.roleEntry(a.name, r.name, undefined, [], []))),
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  private entry(account: string, role: string): RoleEntry | undefined {
    return this.roles.get(`${account}/${role}`);
  }

  /** A role's `<section>`: its callers and exceptions (`arn` undefined: a role the sweep did not see). */
  private roleEntry(account: string, role: string, arn: string | undefined, callers: readonly MatrixCell[], exceptions: readonly MatrixCell[]): string {
    const item = (c: MatrixCell) => {
      const kind = this.identity?.(c.identity)?.kind ?? '';
      const mark = !c.ok ? '<span class="bad">✗ fails</span> ' : c.actual === 'cannot-decide' ? '<span class="warn">? cannot decide</span> ' : '';
      return `<li>${mark}<code>${esc(c.identity)}</code> <span class="kind">${esc(kind)}</span> <span class="why">expected ${c.expected}, ${esc(c.actual)}${c.reason ? `: ${esc(c.reason)}` : ''}</span></li>`;
    };
    return [
      `<section class="role${exceptions.length > 0 ? ' has-fail' : ''}" id="${roleAnchor(account, role)}">`,
      `<h3>${esc(account)} / ${esc(role)}</h3>`,
      arn !== undefined ? `<p><code>${esc(arn)}</code></p>` : '',
      `<h4>Callers (${callers.length})</h4>`,
      callers.length > 0 ? `<ul>${callers.map(item).join('')}</ul>` : '<p>No identity may assume it.</p>',
      ...(exceptions.length > 0 ? [`<h4>Exceptions (${exceptions.length})</h4>`, `<ul>${exceptions.map(item).join('')}</ul>`] : []),
      '</section>',
    ].join('\n');
  }

  /** The graph: sources, account boxes in columns, one path per edge. */
  private svg(): string {
    const model = this.model;
    const edgeTotal = model.accounts.reduce(
      (n, a) => n + a.roles.reduce((m, r) => m + r.trust.reduce((k, t) => k + (t.spec.type === 'web-identity' ? t.spec.issuers.length : 1), 0), 0),
      0,
    );
    const aggregated = edgeTotal > MAX_GRAPH_EDGES;
    const roleNode = new Map<string, string>();
    const accountOfNode = new Map<string, string>();
    // Each role's node id, made once: the layout and the edges below look roles up by it.
    const nodeOf = new Map<RoleModel, string>();
    for (const a of model.accounts) {
      for (const r of a.roles) {
        const node = nodeId('role', a.name, r.name);
        nodeOf.set(r, node);
        roleNode.set(r.arn, node);
        accountOfNode.set(node, a.name);
      }
    }
    const accountNode = new Map(model.accounts.map((a) => [a.name, nodeId('account', a.name)]));
    const hosts = new Map<string, string>();
    for (const a of model.accounts) for (const p of a.oidcProviders) if (!hosts.has(p.issuer)) hosts.set(p.issuer, p.host);

    // Sources and edges, in spec order; a role outside the spec is a source too.
    const sources = new Map<string, { label: string; sub: string }>();
    const edges: { from: string; to: string; account: string; role: string; label: string; dashed: boolean }[] = [];
    for (const a of model.accounts) {
      for (const r of a.roles) {
        for (const t of r.trust) {
          if ((t.spec.type === 'aws-role' || t.spec.type === 'aws-account') && !roleNode.has('roleArn' in t ? t.roleArn : (t as { rootArn: string }).rootArn)) {
            const arn = 'roleArn' in t ? t.roleArn : (t as { rootArn: string }).rootArn;
            const parts = awsPrincipalParts(arn);
            const name = t.spec.type === 'aws-account' ? 'every principal (account root)' : (parts?.roleName ?? arn);
            const node = nodeId('external', parts?.account ?? 'unknown', t.spec.type === 'aws-account' ? 'root' : name);
            roleNode.set(arn, node);
            sources.set(node, { label: name, sub: `account ${parts?.account ?? 'unknown'}, not in the spec` });
          }
          for (const [from, label, dashed] of edgesOf(t, a.name, roleNode)) {
            if (!accountOfNode.has(from) && !sources.has(from)) sources.set(from, sourceLabel(from, t.spec, a.name, hosts, servicePrincipal(t)));
            edges.push({ from, to: nodeOf.get(r)!, account: a.name, role: r.name, label, dashed });
          }
        }
      }
    }

    // Columns: an account sits one column right of the accounts whose roles call its roles, up to the last column (which also ends cycles).
    const column = new Map(model.accounts.map((a) => [a.name, 0]));
    for (let i = 0; i < MAX_COLUMNS; i++) {
      let changed = false;
      for (const e of edges) {
        const fromAccount = accountOfNode.get(e.from);
        if (fromAccount === undefined || fromAccount === e.account) continue;
        const want = Math.min(column.get(fromAccount)! + 1, MAX_COLUMNS - 1);
        if (want > column.get(e.account)!) {
          column.set(e.account, want);
          changed = true;
        }
      }
      if (!changed) break;
    }

    // Positions: each node's left x, top y, and height of its row.
    const pos = new Map<string, { x: number; y: number; w: number }>();
    const shapes: string[] = [];
    let srcY = MARGIN + HEAD;
    for (const [node, s] of sources) {
      pos.set(node, { x: MARGIN, y: srcY, w: SRC_W });
      shapes.push(
        `<g class="source"><rect x="${MARGIN}" y="${srcY}" width="${SRC_W}" height="${ROW * 2 - 6}" rx="14"/><text x="${MARGIN + 12}" y="${srcY + 17}">${esc(clip(s.label, 40))}</text><text class="sub" x="${MARGIN + 12}" y="${srcY + 34}">${esc(clip(s.sub, 44))}</text></g>`,
      );
      srcY += ROW * 2 + 4;
    }
    if (sources.size > 0) shapes.unshift(`<text class="colhead" x="${MARGIN}" y="${MARGIN + 16}">Sources</text>`);
    const colY = new Map<number, number>();
    let height = srcY;
    let width = MARGIN + SRC_W;
    for (const a of model.accounts) {
      const col = column.get(a.name)!;
      const x = MARGIN + SRC_W + GAP + col * (BOX_W + GAP);
      const y = colY.get(col) ?? MARGIN + HEAD;
      const rows = aggregated ? 1 : Math.max(a.roles.length, 1);
      const failing = a.roles.filter((r) => (this.entry(a.name, r.name)?.exceptions ?? 0) > 0).length;
      const boxH = HEAD + rows * ROW + 8;
      shapes.push(
        `<g class="account${failing > 0 ? ' has-fail' : ''}" data-account="${esc(a.name)}"><rect x="${x}" y="${y}" width="${BOX_W}" height="${boxH}" rx="6"/>` +
          `<text class="title" x="${x + 10}" y="${y + 21}">${esc(clip(`${a.name} · ${a.id}`, 34))}${failing > 0 ? ` ✗ ${failing}` : ''}</text></g>`,
      );
      if (aggregated) {
        const node = accountNode.get(a.name)!;
        for (const r of a.roles) pos.set(nodeOf.get(r)!, { x, y: y + HEAD, w: BOX_W });
        pos.set(node, { x, y: y + HEAD, w: BOX_W });
        shapes.push(`<text x="${x + 12}" y="${y + HEAD + 16}">${a.roles.length} role${a.roles.length === 1 ? '' : 's'} (listed below)</text>`);
      }
      a.roles.forEach((r, i) => {
        if (aggregated) return;
        const ry = y + HEAD + i * ROW;
        pos.set(nodeOf.get(r)!, { x, y: ry, w: BOX_W });
        const e = this.entry(a.name, r.name);
        const bad = e?.fails ?? false;
        const undecided = !bad && (e?.exceptions ?? 0) > 0;
        const mark = bad ? ' ✗' : undecided ? ' ?' : '';
        const callers = e?.callers ?? 0;
        shapes.push(
          `<a href="#${roleAnchor(a.name, r.name)}"><g class="role${bad ? ' fail' : undecided ? ' undecided' : ''}"><title>${esc(`${r.arn}: ${callers} caller${callers === 1 ? '' : 's'}`)}</title>` +
            `<rect x="${x + 6}" y="${ry + 2}" width="${BOX_W - 12}" height="${ROW - 4}" rx="3"/><text x="${x + 14}" y="${ry + 16}">${esc(clip(r.name, 34))}${mark}</text></g></a>`,
        );
      });
      colY.set(col, y + boxH + 24);
      height = Math.max(height, y + boxH + 24);
      width = Math.max(width, x + BOX_W);
    }

    // Edges: from the right of the source (or calling role) to the left of the role; within one account, a loop on the right.
    const drawn = new Set<string>();
    const paths: string[] = [];
    for (const e of edges) {
      const fromKey = aggregated && accountOfNode.has(e.from) ? accountNode.get(accountOfNode.get(e.from)!)! : e.from;
      const toKey = aggregated ? accountNode.get(e.account)! : e.to;
      const key = `${fromKey} ${toKey}`;
      if (aggregated && drawn.has(key)) continue;
      drawn.add(key);
      const f = pos.get(fromKey);
      const t = pos.get(toKey);
      if (!f || !t) continue;
      const fy = f.y + (sources.has(e.from) ? ROW - 3 : ROW / 2);
      const ty = t.y + ROW / 2;
      let d: string;
      if (accountOfNode.get(e.from) === e.account && !aggregated) {
        const rx = f.x + f.w;
        d = `M${rx - 6},${fy} C${rx + 40},${fy} ${rx + 40},${ty} ${rx - 4},${ty}`;
      } else {
        const fx = f.x + f.w;
        const tx = t.x;
        const bend = Math.max(40, Math.abs(tx - fx) / 2);
        d = `M${fx},${fy} C${fx + bend},${fy} ${tx - bend},${ty} ${tx - 2},${ty}`;
      }
      const source = sources.get(e.from)?.label ?? accountOfNode.get(e.from) ?? e.from;
      const title = aggregated ? `${source} → ${e.account}` : `${source}: ${e.label} → ${e.account}/${e.role}`;
      paths.push(`<path class="edge${e.dashed ? ' dashed' : ''}" d="${d}" marker-end="url(#arrow)"><title>${esc(title)}</title></path>`);
    }
    height += MARGIN;
    width += MARGIN + 60;
    return [
      `<svg class="graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="trust graph">`,
      '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
      ...paths,
      ...shapes,
      '</svg>',
    ].join('\n');
  }
}

/** What a source node says: the issuer and its host, the service, the user, the organization. */
function sourceLabel(
  node: string,
  spec: { readonly type: string },
  account: string,
  hosts: ReadonlyMap<string, string>,
  service: string | undefined,
): { label: string; sub: string } {
  if (service) return { label: service, sub: 'AWS service' };
  const s = spec as { type: string; issuer?: string; user?: string; organizationId?: string };
  if (s.type === 'google-service-account' || node === nodeId('issuer', GOOGLE_ISSUER)) return { label: GOOGLE_ISSUER, sub: 'Google service accounts' };
  if (s.type === 'iam-user') return { label: `user ${s.user}`, sub: `IAM user in ${account}` };
  if (s.type === 'aws-organization') return { label: s.organizationId ?? node, sub: 'AWS Organization' };
  for (const [name, host] of hosts) if (nodeId('issuer', name) === node) return { label: name, sub: host };
  return { label: node.replace(/^issuer_/, ''), sub: 'identity issuer' };
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

const STYLE = [
  'body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}',
  'h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}h3{font-size:15px;margin:0 0 4px}h4{font-size:13px;margin:8px 0 2px}',
  '.notice{color:#59636e;font-size:12px}.counts{font-weight:600}',
  'svg.graph{display:block;border:1px solid #d1d9e0;border-radius:6px;background:#f6f8fa;max-width:none}',
  'svg text{font:13px system-ui,-apple-system,"Segoe UI",sans-serif;fill:#1f2328}svg text.sub{font-size:11px;fill:#59636e}svg text.colhead{font-weight:600;fill:#59636e}',
  '.source rect{fill:#ddf4ff;stroke:#54aeff}.account>rect{fill:#fff;stroke:#8c959f}.account text.title{font-weight:600}',
  '.account.has-fail>rect{stroke:#cf222e;stroke-width:2}.account.has-fail text.title{fill:#cf222e}',
  '.role rect{fill:#f6f8fa;stroke:#d1d9e0}.role.fail rect{fill:#ffebe9;stroke:#cf222e}.role.undecided rect{fill:#fff8c5;stroke:#bf8700}a:hover .role rect{stroke:#0969da;stroke-width:2}',
  '.edge{fill:none;stroke:#6e7781;stroke-width:1.3}.edge.dashed{stroke-dasharray:5 4}.edge:hover{stroke:#0969da;stroke-width:2.5}marker path{fill:#6e7781}',
  'table{border-collapse:collapse}td,th{border:1px solid #d1d9e0;padding:3px 8px;text-align:left}tr.fail td{color:#cf222e}',
  'section.role{border:1px solid #d1d9e0;border-radius:6px;padding:8px 12px;margin:8px 0}section.role:target{outline:3px solid #0969da;background:#ddf4ff}section.role.has-fail{border-color:#cf222e}',
  'ul{margin:2px 0;padding-left:20px}code{font-size:12px}.kind{color:#59636e}.why{color:#59636e;font-size:12px}.bad{color:#cf222e;font-weight:600}.warn{color:#9a6700;font-weight:600}',
].join('\n');
