/**
 * Stage 2 of `import`: what each candidate becomes in the spec. The spec is
 * built from the candidates left; the spec's checks and the lint pack then
 * either refuse a role (import-drops.ts, `refused`) or, for a finding of a
 * suppressible rule, the role suppresses it, saying it was imported as it was.
 */
import { SpecError } from '../errors';
import { isBlocking, lintModel, ruleById } from '../lint';
import { resolveModel } from '../model/resolve';
import type { Model } from '../model/types';
import { byCodePoint, byKey } from '../order';
import { validateSpec } from '../input/load';
import type { SpecInput } from '../input/schema';
import { providerDetails, type IamExport } from './export';
import { candidateAt, type AccountInput, type Candidate } from './import-candidates';
import { reasonOf, refused } from './import-drops';
import type { IssuerInput } from './import-issuers';
import type { TrustInput } from './trust-import';

export type ImportSpec = SpecInput & { accounts: AccountInput[] };

/** Where settling one spec ends. */
export type Settled =
  /** Roles refused, by candidate index, with the reason: drop them and settle again. */
  | { readonly outcome: 'refused'; readonly failed: ReadonlyMap<number, string> }
  /** Suppressions were added to candidates: settle again. */
  | { readonly outcome: 'suppressed' }
  /** Every role passes: the model synthesis builds (its operators chosen by the resolver). */
  | { readonly outcome: 'settled'; readonly model: Model };

/** Checks the spec of the candidates; a problem or a blocking finding no role explains is a bug, and throws. */
export function settle(spec: ImportSpec, candidates: readonly Candidate[], specName: string): Settled {
  let model: Model;
  try {
    model = resolveModel(validateSpec(spec, specName));
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    const failed = new Map<number, string>();
    for (const p of e.problems) {
      const i = candidateAt(spec, candidates, p.path);
      if (i < 0) throw new Error(`the imported spec has a problem that no role explains, which is a bug: ${reasonOf(p)}`);
      if (!failed.has(i)) failed.set(i, refused.bySpec(p));
    }
    return { outcome: 'refused', failed };
  }
  const report = lintModel(model);
  const failed = new Map<number, string>();
  let added = false;
  for (const f of report.findings) {
    // The resolver's choice changed an adopted document (a Terraform update): the role suppresses the rule, which keeps it as written.
    if (f.suppressed || (f.level === 'info' && !f.autoFixed)) continue;
    // The workload rules (WORK*) are about the settings synth writes, not the imported documents: left for the user to see.
    if (f.ruleId.startsWith('WORK') && !isBlocking(f)) continue;
    const i = candidateAt(spec, candidates, f.path);
    if (i < 0) {
      if (isBlocking(f)) throw new Error(`the imported spec has a lint error that no role explains, which is a bug: [${f.ruleId}] ${f.path}: ${f.message}`);
      continue;
    }
    if (ruleById(f.ruleId)?.suppressible === false || !ruleById(f.ruleId)) {
      if (isBlocking(f) && !failed.has(i)) failed.set(i, refused.byUnsuppressibleRule(f));
      continue;
    }
    const c = candidates[i];
    if (!c.role.suppressions!.some((s) => s.rule === f.ruleId)) {
      c.role.suppressions!.push({
        rule: f.ruleId,
        reason: `imported as it was from ${c.source.file} (${c.source.arn}); tighten it, then remove this suppression`,
      });
      added = true;
    }
  }
  if (failed.size > 0) return { outcome: 'refused', failed };
  if (added) return { outcome: 'suppressed' };
  return { outcome: 'settled', model };
}

/** The spec for the candidates left: accounts in export order, issuers and providers the roles use. */
export function buildSpec(
  exp: IamExport,
  candidates: readonly Candidate[],
  issuers: ReadonlyMap<string, { name: string; spec: IssuerInput }>,
  region: (partition: string) => string,
): ImportSpec {
  const used = new Map<string, IssuerInput>();
  const accounts: AccountInput[] = exp.accounts.map((account) => {
    const accountName = account.name ?? `account-${account.accountId}`;
    const roles = candidates.filter((c) => c.accountName === accountName).map((c) => c.role);
    const providers: Record<string, 'existing' | { adopt: true }> = {};
    for (const role of roles) {
      for (const host of trustHosts(role.trust, issuers)) {
        const entry = issuers.get(host)!;
        used.set(entry.name, entry.spec);
        // A provider whose own details were exported is taken over (with the issuer's client ids and thumbprints, so only
        // when they are that account's); else it is only referenced.
        const known = providerDetails(exp, host, account.accountId);
        const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
          JSON.stringify([...(a ?? [])].sort(byCodePoint)) === JSON.stringify([...(b ?? [])].sort(byCodePoint));
        providers[entry.name] =
          known.clientIds && same(known.clientIds, entry.spec.clientIds) && same(known.thumbprints, entry.spec.thumbprints) ? { adopt: true } : 'existing';
      }
    }
    return {
      name: accountName,
      id: account.accountId,
      region: region(account.partition),
      ...(account.partition !== 'aws' ? { partition: account.partition as 'aws-cn' | 'aws-us-gov' } : {}),
      oidcProviders: providers,
      roles,
    };
  });
  return { version: 1, issuers: Object.fromEntries(byKey(used)), accounts };
}

function trustHosts(trust: readonly TrustInput[], issuers: ReadonlyMap<string, { name: string }>): string[] {
  const byName = new Map([...issuers].map(([host, i]) => [i.name, host]));
  const names = trust.flatMap((t) => ('issuer' in t ? [t.issuer] : t.type === 'web-identity' ? t.issuers.map((i) => i.issuer) : []));
  return [...new Set(names.map((n) => byName.get(n)!))];
}
