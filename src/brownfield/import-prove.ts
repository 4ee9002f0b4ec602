/**
 * Stage 3 of `import`: the proof that what synthesis writes for each settled
 * role is the exported role. First the access proof that gates synth is
 * accepted (suppressed) on a role taken over as it is where it cannot pass
 * offline; then each role's trust policy must grant exactly the exported
 * access (the equivalence proof) and its documents must be the exported ones,
 * or the role is dropped (import-drops.ts, `notEquivalent`).
 */
import { proveAccess } from '../access/report/access-md';
import { deriveIdentities } from '../access/identities/identities';
import { proofFindings } from '../access/proof-gate';
import { PROOF_RULE } from '../lint';
import type { Model } from '../model/types';
import { toIamPolicy } from '../policy/document';
import { fromCaller, proveEquivalent } from './equivalence';
import { candidateAt, type Candidate } from './import-candidates';
import { notEquivalent } from './import-drops';
import type { ImportedRole } from './import-result';
import type { ImportSpec } from './import-settle';
import { providerEqual } from './provider-equal';

/**
 * Suppresses the access proof's check on each role it fails (a caller whose identity policies are outside the spec,
 * a condition no offline request decides); true when a suppression was added, so the spec must settle again.
 */
export function acceptProofGaps(model: Model, spec: ImportSpec, candidates: readonly Candidate[]): boolean {
  let added = false;
  for (const f of proofFindings(model, proveAccess(model, { keepSections: false }))) {
    if (f.ruleId !== PROOF_RULE.id || f.suppressed) continue;
    const i = candidateAt(spec, candidates, f.path);
    if (i < 0) throw new Error(`the imported spec fails the access proof where no role explains it, which is a bug: ${f.path}: ${f.message}`);
    const c = candidates[i];
    if (!c.role.suppressions!.some((x) => x.rule === PROOF_RULE.id)) {
      c.role.suppressions!.push({
        rule: PROOF_RULE.id,
        reason: `imported as it was from ${c.source.file} (${c.source.arn}); its callers or conditions are outside what the proof can show offline, and import proved this trust grants exactly the exported access`,
      });
      added = true;
    }
  }
  return added;
}

export interface Proved {
  /** The roles proved, in model order. */
  readonly imported: ImportedRole[];
  /** The roles that are not, by candidate index, with the reason. */
  readonly failed: Map<number, string>;
}

/** The proof, on what synthesis writes (its operators chosen by the resolver). */
export function prove(model: Model, candidates: readonly Candidate[]): Proved {
  const imported: ImportedRole[] = [];
  const failed = new Map<number, string>();
  const identities = deriveIdentities(model);
  model.accounts.forEach((account) => {
    for (const role of account.roles) {
      const i = candidates.findIndex((c) => c.accountName === account.name && c.role.name === role.name);
      const c = candidates[i];
      const own = identities
        .filter((id) => id.origins.some((o) => o.role === `${account.name}/${role.name}`))
        .map((id) => fromCaller(id.caller, account.partition, account.id));
      const proof = proveEquivalent(c.source.trust, toIamPolicy(role.trustPolicy), c.source.arn, own);
      const added = account.grants.find((g) => g.roleTfId === role.tfId);
      const inlineSame =
        !added &&
        role.inlinePolicies.length === c.source.inlinePolicies.length &&
        c.source.inlinePolicies.every((p) => {
          const mine = role.inlinePolicies.find((x) => x.name === p.name);
          return mine !== undefined && providerEqual(p.document, toIamPolicy(mine.document));
        });
      if (!proof.equal) failed.set(i, notEquivalent.access(proof));
      else if (added) failed.set(i, notEquivalent.grantAdded(added));
      else if (!inlineSame) failed.set(i, notEquivalent.inlinePolicies(role.inlinePolicies, c.source.inlinePolicies));
      else if (!providerEqual(c.source.trust, toIamPolicy(role.trustPolicy))) failed.set(i, notEquivalent.trustDocument());
      else if (role.arn !== c.source.arn) failed.set(i, notEquivalent.arn(role.arn, c.source.arn));
      else imported.push({ account: account.name, role: role.name, arn: role.arn, proof, suppressed: c.role.suppressions!.map((s) => s.rule) });
    }
  });
  return { imported, failed };
}
