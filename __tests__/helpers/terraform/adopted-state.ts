/**
 * `terraform plan` of an adopted estate against a state built from its
 * export: each stack is copied with its `import` blocks taken out, called as
 * a module of one root, and the root's `terraform.tfstate` holds, at each
 * import block's address in that module, the object the export describes (as
 * the AWS provider stores it), as if the imports had been applied. A plan with
 * `-refresh=false` then shows what applying the stack would change on the
 * existing objects: for an adoption that changes nothing, every resource is a
 * no-op. Several estates (the export, and an edited copy of it) share the one
 * root, which is planned as a part of the run's shared plan (`shared-plan.ts`),
 * with its own provider and its state.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IamExport } from '../../../src/brownfield/export';
import { accountIdent } from '../../../src/names';
import { OFFLINE_PROVIDER_SETTINGS } from '../../../src/terraform/offline';
import type { PlanJson } from './run';
import type { PlanPart } from './shared-plan';

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
        unique_id: `AROA${r.name
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')
          .slice(0, 17)}`,
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

/** One adopted estate to plan: an export and the accounts of it (name to id) whose stacks are planned. */
export interface AdoptedEstate {
  readonly exp: IamExport;
  readonly accounts: ReadonlyMap<string, string>;
}

/**
 * A root for the stacks of `outdir` against states built from each estate's export, ONE root for all:
 * each estate's account is a module (`<estate>_<account>`) whose source is the account's stack with its
 * `import` blocks, backend and provider block taken out, and the state holds each import block's object at
 * its address in that module. Every module gets the root's one provider, configured as the stacks' own
 * (region and skip flags; `allowed_account_ids` cleared, as offline it must be): the harness refuses stacks
 * whose providers differ in anything else. A plan then costs one provider process and one `show`, not one
 * each per stack. Returns the root, as a part of the shared plan (its own provider; its `terraform.tfstate`
 * goes into the shared root's state), and what splits its plan into each estate's plans by account, with
 * addresses as the stack root has them.
 */
export function adoptedRoot(
  outdir: string,
  workDir: string,
  estates: Readonly<Record<string, AdoptedEstate>>,
): { part: PlanPart; plans(plan: PlanJson): Record<string, Map<string, PlanJson>> } {
  const rootDir = join(workDir, 'root');
  mkdirSync(rootDir, { recursive: true });
  const modules: Json = {};
  const resources: Json[] = [];
  const providers = new Set<string>();
  const sources = new Set<string>();
  const modulesOf: Record<string, Map<string, string>> = {};
  for (const [estate, { exp, accounts }] of Object.entries(estates)) {
    modulesOf[estate] = new Map();
    for (const [name, accountId] of accounts) {
      const module = `${estate}_${accountIdent(name)}`;
      const dir = join(workDir, 'stacks', name);
      const stack = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as Json;
      const imports = (stack.import ?? []) as { to: string; id: string }[];
      if (!sources.has(name)) {
        sources.add(name);
        for (const aws of stack.provider.aws as Json[]) providers.add(JSON.stringify({ ...aws, allowed_account_ids: null }));
        delete stack.import;
        delete stack.terraform.backend;
        delete stack.provider;
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(stack, null, 2));
      }
      modules[module] = { source: `../stacks/${name}` };
      for (const { to, id } of imports) {
        const [type, resourceName] = to.split('.');
        resources.push({
          module: `module.${module}`,
          mode: 'managed',
          type,
          name: resourceName,
          provider: PROVIDER,
          instances: [{ schema_version: 0, attributes: stateAttributes(type, id, accountId, exp), sensitive_attributes: [] }],
        });
      }
      modulesOf[estate].set(name, module);
    }
  }
  if (providers.size !== 1)
    throw new Error(`the stacks configure the AWS provider differently, so one root provider cannot stand for theirs: ${[...providers].join(' / ')}`);
  const provider = { ...(JSON.parse([...providers][0]) as Json), ...OFFLINE_PROVIDER_SETTINGS };
  const root = { terraform: { required_providers: { aws: { source: 'hashicorp/aws' } } }, provider: { aws: provider }, module: modules };
  writeFileSync(join(rootDir, 'main.tf.json'), JSON.stringify(root, null, 2));
  writeFileSync(
    join(rootDir, 'terraform.tfstate'),
    JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'adopted', outputs: {}, resources, check_results: null }, null, 2),
  );
  const part = { rootDir, sources: [rootDir, ...[...sources].map((name) => join(workDir, 'stacks', name))], ownProvider: true };
  return { part, plans: (plan) => byEstate(plan, modulesOf) };
}

function byEstate(plan: PlanJson, modulesOf: Record<string, Map<string, string>>): Record<string, Map<string, PlanJson>> {
  const out: Record<string, Map<string, PlanJson>> = {};
  for (const [estate, byAccount] of Object.entries(modulesOf)) {
    out[estate] = new Map(
      [...byAccount].map(([name, module]) => {
        const prefix = `module.${module}`;
        const changes = (plan.resource_changes ?? [])
          .filter((c) => c.module_address === prefix)
          .map((c) => ({ ...c, address: c.address.slice(prefix.length + 1), module_address: undefined }));
        return [name, { resource_changes: changes }];
      }),
    );
  }
  return out;
}
