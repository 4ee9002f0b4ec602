/**
 * One `terraform plan` (and one `show -json`) for every suite of a run that plans a root of generated
 * modules: each suite's root is a part, a child module of one shared root with the root's one provider
 * (offline settings). Each plan and each `show` starts the AWS provider, which builds its whole schema
 * (about 4 s of CPU): six suites planning apart cost six of each, together one.
 *
 * The parts of a run are the suites of shared-plan-parts.json that jest was asked to run (jest.sequencer.js
 * names them in XACCT_SHARED_PLAN_PARTS; helpers/global-setup.cjs gives the run a folder,
 * XACCT_TEST_RUN_DIR). The first suite that needs the plan prepares every other part itself (the same
 * functions each suite prepares its own with), plans, and leaves each part's share of the plan
 * in the run folder; the others wait for it and read theirs. A part whose files Terraform read differ from
 * those the suite prepared (the generator is byte-stable, so this would be a bug, or code changed during
 * the run) is planned again on its own, as is a suite run alone or outside `npm test`. Each suite gets
 * the plan as its own root would have had it: addresses, module calls and diagnostics relative to its
 * part's root.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findTerraform } from '../../../src/terraform/find';
import { offlineProviderOverride } from '../../../src/terraform/offline';
import { once } from '../run-once';
import { initShared, planWithDiagnostics, type Diagnostic, type PlanJson } from './run';

/** A suite's root, as a child module: no provider block (it gets the shared root's), module calls with `providers = { aws = aws }`. */
export interface PlanPart {
  readonly rootDir: string;
  /** Every folder Terraform reads for this part (the root and the modules it calls): compared byte for byte with the ones planned. */
  readonly sources: readonly string[];
  /** The part configures its own default provider (no `providers` argument); its `terraform.tfstate`, if any, goes into the shared root's state. */
  readonly ownProvider?: boolean;
}

export interface PartPlan {
  readonly plan: PlanJson;
  readonly diagnostics: Diagnostic[];
}

/**
 * The suites that share the plan (by file name), and the helper module where each prepares its part (exporting
 * `preparePart(workDir)`): shared-plan-parts.json, which jest.sequencer.js reads too.
 */
const SHARED_PLAN_PARTS = require('./shared-plan-parts.json') as Record<string, string>;
export type PartName =
  'e2e-terraform' | 'modules-e2e' | 'terraform-literals-e2e' | 'guardrails-terraform' | 'pod-identity-terraform' | 'brownfield-terraform-plan';
interface PartModule {
  preparePart(workDir: string): { readonly part: PlanPart };
}
const partModule = (name: PartName) => require(SHARED_PLAN_PARTS[name]) as PartModule;

const ident = (name: string) => name.replace(/-/g, '_');

/** The part's share of the run's shared plan (planned by whichever suite needed it first). */
export async function sharedPlan(name: PartName, own: PlanPart): Promise<PartPlan> {
  const runDir = process.env.XACCT_TEST_RUN_DIR;
  const names = (process.env.XACCT_SHARED_PLAN_PARTS ?? '').split(',').filter((n): n is PartName => n in SHARED_PLAN_PARTS);
  if (!runDir || !names.includes(name) || names.length < 2) return (await planParts(`${own.rootDir}-plan`, { [name]: own }))[name];
  const dir = join(runDir, 'shared-plan');
  await once(dir, async () => {
    const parts: Record<string, PlanPart> = {};
    for (const n of names) parts[n] = n === name ? own : partModule(n).preparePart(join(dir, 'parts', n)).part;
    const planned = await planParts(join(dir, 'root'), parts);
    for (const n of names) writeFileSync(join(dir, `${n}.json`), JSON.stringify({ digest: digest(parts[n]), ...planned[n] }));
  });
  const share = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as PartPlan & { digest: string };
  if (share.digest !== digest(own)) return (await planParts(`${own.rootDir}-plan`, { [name]: own }))[name];
  return { plan: share.plan, diagnostics: share.diagnostics };
}

/** One root calling each part as module `<part>`, one init, one plan; each part's share of it. */
async function planParts(rootDir: string, parts: Record<string, PlanPart>): Promise<Record<string, PartPlan>> {
  const tf = findTerraform(`${rootDir}-tf`, process.env);
  mkdirSync(rootDir, { recursive: true });
  const calls = Object.entries(parts).map(
    ([n, p]) => `module "${ident(n)}" {\n  source    = "./${relative(rootDir, p.rootDir)}"\n${p.ownProvider ? '' : '  providers = { aws = aws }\n'}}\n`,
  );
  const main = [
    'terraform {',
    '  required_providers {',
    '    aws = { source = "hashicorp/aws" }',
    '  }',
    '}',
    '',
    'provider "aws" {',
    '  region = "eu-west-1"',
    '}',
    '',
  ];
  writeFileSync(join(rootDir, 'main.tf'), [...main, ...calls].join('\n'));
  writeFileSync(join(rootDir, 'offline_override.tf'), offlineProviderOverride([undefined]));
  writeState(rootDir, parts);
  await initShared(tf, rootDir, []);
  const { plan, diagnostics } = await planWithDiagnostics(tf, rootDir);
  return Object.fromEntries(Object.entries(parts).map(([n, p]) => [n, shareOf(plan, diagnostics, rootDir, ident(n), p)]));
}

/** The parts' `terraform.tfstate`, each resource at its address under the part's module (and its provider there too, if its own). */
function writeState(rootDir: string, parts: Record<string, PlanPart>): void {
  type Resource = { module?: string; provider: string };
  const resources: Resource[] = [];
  for (const [n, p] of Object.entries(parts)) {
    const file = join(p.rootDir, 'terraform.tfstate');
    if (!existsSync(file)) continue;
    const call = `module.${ident(n)}`;
    for (const r of (JSON.parse(readFileSync(file, 'utf8')) as { resources: Resource[] }).resources)
      resources.push({ ...r, module: r.module ? `${call}.${r.module}` : call, provider: p.ownProvider ? `${call}.${r.provider}` : r.provider });
  }
  if (resources.length === 0) return;
  const state = { version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'shared-plan', outputs: {}, resources, check_results: null };
  writeFileSync(join(rootDir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
}

/** The plan and diagnostics of module `<call>`, as a root of its own would have them (its changes and configuration; nothing else is read). */
function shareOf(plan: PlanJson, diagnostics: readonly Diagnostic[], rootDir: string, call: string, part: PlanPart): PartPlan {
  const prefix = `module.${call}`;
  const resource_changes = (plan.resource_changes ?? [])
    .filter((rc) => rc.address.startsWith(`${prefix}.`))
    .map((rc) => ({
      ...rc,
      address: rc.address.slice(prefix.length + 1),
      module_address: rc.module_address === prefix ? undefined : rc.module_address!.slice(prefix.length + 1),
    }));
  const config = (plan as { configuration?: { provider_config?: unknown; root_module?: { module_calls?: Record<string, { module?: unknown }> } } })
    .configuration;
  const configuration = { provider_config: config?.provider_config, root_module: config?.root_module?.module_calls?.[call]?.module };
  const sources = part.sources.map((s) => resolve(s));
  const mine = diagnostics
    .filter((d) => !d.range || sources.some((s) => resolve(rootDir, d.range!.filename).startsWith(`${s}/`)))
    .map((d) => (d.range ? { ...d, range: { ...d.range, filename: relative(part.rootDir, resolve(rootDir, d.range.filename)) } } : d));
  const { format_version, terraform_version } = plan as { format_version?: string; terraform_version?: string };
  return { plan: { format_version, terraform_version, resource_changes, configuration } as PlanJson, diagnostics: mine };
}

/** Every file Terraform reads for the part: relative path and bytes (Terraform's own `.terraform*` left out). */
function digest(part: PlanPart): string {
  const hash = createHash('sha256');
  const walk = (base: string, dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      if (entry.startsWith('.terraform')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(base, path);
      else
        hash
          .update(`${relative(part.rootDir, path)}\0`)
          .update(readFileSync(path))
          .update('\0');
    }
  };
  for (const s of part.sources) walk(s, s);
  return hash.digest('hex');
}
