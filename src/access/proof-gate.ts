/**
 * The access proof as a gate on synth: every failing check of the proof synth
 * computes (a declared caller denied, a near-miss allowed, a check that cannot
 * be decided, a role chain the spec does not declare) is a PROOF001 error
 * placed at its role, so any future widening bug is a refused synth rather
 * than a silent deploy. A role accepts its own failing checks with
 * `suppressions: [{ rule: PROOF001, reason: ... }]`; the finding still shows,
 * marked suppressed, and a suppression that accepts nothing is LINT003.
 */
import { formatPath, problems as P } from '../errors';
import { PROOF_RULE, type Finding } from '../lint';
import type { Model, Suppression } from '../model/types';
import type { Locate } from '../input/load';
import type { AccessProof } from './report/access-md';
import type { MatrixCell } from './proof/matrix';
import { chainText, exceptionText } from './report/report';

type Path = readonly (string | number)[];

function cellFix(c: MatrixCell): string {
  const accept = `; if this is intended, suppress ${PROOF_RULE.id} on the role with a reason`;
  if (c.actual === 'cannot-decide') return `make the policies decidable offline (see the reason)${accept}`;
  if (c.expected === 'allow')
    return `the written policies deny a caller the spec declares: change the statement that decides it (named in the message) or the trust entry, or report the generator bug${accept}`;
  return `the written policies let in a caller the spec does not declare: narrow the role's trust (its conditions and subjects), or declare the caller${accept}`;
}

/** The PROOF001 findings of a proof (suppressed ones included), and LINT003 for each role's PROOF001 suppression that accepts nothing. */
export function proofFindings(
  model: Model,
  proof: Pick<AccessProof, 'exceptions' | 'chains'> & Partial<Pick<AccessProof, 'guardrails'>>,
  locate?: Locate,
): Finding[] {
  const fileAt = (path: Path) => {
    const line = path.length > 0 ? locate?.(path) : undefined;
    return line ? `${model.file}:${line}` : model.file;
  };
  const roles = new Map<string, { readonly path: Path; readonly suppressions: readonly Suppression[] }>();
  model.accounts.forEach((a, ai) =>
    a.roles.forEach((r, ri) => roles.set(`${a.name}/${r.name}`, { path: r.origin ?? ['accounts', ai, 'roles', ri], suppressions: r.suppressions })),
  );
  const used = new Set<Suppression>();
  const out: Finding[] = [];
  const add = (roleKey: string, message: string, fix: string) => {
    const role = roles.get(roleKey);
    const path = role?.path ?? [];
    const i = role ? role.suppressions.findIndex((s) => s.rule === PROOF_RULE.id) : -1;
    if (i >= 0) used.add(role!.suppressions[i]);
    out.push({
      ruleId: PROOF_RULE.id,
      level: 'error',
      file: fileAt(path),
      path: formatPath(path),
      message: `access proof: ${message}`,
      fix,
      ...(i >= 0 ? { suppressed: { reason: role!.suppressions[i].reason, path: formatPath([...path, 'suppressions', i]) } } : {}),
    });
  };
  for (const c of proof.exceptions) add(c.role, exceptionText(c), cellFix(c));
  for (const c of proof.chains.flags.undeclared) {
    add(
      c.roles[c.roles.length - 1],
      `role chain not declared by the spec: ${chainText(c)}`,
      `declare each hop (a trust entry of type aws-role naming the role before it), or remove the trust that allows it; if this is intended, suppress ${PROOF_RULE.id} on the last role with a reason`,
    );
  }
  // The guardrails against the hand-made worst case: a failing check is the organization's, never suppressed.
  for (const g of proof.guardrails?.checks ?? []) {
    if (g.ok) continue;
    const path: Path = ['organization'];
    const fix =
      g.expected === 'deny'
        ? `the guardrails let in a caller they should fence: check organization.guardrails names the fence ${g.fence}, and that the spec's trust names this tenant or account nowhere; or report the generator bug`
        : `the guardrails deny a caller the spec means to allow: report the generator bug with the spec`;
    out.push({
      ruleId: PROOF_RULE.id,
      level: 'error',
      file: fileAt(path),
      path: formatPath(path),
      message: `access proof: guardrail ${g.fence}: ${g.caller} against a role that trusts ${g.trusts}: expected ${g.expected}, got ${g.actual} (${g.reason})`,
      fix,
    });
  }
  // A Pod Identity via role carries its target's suppressions: each is reported once, at the role that declares it.
  for (const { path, suppressions } of roles.values()) {
    suppressions.forEach((s, i) => {
      if (s.rule !== PROOF_RULE.id || used.has(s)) return;
      used.add(s);
      const at: Path = [...path, 'suppressions', i];
      const p = P.suppressionUnused(fileAt(at), `${formatPath(at)}.rule`, s.rule);
      out.push({ ruleId: p.ruleId!, level: 'warning', file: p.file, path: p.path, message: p.message, fix: p.fix });
    });
  }
  return out;
}
