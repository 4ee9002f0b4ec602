/**
 * The default example, taken through real Terraform offline: synthesize it,
 * lay out the plain-Terraform root beside the fresh modules, validate every
 * stack, and plan the root (which validates every module it calls) as a part
 * of the run's shared plan (`shared-plan.ts`: its provider per account is its
 * own, from `examples/plain-terraform/main.tf` and the offline override).
 */
import { accountIdent } from '../../../src/names';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Model } from '../../../src/model/types';
import { PLAIN_ROOT_EXAMPLE } from '../../../src/examples/plain-root-example';
import { loadSpec, synthesize } from '../../../src/synth';
import { findTerraform, type Terraform } from '../../../src/terraform/find';
import { run, validate, type PlanJson } from './run';
import type { PlanPart } from './shared-plan';
import { offlineProviderOverride } from '../../../src/terraform/offline';

export interface PreparedExample {
  readonly tf: Terraform;
  readonly model: Model;
  /** Every cdktf stack dir, every module dir, then the plain root. */
  readonly stackDirs: readonly string[];
  readonly moduleDirs: readonly string[];
  readonly rootDir: string;
  /** The plain root and the modules it calls, as a part of the shared plan. */
  readonly part: PlanPart;
}

const PROJECT = resolve(__dirname, '..', '..', '..');

export function prepareDefaultExample(workDir: string): PreparedExample {
  const tf = findTerraform(workDir, process.env);
  const { model, outdir, modulesDir } = synthesize(loadSpec(''), { outdir: join(workDir, 'cdktf.out'), modulesDir: join(workDir, 'modules') });
  const rootDir = join(workDir, 'examples', 'plain-terraform');
  mkdirSync(rootDir, { recursive: true });
  copyFileSync(join(PROJECT, PLAIN_ROOT_EXAMPLE), join(rootDir, 'main.tf'));
  writeFileSync(join(rootDir, 'offline_override.tf'), offlineProviderOverride(model.accounts.map((a) => accountIdent(a.name))));
  const stackDirs = readdirSync(join(outdir, 'stacks'))
    .sort()
    .map((s) => join(outdir, 'stacks', s));
  const moduleDirs = model.accounts.map((a) => join(modulesDir!, a.name));
  return { tf, model, stackDirs, moduleDirs, rootDir, part: { rootDir, sources: [rootDir, ...moduleDirs] } };
}

/** The part of e2e-terraform.test.ts in the shared plan. */
export const preparePart = prepareDefaultExample;

/**
 * `terraform validate` of every stack, in one Terraform process: a root that
 * calls each stack folder as a module (each Terraform process costs about 4 s
 * of CPU, the AWS provider's schema, and a validate per stack was six). A
 * stack validates as a child module as it does as a root, except that its
 * backend block is ignored, which Terraform says with one warning per stack.
 * The plain root is planned instead (a plan validates it), and the modules it
 * calls are validated, warnings included, by modules-e2e.test.ts.
 */
export async function validateStacks(
  p: PreparedExample,
): Promise<{ valid: boolean; diagnostics: { severity: string; summary: string; range?: { filename: string } }[] }> {
  const dir = join(dirname(p.rootDir), 'all-stacks');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'main.tf'), p.stackDirs.map((s) => `module "${basename(s).replace(/-/g, '_')}" {\n  source = "${relative(dir, s)}"\n}\n`).join('\n'));
  await run(p.tf, dir, ['init', '-input=false', '-backend=false']);
  return (await validate(p.tf, dir)) as Awaited<ReturnType<typeof validateStacks>>;
}

/** The planned `assume_role_policy` of every role, by `account/role`. */
export function plannedTrustPolicies(plan: PlanJson, model: Model): Map<string, unknown> {
  const byModule = new Map(model.accounts.map((a) => [`module.${accountIdent(a.name)}`, a.name]));
  const out = new Map<string, unknown>();
  for (const rc of plan.resource_changes ?? []) {
    if (rc.type !== 'aws_iam_role' || !rc.change.after) continue;
    const account = byModule.get(rc.module_address ?? '') ?? rc.module_address ?? '';
    const policy = rc.change.after.assume_role_policy;
    out.set(`${account}/${rc.change.after.name as string}`, typeof policy === 'string' ? JSON.parse(policy) : policy);
  }
  return out;
}
