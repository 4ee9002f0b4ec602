/**
 * `import`: exported roles -> a spec that reproduces them. Each role either
 * imports (trust entries, inline policies, managed policy attachments, path,
 * max session, permissions boundary, tags, description, `adopt: true`) or is
 * listed with the reason it cannot. A role imports only when the trust policy
 * synthesis writes for it grants exactly the access of the exported one (the
 * equivalence proof) and its inline policies are the exported ones. Trust the
 * lint pack objects to is imported as it is, with a suppression saying so.
 */
import { byCodePoint, byKey } from '../order';
import { proveAccess } from '../access/access-md';
import { deriveIdentities } from '../access/identities';
import { proofFindings } from '../access/proof-gate';
import { SpecError, type Problem } from '../errors';
import { isBlocking, lintModel, PROOF_RULE, ruleById } from '../lint';
import { partitionOfRegion } from '../model/arn';
import { resolveModel } from '../model/resolve';
import type { Model } from '../model/types';
import { GRANT_POLICY_NAME } from '../names';
import { toIamPolicy } from '../policy/document';
import { validateSpec } from '../spec/load';
import type { SpecInput } from '../spec/schema';
import { eksIssuer } from '../spec/issuers';
import { fromCaller, proveEquivalent, type Equivalence } from './equivalence';
import { ExportError, exportProblems } from './errors';
import { providerDetails, type ExportedRole, type IamExport } from './export';
import { importInlinePolicy } from './policy-import';
import { providerEqual } from './provider-equal';
import { importTrust, type TrustInput } from './trust-import';
import { awsOwnedReason } from './aws-owned';

type AccountInput = SpecInput['accounts'][number];
type RoleInput = NonNullable<AccountInput['roles']>[number];
type IssuerInput = NonNullable<SpecInput['issuers']>[string];

export interface ImportOptions {
  /** The region written for every account (IAM is global; the provider needs one). It must be of the accounts' partition. @default the first region of each account's partition: us-east-1, cn-north-1, us-gov-west-1 */
  readonly region?: string;
  /** The name the spec is checked under, for messages. @default 'imported spec' */
  readonly specName?: string;
}

export interface SkippedRole {
  readonly file: string;
  readonly account: string;
  readonly role: string;
  readonly arn: string;
  readonly reason: string;
}

export interface ImportedRole {
  readonly account: string;
  readonly role: string;
  readonly arn: string;
  /** The proof that the synthesized trust policy grants the exported access. */
  readonly proof: Equivalence;
  /** Rules whose findings were suppressed because the trust was imported as it was. */
  readonly suppressed: readonly string[];
}

export interface ImportResult {
  /** The spec, as plain data (what the YAML holds). */
  readonly spec: SpecInput;
  /** The model synthesis builds from it (after the lint pack's auto-fixes). */
  readonly model: Model;
  readonly imported: readonly ImportedRole[];
  readonly skipped: readonly SkippedRole[];
  /** Roles AWS owns (service-linked, IAM Identity Center): listed, never imported or adopted. */
  readonly awsManaged: readonly SkippedRole[];
}

/** A spec issuer name for an OIDC host: `eks-<region>-<id>`, `github-actions`, else the host's words. */
export function issuerName(host: string): string {
  const eks = eksIssuer(host);
  if (eks) return `eks-${eks.region}-${eks.id.slice(0, 8).toLowerCase()}`;
  if (host === 'token.actions.githubusercontent.com') return 'github-actions';
  const words = host.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${/^[A-Za-z]/.test(words) ? '' : 'issuer-'}${words}`.slice(0, 64).replace(/-+$/, '');
}

interface Candidate {
  readonly source: ExportedRole;
  readonly accountName: string;
  readonly role: RoleInput;
}

const reasonOf = (p: Problem) => `${p.path}: ${p.message} (fix: ${p.fix})`;
const ROLE_PATH = /^accounts\[(\d+)\]\.roles\[(\d+)\]/;

export function importExport(exp: IamExport, options: ImportOptions = {}): ImportResult {
  const region = regionFor(exp, options.region);
  const specName = options.specName ?? 'imported spec';
  const skipped: SkippedRole[] = [];
  const awsManaged: SkippedRole[] = [];
  const skip = (r: ExportedRole, accountName: string, reason: string) => skipped.push({ file: r.file, account: accountName, role: r.name, arn: r.arn, reason });
  const accountNameOf = (id: string) => exp.accounts.find((a) => a.accountId === id)?.name ?? `account-${id}`;

  // Issuers by host, registered as roles need them; one audience per issuer.
  const issuers = new Map<string, { name: string; spec: IssuerInput }>();
  const names = new Set<string>();
  const issuer = (host: string, pinned: string | undefined) => {
    const known = issuers.get(host);
    if (known) return pinned === undefined || known.spec.audience === pinned ? { name: known.name } : { reason: `the issuer ${host} is imported with audience "${known.spec.audience}", and this role pins "${pinned}"; the spec has one audience per issuer` };
    const details = exp.providers.find((p) => p.host === host && p.clientIds);
    // A trust without aud takes the issuer's usual one (it writes none for that trust).
    const audience = pinned ?? (details?.clientIds?.includes('sts.amazonaws.com') || !details?.clientIds?.length ? 'sts.amazonaws.com' : details.clientIds[0]);
    if (details?.clientIds && details.clientIds.length > 0 && !details.clientIds.includes(audience)) {
      return { reason: `the trust pins aud "${audience}", which is not a client id of the provider ${host} (${details.clientIds.join(', ')})` };
    }
    let name = issuerName(host);
    for (let n = 2; names.has(name); n++) name = `${issuerName(host).slice(0, 60)}-${n}`;
    names.add(name);
    const spec: IssuerInput = {
      url: `https://${host}`,
      clientIds: details?.clientIds && details.clientIds.length > 0 ? [...details.clientIds] : [audience],
      ...(details?.thumbprints && details.thumbprints.length > 0 ? { thumbprints: [...details.thumbprints] } : {}),
      audience,
    };
    issuers.set(host, { name, spec });
    return { name };
  };

  let candidates: Candidate[] = [];
  for (const account of exp.accounts) {
    const accountName = accountNameOf(account.accountId);
    for (const r of account.roles) {
      const owned = awsOwnedReason(r);
      if (owned) {
        awsManaged.push({ file: r.file, account: accountName, role: r.name, arn: r.arn, reason: owned });
        continue;
      }
      const trust = importTrust(r.trust, { accountId: account.accountId, issuer });
      if ('reason' in trust) {
        skip(r, accountName, trust.reason);
        continue;
      }
      // Every inline policy is adopted as it is, a hand-written cross-account grant too (by its meaning, not its Sid or name:
      // the model writes no grant its own inline policies already allow).
      const inline = r.inlinePolicies.map((p) => importInlinePolicy(p.name, p.document));
      const bad = inline.find((p): p is { reason: string } => 'reason' in p);
      if (bad) {
        skip(r, accountName, bad.reason);
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

  // Check, drop what fails, and check again until everything left passes.
  for (let round = 0; ; round++) {
    if (round > candidates.length + 5) throw new Error('import did not settle; this is a bug');
    const spec = buildSpec(exp, candidates, issuers, region);
    const index = (p: Problem) => {
      const m = ROLE_PATH.exec(p.path);
      if (!m) return -1;
      const account = spec.accounts[Number(m[1])];
      const role = account.roles![Number(m[2])];
      return candidates.findIndex((c) => c.accountName === account.name && c.role.name === role.name);
    };
    const drop = (failed: Map<number, string>) => {
      for (const [i, reason] of failed) skip(candidates[i].source, candidates[i].accountName, reason);
      candidates = candidates.filter((_, i) => !failed.has(i));
    };
    let model: Model;
    try {
      model = resolveModel(validateSpec(spec, specName));
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      const failed = new Map<number, string>();
      for (const p of e.problems) {
        const i = index(p);
        if (i < 0) throw new Error(`the imported spec has a problem that no role explains, which is a bug: ${reasonOf(p)}`);
        if (!failed.has(i)) failed.set(i, `the spec refuses it: ${reasonOf(p)}`);
      }
      drop(failed);
      continue;
    }
    const report = lintModel(model);
    const failed = new Map<number, string>();
    let added = false;
    for (const f of report.findings) {
      // An auto-fix would change an adopted document (a Terraform update): the role suppresses the rule, which keeps it as written.
      if (f.suppressed || (f.level === 'info' && !f.autoFixed)) continue;
      // The workload rules (WORK*) are about the settings synth writes, not the imported documents: left for the user to see.
      if (f.ruleId.startsWith('WORK') && !isBlocking(f)) continue;
      const i = index({ file: f.file, path: f.path, message: f.message, fix: f.fix });
      if (i < 0) {
        if (isBlocking(f)) throw new Error(`the imported spec has a lint error that no role explains, which is a bug: [${f.ruleId}] ${f.path}: ${f.message}`);
        continue;
      }
      if (ruleById(f.ruleId)?.suppressible === false || !ruleById(f.ruleId)) {
        if (isBlocking(f) && !failed.has(i)) failed.set(i, `[${f.ruleId}] ${f.message}; this rule cannot be suppressed (fix: ${f.fix})`);
        continue;
      }
      const c = candidates[i];
      if (!c.role.suppressions!.some((s) => s.rule === f.ruleId)) {
        c.role.suppressions!.push({ rule: f.ruleId, reason: `imported as it was from ${c.source.file} (${c.source.arn}); tighten it, then remove this suppression` });
        added = true;
      }
    }
    if (failed.size > 0) {
      drop(failed);
      continue;
    }
    if (added) continue;

    // The access proof that gates synth: a check it cannot pass for a role taken over as it is (a caller whose identity
    // policies are outside the spec, a condition no offline request decides) is accepted on that role, saying why.
    for (const f of proofFindings(report.model, proveAccess(report.model, { keepSections: false }))) {
      if (f.ruleId !== PROOF_RULE.id || f.suppressed) continue;
      const i = index({ file: f.file, path: f.path, message: f.message, fix: f.fix });
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
    if (added) continue;

    // The proof, on what synthesis writes (the lint pack's auto-fixes applied).
    const imported: ImportedRole[] = [];
    const identities = deriveIdentities(report.model);
    report.model.accounts.forEach((account) => {
      for (const role of account.roles) {
        const i = candidates.findIndex((c) => c.accountName === account.name && c.role.name === role.name);
        const c = candidates[i];
        const own = identities.filter((id) => id.origins.some((o) => o.role === `${account.name}/${role.name}`)).map((id) => fromCaller(id.caller, account.partition, account.id));
        const proof = proveEquivalent(c.source.trust, toIamPolicy(role.trustPolicy), c.source.arn, own);
        const added = account.grants.find((g) => g.roleTfId === role.tfId);
        const inlineSame = !added && role.inlinePolicies.length === c.source.inlinePolicies.length && c.source.inlinePolicies.every((p) => {
          const mine = role.inlinePolicies.find((x) => x.name === p.name);
          return mine !== undefined && providerEqual(p.document, toIamPolicy(mine.document));
        });
        if (!proof.equal) {
          const d = proof.differences[0];
          failed.set(i, `the trust policy synthesis would write grants different access: ${d.identity} asking ${d.action} is ${d.left} by the exported policy and ${d.right} by the synthesized one (${proof.differences.length} difference${proof.differences.length === 1 ? '' : 's'} in ${proof.checked} checks)`);
        } else if (added) {
          const actions = added.document.statements.map((st) => `${st.actions.join(', ')} on ${(st.resources ?? []).join(', ')}`).join('; ');
          failed.set(
            i,
            `synthesis would add the inline policy ${GRANT_POLICY_NAME} (${actions}), which no exported inline policy of the role allows; adopting would write a new policy onto it (fix: add the statement to one of the role's inline policies by hand, export again, and import)`,
          );
        } else if (!inlineSame) {
          const names = (list: readonly { name: string }[]) => list.map((p) => p.name).sort(byCodePoint).join(', ') || 'none';
          failed.set(i, `the inline policies synthesis would write (${names(role.inlinePolicies)}) differ from the exported ones (${names(c.source.inlinePolicies)})`);
        } else if (!providerEqual(c.source.trust, toIamPolicy(role.trustPolicy))) {
          failed.set(i, 'the trust policy synthesis would write grants the same access but is another document to Terraform (an operator, a Sid or how statements are split), so adopting would update it; the spec cannot write this document as it is');
        } else if (role.arn !== c.source.arn) {
          failed.set(i, `synthesis would build the ARN ${role.arn}, not ${c.source.arn}`);
        } else {
          imported.push({ account: account.name, role: role.name, arn: role.arn, proof, suppressed: c.role.suppressions!.map((s) => s.rule) });
        }
      }
    });
    if (failed.size > 0) {
      drop(failed);
      continue;
    }
    return { spec, model: report.model, imported, skipped, awsManaged };
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
  if (misfits.length > 0) throw new ExportError(misfits.map((a) => exportProblems.regionNotInPartition(a.files.join(', '), a.accountId, a.partition, given, partition)));
  return () => given;
}

/** The spec for the candidates left: accounts in export order, issuers and providers the roles use. */
function buildSpec(exp: IamExport, candidates: readonly Candidate[], issuers: ReadonlyMap<string, { name: string; spec: IssuerInput }>, region: (partition: string) => string): SpecInput & { accounts: AccountInput[] } {
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
        const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify([...(a ?? [])].sort(byCodePoint)) === JSON.stringify([...(b ?? [])].sort(byCodePoint));
        providers[entry.name] = known.clientIds && same(known.clientIds, entry.spec.clientIds) && same(known.thumbprints, entry.spec.thumbprints) ? { adopt: true } : 'existing';
      }
    }
    return { name: accountName, id: account.accountId, region: region(account.partition), ...(account.partition !== 'aws' ? { partition: account.partition as 'aws-cn' | 'aws-us-gov' } : {}), oidcProviders: providers, roles };
  });
  return { version: 1, issuers: Object.fromEntries(byKey(used)), accounts };
}

function trustHosts(trust: readonly TrustInput[], issuers: ReadonlyMap<string, { name: string }>): string[] {
  const byName = new Map([...issuers].map(([host, i]) => [i.name, host]));
  const names = trust.flatMap((t) => ('issuer' in t ? [t.issuer] : t.type === 'web-identity' ? t.issuers.map((i) => i.issuer) : []));
  return [...new Set(names.map((n) => byName.get(n)!))];
}
