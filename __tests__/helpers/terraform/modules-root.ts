/**
 * A plain root that calls several generated module sets side by side (e.g. the
 * same spec as `.tf.json` and as `.tf` modules), with the offline override of
 * `offline.ts`. One init, one plan: the plan validates every module and shows
 * what each set would create. Every module gets the one default provider: a
 * plan reads no account or region from it (every ARN is built from the spec's
 * ids), and each provider configuration is a process of its own that loads the
 * whole AWS schema, so one instead of one per account saves most of the plan's
 * time. `examples/plain-terraform/main.tf`, with its provider per account, is
 * planned by e2e-terraform.
 */
import { accountIdent } from '../../../src/names';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../../../src/model/types';
import { CROSS_ACCOUNT_DEPENDENCIES } from '../../../src/names';
import { findTerraform, type Terraform } from '../../../src/terraform/find';
import { initShared, planJson, type PlanJson } from './run';
import { offlineProviderOverride } from '../../../src/terraform/offline';

export interface ModuleSet {
  readonly model: Model;
  readonly modulesDir: string;
  /** Module names are `<prefix>_<account>`. */
  readonly prefix: string;
}

const ident = accountIdent;

export function modulesRoot(rootDir: string, sets: readonly ModuleSet[]): string {
  const out = [
    'terraform {',
    '  required_providers {',
    '    aws = {',
    '      source  = "hashicorp/aws"',
    `      version = "${sets[0].model.accounts[0].awsProviderVersion}"`,
    '    }',
    '  }',
    '}',
    '',
  ];
  out.push('provider "aws" {', '  region = "eu-west-1"', '}', '');
  for (const set of sets) {
    for (const a of set.model.accounts) {
      out.push(
        `module "${set.prefix}_${ident(a.name)}" {`,
        `  source    = "./${relative(rootDir, join(set.modulesDir, a.name))}"`,
        `  providers = { aws = aws }`,
      );
      if (a.dependsOn.length > 0)
        out.push(`  ${CROSS_ACCOUNT_DEPENDENCIES} = [${a.dependsOn.map((d) => `module.${set.prefix}_${ident(d)}.role_arns`).join(', ')}]`);
      out.push('}', '');
    }
  }
  return out.join('\n');
}

export interface PreparedRoot {
  readonly tf: Terraform;
  readonly rootDir: string;
}

/** Writes the root and its offline override, and runs the one `terraform init`. */
export async function prepareModulesRoot(workDir: string, sets: readonly ModuleSet[]): Promise<PreparedRoot> {
  const tf = findTerraform(workDir, process.env);
  const rootDir = join(workDir, 'root');
  mkdirSync(rootDir, { recursive: true });
  writeFileSync(join(rootDir, 'main.tf'), modulesRoot(rootDir, sets));
  writeFileSync(join(rootDir, 'offline_override.tf'), offlineProviderOverride([undefined]));
  await initShared(tf, rootDir, []);
  return { tf, rootDir };
}

export function planRootOf(p: PreparedRoot): Promise<PlanJson> {
  return planJson(p.tf, p.rootDir);
}

export type ResourceChange = NonNullable<PlanJson['resource_changes']>[number];

/** Planned resource changes by module name, each keyed by its address inside the module. */
export function changesByModule(plan: PlanJson): Map<string, Map<string, ResourceChange>> {
  const out = new Map<string, Map<string, ResourceChange>>();
  for (const rc of plan.resource_changes ?? []) {
    const module = (rc.module_address ?? '').replace(/^module\./, '');
    const inner = rc.address.slice((rc.module_address ?? '').length).replace(/^\./, '');
    if (!out.has(module)) out.set(module, new Map());
    out.get(module)!.set(inner, rc);
  }
  return out;
}
