/**
 * Data-platform jobs name their role in an `aws_role` field. The platform
 * resolves a bare role name in the account its cluster runs in, so the value
 * is the role name there and the full ARN everywhere else.
 *
 * Which account runs the cluster: the issuer's `account` when the spec gives
 * it; otherwise the one account that references the issuer's OIDC provider as
 * `existing` (the platform creates its provider at install time, every other
 * account has to `create` one). With neither, or with several `existing`
 * accounts, the account is unknown and every value is the full ARN, which is
 * always correct; a warning says how to pin the account.
 */
import type { AccountModel, Model, RoleModel } from '../model/types';
import { accountPath, type Artifact } from './artifact';
import { pushTo } from '../group-by';

export function clusterAccount(model: Model, issuer: string): string | undefined {
  let byIssuer = clusterAccounts.get(model);
  if (!byIssuer) clusterAccounts.set(model, (byIssuer = clusterAccountsOf(model)));
  return byIssuer.get(issuer);
}

/** Computed once per model: looking the accounts up for every trust entry is quadratic in the spec. */
const clusterAccounts = new WeakMap<Model, Map<string, string | undefined>>();

function clusterAccountsOf(model: Model): Map<string, string | undefined> {
  const existing = new Map<string, string[]>();
  for (const a of model.accounts) {
    for (const p of a.oidcProviders) if (p.mode === 'existing') pushTo(existing, p.issuer, a.name);
  }
  const out = new Map<string, string | undefined>();
  for (const issuer of Object.keys(model.issuers)) {
    const explicit = model.issuers[issuer]?.account;
    const candidates = existing.get(issuer) ?? [];
    out.set(issuer, explicit ?? (candidates.length === 1 ? candidates[0] : undefined));
  }
  return out;
}

/** The `aws_role` value for a role, for jobs on `issuer`'s cluster. Paths other than `/` need the ARN. */
export function awsRoleValue(model: Model, account: AccountModel, role: RoleModel, issuer: string): string {
  return clusterAccount(model, issuer) === account.name && role.path === '/' ? role.name : role.arn;
}

export interface DataPlatformJob {
  readonly issuer: string;
  readonly cluster_account: string | null;
  readonly project: string;
  readonly environment: string;
  readonly aws_role: string;
}

export function dataPlatformJobs(model: Model, account: AccountModel, role: RoleModel): DataPlatformJob[] {
  const jobs: DataPlatformJob[] = [];
  for (const t of role.trust) {
    if (t.spec.type !== 'data-platform-project') continue;
    jobs.push({
      issuer: t.spec.issuer,
      cluster_account: clusterAccount(model, t.spec.issuer) ?? null,
      project: t.spec.project,
      environment: t.spec.allEnvironments ? '*' : t.spec.environment!,
      aws_role: awsRoleValue(model, account, role, t.spec.issuer),
    });
  }
  return jobs;
}

/** `data-platform.json`: by role of the account, its ARN and the `aws_role` value of each job. */
export function dataPlatformArtifacts(model: Model, account: AccountModel): Artifact[] {
  const byRole: Record<string, { role_arn: string; jobs: DataPlatformJob[] }> = {};
  for (const role of account.roles) {
    const jobs = dataPlatformJobs(model, account, role);
    if (jobs.length > 0) byRole[role.name] = { role_arn: role.arn, jobs };
  }
  const roles = Object.keys(byRole);
  if (roles.length === 0) return [];
  return [
    {
      account: account.name,
      roles,
      path: accountPath(account.name, 'data-platform.json'),
      kind: 'data-platform-aws-role',
      use: "each job's `aws_role` value, by role: the role name in the cluster's account, the ARN elsewhere",
      content: `${JSON.stringify(byRole, null, 2)}\n`,
    },
  ];
}
