/**
 * `import`: exported roles -> a spec that reproduces them. Each role either
 * imports (trust entries, inline policies, managed policy attachments, path,
 * max session, permissions boundary, tags, description, `adopt: true`) or is
 * listed with the reason it cannot. A role imports only when the trust policy
 * synthesis writes for it grants exactly the access of the exported one (the
 * equivalence proof) and its inline policies are the exported ones. Trust the
 * lint pack objects to is imported as it is, with a suppression saying so.
 *
 * Three stages, one file each; the first runs once, the other two are
 * repeated without the roles they drop until nothing more is dropped:
 *  1. candidates (import-candidates.ts): which roles can be taken over;
 *  2. settle (import-settle.ts): what each becomes in the spec, and what the
 *     spec and the lint pack refuse or the role suppresses;
 *  3. prove (import-prove.ts): the equivalence proof, and the access proof's
 *     suppressions.
 * Every reason a role is dropped is named in import-drops.ts.
 */
import { partitionOfRegion } from '../model/arn';
import { ExportError, exportProblems } from '../errors';
import type { IamExport } from './export';
import { findCandidates } from './import-candidates';
import { ImportIssuers } from './import-issuers';
import { acceptProofGaps, prove } from './import-prove';
import { skippedRole, type ImportResult, type SkippedRole } from './import-result';
import { buildSpec, settle } from './import-settle';

export { issuerName } from './import-issuers';
export type { ImportedRole, ImportResult, SkippedRole } from './import-result';

export interface ImportOptions {
  /** The region written for every account (IAM is global; the provider needs one). It must be of the accounts' partition. @default the first region of each account's partition: us-east-1, cn-north-1, us-gov-west-1 */
  readonly region?: string;
  /** The name the spec is checked under, for messages. @default 'imported spec' */
  readonly specName?: string;
}

export function importExport(exp: IamExport, options: ImportOptions = {}): ImportResult {
  const region = regionFor(exp, options.region);
  const specName = options.specName ?? 'imported spec';
  const issuers = new ImportIssuers(exp);
  const found = findCandidates(exp, issuers);
  const skipped: SkippedRole[] = found.skipped;
  let candidates = found.candidates;
  /** Drops the failed candidates (a round drops only roles that failed in it); the others are checked again. */
  const drop = (failed: ReadonlyMap<number, string>) => {
    for (const [i, reason] of failed) skipped.push(skippedRole(candidates[i].source, candidates[i].accountName, reason));
    candidates = candidates.filter((_, i) => !failed.has(i));
  };

  // Check, drop what fails, and check again until everything left passes.
  for (let round = 0; ; round++) {
    if (round > candidates.length + 5) throw new Error('import did not settle; this is a bug');
    const spec = buildSpec(exp, candidates, issuers.byHost, region);
    const settled = settle(spec, candidates, specName);
    if (settled.outcome === 'refused') {
      drop(settled.failed);
      continue;
    }
    if (settled.outcome === 'suppressed') continue;
    if (acceptProofGaps(settled.model, spec, candidates)) continue;
    const proved = prove(settled.model, candidates);
    if (proved.failed.size > 0) {
      drop(proved.failed);
      continue;
    }
    return { spec, model: settled.model, imported: proved.imported, skipped, awsManaged: found.awsManaged };
  }
}

/** The region an imported account of each partition gets when --region is not given. */
const DEFAULT_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

/**
 * The region of the accounts of each partition: the one given, which must be
 * of every exported account's partition (the spec refuses a region of another
 * partition, and IAM a principal of another), else the partition's default.
 * Throws ExportError naming the files of the accounts it does not fit.
 */
function regionFor(exp: IamExport, given: string | undefined): (partition: string) => string {
  if (given === undefined) return (partition) => DEFAULT_REGION[partition] ?? DEFAULT_REGION.aws;
  const partition = partitionOfRegion(given);
  const misfits = exp.accounts.filter((a) => a.partition !== partition);
  if (misfits.length > 0)
    throw new ExportError(misfits.map((a) => exportProblems.regionNotInPartition(a.files.join(', '), a.accountId, a.partition, given, partition)));
  return () => given;
}
