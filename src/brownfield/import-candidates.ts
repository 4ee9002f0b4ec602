/**
 * Stage 1 of `import`: which exported roles can be taken over. A role AWS
 * owns is listed apart; a role whose trust or inline policies the spec cannot
 * say is dropped (import-drops.ts, `notExpressible`); every other role is a
 * candidate, with the spec role it proposes (`adopt: true`, no suppressions yet).
 */
import type { SpecInput } from '../input/schema';
import { awsOwnedReason } from './aws-owned';
import type { ExportedRole, IamExport } from './export';
import { notExpressible } from './import-drops';
import type { ImportIssuers } from './import-issuers';
import { skippedRole, type SkippedRole } from './import-result';
import { importInlinePolicy } from './policy-import';
import { importTrust } from './trust-import';

export type AccountInput = SpecInput['accounts'][number];
export type RoleInput = NonNullable<AccountInput['roles']>[number];

export interface Candidate {
  readonly source: ExportedRole;
  readonly accountName: string;
  /** The spec role proposed for it; settling adds to its suppressions. */
  readonly role: RoleInput;
}

export interface Candidates {
  /** In export order. */
  readonly candidates: Candidate[];
  /** Roles the spec cannot say, with why. */
  readonly skipped: SkippedRole[];
  /** Roles AWS owns. */
  readonly awsManaged: SkippedRole[];
}

/** The candidates of the export; the issuers their trust needs are registered in `issuers`. */
export function findCandidates(exp: IamExport, issuers: ImportIssuers): Candidates {
  const candidates: Candidate[] = [];
  const skipped: SkippedRole[] = [];
  const awsManaged: SkippedRole[] = [];
  const accountNameOf = (id: string) => exp.accounts.find((a) => a.accountId === id)?.name ?? `account-${id}`;
  for (const account of exp.accounts) {
    const accountName = accountNameOf(account.accountId);
    for (const r of account.roles) {
      const owned = awsOwnedReason(r);
      if (owned) {
        awsManaged.push(skippedRole(r, accountName, owned));
        continue;
      }
      const trust = importTrust(r.trust, { accountId: account.accountId, issuer: issuers.issuer });
      if ('reason' in trust) {
        skipped.push(skippedRole(r, accountName, notExpressible.trust(trust.reason)));
        continue;
      }
      // Every inline policy is adopted as it is, a hand-written cross-account grant too (by its meaning, not its Sid or name:
      // the model writes no grant its own inline policies already allow).
      const inline = r.inlinePolicies.map((p) => importInlinePolicy(p.name, p.document));
      const bad = inline.find((p): p is { reason: string } => 'reason' in p);
      if (bad) {
        skipped.push(skippedRole(r, accountName, notExpressible.inlinePolicy(bad.reason)));
        continue;
      }
      const role: RoleInput = {
        name: r.name,
        ...(r.description !== undefined ? { description: r.description } : {}),
        path: r.path,
        ...(r.maxSessionDuration !== undefined ? { maxSessionDuration: r.maxSessionDuration } : {}),
        ...(r.permissionsBoundary ? { permissionsBoundary: r.permissionsBoundary } : {}),
        managedPolicies: r.managedPolicies.map((m) => m.arn),
        inlinePolicies: inline as Exclude<(typeof inline)[number], { reason: string }>[],
        tags: { ...r.tags },
        trust: trust.trust,
        suppressions: [],
        adopt: true,
      };
      candidates.push({ source: r, accountName, role });
    }
  }
  return { candidates, skipped, awsManaged };
}

const ROLE_PATH = /^accounts\[(\d+)\]\.roles\[(\d+)\]/;

/** The index of the candidate a spec field path (`accounts[1].roles[0]…`) is in, or -1. */
export function candidateAt(spec: SpecInput & { accounts: AccountInput[] }, candidates: readonly Candidate[], path: string): number {
  const m = ROLE_PATH.exec(path);
  if (!m) return -1;
  const account = spec.accounts[Number(m[1])];
  const role = account.roles![Number(m[2])];
  return candidates.findIndex((c) => c.accountName === account.name && c.role.name === role.name);
}
