/**
 * A plain root that calls several generated module sets side by side (e.g. the
 * same spec as `.tf.json` and as `.tf` modules). It is a part of the run's
 * shared plan (`shared-plan.ts`): no provider block of its own, every module
 * gets the shared root's one default provider. A plan reads no account or
 * region from it (every ARN is built from the spec's ids), and each provider
 * configuration is a process of its own that loads the whole AWS schema, so one
 * instead of one per account saves most of the plan's time.
 * `examples/plain-terraform/main.tf`, with its provider per account, is planned
 * by e2e-terraform.
 */
import { accountIdent } from '../../../src/names';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Model } from '../../../src/model/types';
import { CROSS_ACCOUNT_DEPENDENCIES } from '../../../src/names';
import type { PlanJson } from './run';
import type { PlanPart } from './shared-plan';

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

/** Writes the root (`<workDir>/root/main.tf`) of the sets, all under `workDir`: a part of the shared plan. */
export function modulesPart(workDir: string, sets: readonly ModuleSet[]): PlanPart {
  const rootDir = join(workDir, 'root');
  mkdirSync(rootDir, { recursive: true });
  writeFileSync(join(rootDir, 'main.tf'), modulesRoot(rootDir, sets));
  return { rootDir, sources: [rootDir, ...sets.flatMap((s) => s.model.accounts.map((a) => join(s.modulesDir, a.name)))] };
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
