/**
 * `terraform plan` of an adopted estate against a state built from its
 * export: each stack is copied with its `import` blocks taken out and a
 * `terraform.tfstate` that holds, at each import block's address, the object
 * the export describes (as the AWS provider stores it), as if the imports had
 * been applied. A plan with `-refresh=false` then shows what applying the
 * stack would change on the existing objects: for an adoption that changes
 * nothing, every resource is a no-op.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IamExport } from '../../../src/brownfield/export';
import { findTerraform } from '../../../src/terraform/find';
import { OFFLINE_PROVIDER_SETTINGS } from '../../../src/terraform/offline';
import { initShared, planJson, type PlanJson } from './run';

type Json = Record<string, any>;
const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';

/** The attributes the provider stores for the object an import block names, from the export. */
function stateAttributes(type: string, id: string, accountId: string, exp: IamExport): Json {
  const account = exp.accounts.find((a) => a.accountId === accountId)!;
  const roleOf = (name: string) => {
    const r = account.roles.find((x) => x.name === name);
    if (!r) throw new Error(`import id ${id}: no role ${name} in the export of ${accountId}`);
    return r;
  };
  switch (type) {
    case 'aws_iam_role': {
      const r = roleOf(id);
      return {
        id: r.name,
        name: r.name,
        name_prefix: '',
        arn: r.arn,
        path: r.path,
        unique_id: `AROA${r.name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 17)}`,
        create_date: '2024-03-01T09:30:00Z',
        assume_role_policy: JSON.stringify(r.trust),
        description: r.description ?? '',
        max_session_duration: r.maxSessionDuration ?? 3600,
        permissions_boundary: r.permissionsBoundary ?? '',
        force_detach_policies: false,
        tags: Object.keys(r.tags).length > 0 ? r.tags : null,
        tags_all: r.tags,
        inline_policy: r.inlinePolicies.map((p) => ({ name: p.name, policy: JSON.stringify(p.document) })),
        managed_policy_arns: r.managedPolicies.map((m) => m.arn),
      };
    }
    case 'aws_iam_role_policy': {
      const [role, name] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
      const p = roleOf(role).inlinePolicies.find((x) => x.name === name);
      if (!p) throw new Error(`import id ${id}: no inline policy ${name} on ${role}`);
      return { id, name, name_prefix: '', role, policy: JSON.stringify(p.document) };
    }
    case 'aws_iam_role_policy_attachment': {
      const slash = id.indexOf('/');
      const [role, arn] = [id.slice(0, slash), id.slice(slash + 1)];
      if (!roleOf(role).managedPolicies.some((m) => m.arn === arn)) throw new Error(`import id ${id}: ${arn} is not attached to ${role}`);
      return { id: `${role}-20240301093000000000000001`, role, policy_arn: arn };
    }
    case 'aws_iam_openid_connect_provider': {
      const host = id.slice(id.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
      const details = exp.providers.find((p) => p.host === host && p.clientIds);
      return { id, arn: id, url: host, client_id_list: details?.clientIds ?? [], thumbprint_list: details?.thumbprints ?? [], tags: null, tags_all: {} };
    }
    default:
      throw new Error(`no state for ${type}`);
  }
}

/** Copies each account's stack to `workDir`, builds its state from the export, plans, and returns the plans by account. */
export async function planAgainstExport(outdir: string, workDir: string, exp: IamExport, accounts: ReadonlyMap<string, string>): Promise<Map<string, PlanJson>> {
  const dirs = new Map<string, string>();
  for (const [name, accountId] of accounts) {
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
    const imports = (stack.import ?? []) as { to: string; id: string }[];
    delete stack.import;
    delete stack.terraform.backend;
    const dir = join(workDir, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(stack, null, 2));
    writeFileSync(join(dir, 'offline_override.tf.json'), JSON.stringify({ provider: { aws: { allowed_account_ids: null, ...OFFLINE_PROVIDER_SETTINGS } } }, null, 2));
    const resources = imports.map(({ to, id }) => {
      const [type, resourceName] = to.split('.');
      return { mode: 'managed', type, name: resourceName, provider: PROVIDER, instances: [{ schema_version: 0, attributes: stateAttributes(type, id, accountId, exp), sensitive_attributes: [] }] };
    });
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: `adopted-${name}`, outputs: {}, resources, check_results: null }, null, 2));
    dirs.set(name, dir);
  }
  const tf = findTerraform(workDir, process.env);
  const [first, ...rest] = [...dirs.values()];
  await initShared(tf, first, rest);
  const out = new Map<string, PlanJson>();
  for (const [name, dir] of dirs) out.set(name, await planJson(tf, dir));
  return out;
}
