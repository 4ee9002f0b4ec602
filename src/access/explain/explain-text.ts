/**
 * The text `explain` prints: per role, allowed or denied and why, in the
 * words of the access proof; the JSON report is {@link ExplainReport} as is.
 */
import type { ExplainReport, FailedCondition, RoleExplanation } from './explain';
import type { SpecChange } from './explain-fix';

const q = (v: string | boolean) => JSON.stringify(v);

function inputLines(r: ExplainReport): string[] {
  const i = r.input;
  if (i.kind === 'caller') return [`caller: ${i.arn}${i.externalId === undefined ? ' (no external id)' : ` with external id ${q(i.externalId)}`}`];
  const claims = Object.entries(i.claims).map(([k, v]) => `${k}=${typeof v === 'string' ? q(v) : `[${v.map(q).join(', ')}]`}`);
  const out = [
    `token: issuer ${i.issuer} (${i.format === 'jwt' ? 'a JWT, decoded only: its signature was not checked' : 'JSON claims'}); ${claims.length ? claims.join(' ') : 'no claim STS uses'}`,
  ];
  if (i.ignoredClaims.length > 0) out.push(`  not in the request context (STS does not pass them on, or they are not text): ${i.ignoredClaims.join(', ')}`);
  return out;
}

/** A failed condition; `has` names what holds the value: the token, or what the caller sent. */
function conditionLines(c: FailedCondition, has: 'token' | 'sent'): string[] {
  return [
    `  failed: ${c.operator} ${c.key}`,
    `    expected: ${c.expected.map(q).join(', ')}`,
    `    ${`${has}:`.padEnd(9)} ${c.actual === null ? 'absent' : c.actual.map(q).join(', ')}`,
  ];
}

/** One change as a line: `file:line: path: add "x"`. */
export function changeText(c: SpecChange): string {
  const where = `${c.file}${c.line ? `:${c.line}` : ''}: ${c.path}`;
  if (c.change === 'add') return `${where}: add ${q(c.to!)}`;
  if (c.change === 'remove') return `${where}: remove ${q(c.from!)}`;
  return `${where}: ${q(c.from!)} -> ${q(c.to!)}`;
}

function roleLines(r: RoleExplanation, what: string): string[] {
  if (r.verdict === 'allow') {
    const head = `${r.role}: ALLOWED by ${r.statement ?? 'the trust policy'}`;
    if (r.declared) return [`${head}, as the spec declares (${r.because})`, ...r.notes.map((n) => `  note: ${n}`)];
    return [
      `${head}, but NO trust entry of the spec declares this ${what}: it is a near-miss getting in (a wildcard or a broader condition admits it)`,
      "  fix: narrow the role's trust (its subjects and conditions) so that only declared workloads match, or declare this one",
      ...r.notes.map((n) => `  note: ${n}`),
    ];
  }
  const out = [`${r.role}: ${r.verdict === 'deny' ? 'DENIED' : 'CANNOT DECIDE'}${r.statement ? ` (closest statement: ${r.statement})` : ''}`];
  if (r.principal) out.push(`  principal: ${r.principal}`);
  for (const c of r.failed) out.push(...conditionLines(c, what === 'token' ? 'token' : 'sent'));
  if (r.failed.length === 0 && !r.principal) out.push(`  reason: ${r.reason}`);
  if (r.fix && r.fix.length > 0) {
    out.push(`  smallest spec change that admits it: ${r.fix.map(changeText).join('; ')}`);
    if (r.fix.some((c) => c.change === 'remove')) out.push('    (this drops a requirement of the trust; the safer fix is a token or call that carries it)');
  } else if (r.verdict === 'deny')
    out.push("  no change to one field of this role's trust admits it: the token must change (or the role needs another trust entry)");
  if (r.declared) out.push(`  the spec declares this caller (${r.because}) but the written policy denies it: please report it`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  return out;
}

export function explainText(r: ExplainReport): string {
  const head = [`spec: ${r.spec}`, ...inputLines(r), ''];
  const who = r.input.kind === 'caller' ? 'caller' : `issuer ${r.input.issuer}`;
  if (r.roles.length === 0) return [...head, `no role of the spec trusts this ${who}: DENIED everywhere`, ''].join('\n');
  const allowed = r.roles.filter((x) => x.verdict === 'allow').length;
  return [
    ...head,
    ...r.roles.flatMap((x) => [...roleLines(x, r.input.kind), '']),
    `${allowed ? 'ALLOWED' : 'DENIED'}: ${allowed} of ${r.roles.length} role${r.roles.length === 1 ? '' : 's'} checked`,
    '',
  ].join('\n');
}
