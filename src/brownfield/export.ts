/**
 * Reads what `aws iam get-account-authorization-details` prints (one file per
 * account), and where given, `aws iam list-roles` / `get-role` (for the
 * description and the max session duration, which the authorization details
 * leave out), `list-open-id-connect-providers` and
 * `get-open-id-connect-provider`. Policy documents come as JSON objects (the
 * CLI) or as URL-encoded JSON text (the raw API); both are read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExportError, exportProblems as P, type Problem } from '../errors';
import { WORKLOADS_DIR } from '../workloads/artifact';

/** A policy document as IAM JSON (an object). */
export type PolicyJson = Record<string, unknown>;

export interface ExportedRole {
  /** The export file it came from, as given. */
  readonly file: string;
  readonly accountId: string;
  readonly partition: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly trust: PolicyJson;
  readonly inlinePolicies: readonly { readonly name: string; readonly document: PolicyJson }[];
  readonly managedPolicies: readonly { readonly name: string; readonly arn: string }[];
  readonly permissionsBoundary?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** From `list-roles` / `get-role` output only. */
  readonly description?: string;
  /** From `list-roles` / `get-role` output only. */
  readonly maxSessionDuration?: number;
}

export interface ExportedProvider {
  readonly file: string;
  /** The condition-key prefix: the URL without `https://`. */
  readonly host: string;
  /** The provider's account, when an ARN names it (`list-open-id-connect-providers`). */
  readonly accountId?: string;
  readonly arn?: string;
  /** From `get-open-id-connect-provider` only. */
  readonly clientIds?: readonly string[];
  readonly thumbprints?: readonly string[];
}

export interface AccountExport {
  readonly accountId: string;
  readonly partition: string;
  /** The account name given with `--account NAME=ID`, if any. */
  readonly name?: string;
  readonly files: readonly string[];
  readonly roles: readonly ExportedRole[];
}

export interface IamExport {
  readonly accounts: readonly AccountExport[];
  readonly providers: readonly ExportedProvider[];
}

export interface ReadOptions {
  /** Directory relative paths are resolved against. Default: the process's. */
  readonly cwd?: string;
  /** `NAME=ID` pairs: when given, every export must be of one of these accounts. */
  readonly accountNames?: ReadonlyMap<string, string>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ARN = /^arn:(aws[a-z-]*):(?:iam|sts)::(\d{12}):/;
const OIDC_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):oidc-provider\/(.+)$/;

/**
 * A policy document as the CLI prints it (an object), as the raw API returns
 * it (URL-encoded JSON text), or as plain JSON text. Throws with the reason.
 */
export function decodePolicyDocument(value: unknown): PolicyJson {
  if (isObject(value)) return value;
  if (typeof value !== 'string') throw new Error(`it is ${value === undefined ? 'missing' : `a ${Array.isArray(value) ? 'list' : typeof value}`}`);
  let text = value.trim();
  if (!text.startsWith('{')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new Error('it is text that is neither JSON nor URL-encoded');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  if (!isObject(parsed)) throw new Error('it is not a JSON object');
  return parsed;
}

/** `{ account: name }` from `NAME=ID` arguments; throws ExportError on a malformed one. */
export function parseAccountArgs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const problems: Problem[] = [];
  const idOf = new Map<string, string>();
  for (const arg of args) {
    const m = /^([A-Za-z][A-Za-z0-9_-]{0,63})=(\d{12})$/.exec(arg);
    if (!m) {
      problems.push(P.badAccountArg(arg));
      continue;
    }
    const [, name, id] = m;
    if (name.toLowerCase() === WORKLOADS_DIR) {
      problems.push(P.reservedAccountName(name, id, WORKLOADS_DIR));
      continue;
    }
    // The same pair twice says one thing; a name for two ids, or two names for one id, would write two accounts of one name or drop one.
    if (idOf.has(name) && idOf.get(name) !== id) problems.push(P.repeatedAccountName(name, idOf.get(name)!, id));
    else if (out.has(id) && out.get(id) !== name) problems.push(P.repeatedAccountId(id, out.get(id)!, name));
    else {
      idOf.set(name, id);
      out.set(id, name);
    }
  }
  if (problems.length > 0) throw new ExportError(problems);
  return out;
}

interface FileContent {
  roles: ExportedRole[];
  /** Description and max session by role ARN, from list-roles / get-role. */
  roleExtras: Map<string, { description?: string; maxSessionDuration?: number }>;
  providers: ExportedProvider[];
  accountId?: string;
  partition?: string;
}

function tagsOf(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) for (const t of v) if (isObject(t) && typeof t.Key === 'string') out[t.Key] = String(t.Value ?? '');
  return out;
}

function readRoleDetail(file: string, raw: unknown, i: number, problems: Problem[]): ExportedRole | undefined {
  const label = isObject(raw) && typeof raw.RoleName === 'string' ? raw.RoleName : `RoleDetailList[${i}]`;
  if (!isObject(raw) || typeof raw.RoleName !== 'string' || typeof raw.Arn !== 'string') {
    problems.push(P.badRole(file, label, 'the entry has no RoleName or Arn'));
    return undefined;
  }
  const arn = ARN.exec(raw.Arn);
  if (!arn) {
    problems.push(P.badRole(file, label, `Arn "${raw.Arn}" is not a role ARN`));
    return undefined;
  }
  let ok = true;
  const doc = (value: unknown, what: string): PolicyJson => {
    try {
      return decodePolicyDocument(value);
    } catch (e) {
      ok = false;
      problems.push(P.badDocument(file, label, what, (e as Error).message));
      return {};
    }
  };
  const trust = doc(raw.AssumeRolePolicyDocument, 'AssumeRolePolicyDocument');
  const inlinePolicies = (Array.isArray(raw.RolePolicyList) ? raw.RolePolicyList : []).map((p, pi) => {
    const name = isObject(p) && typeof p.PolicyName === 'string' ? p.PolicyName : `RolePolicyList[${pi}]`;
    return { name, document: doc(isObject(p) ? p.PolicyDocument : undefined, `inline policy "${name}"`) };
  });
  const managedPolicies = (Array.isArray(raw.AttachedManagedPolicies) ? raw.AttachedManagedPolicies : []).flatMap((p) =>
    isObject(p) && typeof p.PolicyArn === 'string' ? [{ name: String(p.PolicyName ?? p.PolicyArn), arn: p.PolicyArn }] : [],
  );
  const boundary =
    isObject(raw.PermissionsBoundary) && typeof raw.PermissionsBoundary.PermissionsBoundaryArn === 'string'
      ? raw.PermissionsBoundary.PermissionsBoundaryArn
      : undefined;
  if (!ok) return undefined;
  return {
    file,
    accountId: arn[2],
    partition: arn[1],
    name: raw.RoleName,
    path: typeof raw.Path === 'string' ? raw.Path : '/',
    arn: raw.Arn,
    trust,
    inlinePolicies,
    managedPolicies,
    permissionsBoundary: boundary,
    tags: tagsOf(raw.Tags),
    ...extrasOf(raw),
  };
}

function extrasOf(raw: Json): { description?: string; maxSessionDuration?: number } {
  return {
    ...(typeof raw.Description === 'string' && raw.Description !== '' ? { description: raw.Description } : {}),
    ...(typeof raw.MaxSessionDuration === 'number' ? { maxSessionDuration: raw.MaxSessionDuration } : {}),
  };
}

function providerHost(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/$/, '');
}

function readFileContent(file: string, json: unknown, problems: Problem[]): FileContent {
  const out: FileContent = { roles: [], roleExtras: new Map(), providers: [] };
  if (!isObject(json)) {
    problems.push(P.unknownShape(file));
    return out;
  }
  let known = false;
  if (Array.isArray(json.RoleDetailList)) {
    known = true;
    json.RoleDetailList.forEach((raw, i) => {
      const role = readRoleDetail(file, raw, i, problems);
      if (role) out.roles.push(role);
    });
  }
  const listed = Array.isArray(json.Roles) ? json.Roles : isObject(json.Role) ? [json.Role] : undefined;
  if (listed) {
    known = true;
    for (const r of listed) if (isObject(r) && typeof r.Arn === 'string') out.roleExtras.set(r.Arn, extrasOf(r));
    // A list-roles/get-role file names its account too.
    for (const r of listed) if (isObject(r) && typeof r.Arn === 'string' && ARN.test(r.Arn)) out.accountId ??= ARN.exec(r.Arn)![2];
  }
  if (Array.isArray(json.OpenIDConnectProviderList)) {
    known = true;
    for (const p of json.OpenIDConnectProviderList) {
      const m = isObject(p) && typeof p.Arn === 'string' ? OIDC_ARN.exec(p.Arn) : null;
      if (m) out.providers.push({ file, host: m[3], accountId: m[2], arn: p.Arn as string });
    }
  }
  if (typeof json.Url === 'string') {
    known = true;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    out.providers.push({ file, host: providerHost(json.Url), clientIds: strings(json.ClientIDList), thumbprints: strings(json.ThumbprintList) });
  }
  if (!known) problems.push(P.unknownShape(file));
  // The account: the roles', else any other ARN of the account in the file.
  const first = out.roles[0];
  if (first) {
    out.accountId = first.accountId;
    out.partition = first.partition;
    for (const r of out.roles) if (r.accountId !== first.accountId) problems.push(P.mixedAccounts(file, r.name, r.accountId, first.accountId));
  } else if (Array.isArray(json.RoleDetailList)) {
    for (const list of ['UserDetailList', 'GroupDetailList', 'Policies']) {
      for (const e of Array.isArray(json[list]) ? (json[list] as unknown[]) : []) {
        const m = isObject(e) && typeof e.Arn === 'string' ? ARN.exec(e.Arn) : null;
        if (m && !out.accountId) [out.partition, out.accountId] = [m[1], m[2]];
      }
    }
    if (!out.accountId) problems.push(P.noAccount(file));
  }
  return out;
}

/** Reads every file; throws ExportError with every problem at once. */
export function readExports(files: readonly string[], options: ReadOptions = {}): IamExport {
  const problems: Problem[] = [];
  const accounts = new Map<string, { partition: string; files: string[]; roles: Map<string, ExportedRole> }>();
  const extras = new Map<string, { description?: string; maxSessionDuration?: number }>();
  const providers: ExportedProvider[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(options.cwd ?? process.cwd(), file), 'utf8');
    } catch (e) {
      problems.push(P.unreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push(P.notJson(file, (e as Error).message));
      continue;
    }
    const content = readFileContent(file, json, problems);
    for (const [arn, x] of content.roleExtras) extras.set(arn, x);
    providers.push(...content.providers);
    if (content.accountId && (content.roles.length > 0 || Array.isArray((json as Json).RoleDetailList))) {
      const names = options.accountNames;
      if (names && !names.has(content.accountId)) {
        problems.push(
          P.accountNotNamed(
            file,
            content.roles[0]?.name,
            content.accountId,
            [...names].map(([id, n]) => `${n}=${id}`),
          ),
        );
        continue;
      }
      let acct = accounts.get(content.accountId);
      if (!acct) accounts.set(content.accountId, (acct = { partition: content.partition ?? 'aws', files: [], roles: new Map() }));
      acct.files.push(file);
      // Paginated exports may repeat a role: the first one read is kept.
      for (const r of content.roles) if (!acct.roles.has(r.arn)) acct.roles.set(r.arn, r);
    }
  }
  if (problems.length === 0 && accounts.size === 0) problems.push(P.noRoleExport(files));
  if (problems.length > 0) throw new ExportError(problems);
  return {
    accounts: [...accounts].map(([accountId, a]) => ({
      accountId,
      partition: a.partition,
      name: options.accountNames?.get(accountId),
      files: a.files,
      roles: [...a.roles.values()].map((r) => ({ ...r, ...extras.get(r.arn) })),
    })),
    providers,
  };
}

/** The account id a file name carries (`cluster-111111111111.json`), if exactly one. */
function accountInName(file: string): string | undefined {
  const ids = file.slice(file.lastIndexOf('/') + 1).match(/(?<!\d)\d{12}(?!\d)/g) ?? [];
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The OIDC provider for `host` in `accountId`: whether that account's listing
 * shows it, and its own client ids and thumbprints when an export holds them.
 * `get-open-id-connect-provider` prints no ARN, so its output is an account's
 * own only when its file name carries that account's id, or when no other
 * exported account lists a provider for the host; another account's details
 * are never used.
 */
export function providerDetails(
  exp: IamExport,
  host: string,
  accountId: string,
): { listed: boolean; clientIds?: readonly string[]; thumbprints?: readonly string[] } {
  const same = exp.providers.filter((p) => p.host === host);
  const listing = [...new Set(same.flatMap((p) => (p.accountId ? [p.accountId] : [])))];
  const details = same.filter((p) => p.clientIds !== undefined);
  const own =
    details.find((p) => accountInName(p.file) === accountId) ??
    (listing.every((id) => id === accountId) ? details.find((p) => accountInName(p.file) === undefined) : undefined);
  return {
    listed: listing.includes(accountId),
    ...(own ? { clientIds: own.clientIds, thumbprints: own.thumbprints } : {}),
  };
}

/**
 * What the export leaves to assumption, one line each: an `--account` name no
 * export is of (it names no account of the spec), and roles without
 * `list-roles` / `get-role` data, whose description and max session the spec
 * then leaves out (Terraform's defaults: none and 3600 s).
 */
export function exportWarnings(exp: IamExport, names: ReadonlyMap<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const [id, name] of names ?? []) {
    if (!exp.accounts.some((a) => a.accountId === id))
      out.push(
        `--account ${name}=${id}: no export of account ${id} was given, so it is not in the spec (give its get-account-authorization-details output, or drop the argument)`,
      );
  }
  for (const a of exp.accounts) {
    const missing = a.roles.filter((r) => r.maxSessionDuration === undefined);
    if (missing.length > 0) {
      out.push(
        `account ${a.name ?? a.accountId}: ${missing.length} of ${a.roles.length} roles have no list-roles data, so their description and max session are not known; the spec leaves them out, and Terraform would set no description and a max session of 3600 s (give \`aws iam list-roles --output json\` of the account too)`,
      );
    }
  }
  return out;
}
