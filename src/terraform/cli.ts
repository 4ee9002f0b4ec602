/**
 * Runs the real Terraform binary against generated code, offline: one CLI
 * config of our own pointing at the provider mirror, one `terraform init`
 * per run, and the resulting lock file and provider links shared by every
 * other directory. Used by the end-to-end tests and the benchmark.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Terraform {
  readonly bin: string;
  readonly mirror: string;
  readonly env: NodeJS.ProcessEnv;
}

export class TerraformUnavailableError extends Error {}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const PROJECT_CLI_CONFIG = resolve(__dirname, '..', '..', 'terraform.rc');

/**
 * Finds Terraform and the provider mirror, or throws an error that says what
 * is missing and how to provide it. Never returns something half-usable.
 */
export function findTerraform(workDir: string): Terraform {
  const bin = process.env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
  const mirror = process.env.TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
  const missing: string[] = [];
  if (!existsSync(bin)) missing.push(`Terraform binary not found at ${bin} (install Terraform 1.11.4 there, or set TERRAFORM_BIN)`);
  if (!existsSync(join(mirror, PROVIDER))) {
    missing.push(`AWS provider mirror not found at ${join(mirror, PROVIDER)} (put hashicorp/aws 5.100.0 in a filesystem mirror, or set TF_PLUGIN_MIRROR)`);
  }
  if (missing.length > 0) throw new TerraformUnavailableError(`Terraform end-to-end checks cannot run:\n- ${missing.join('\n- ')}`);

  // The project's CLI config, with the mirror path of this machine.
  mkdirSync(workDir, { recursive: true });
  const cliConfig = join(workDir, 'terraform.rc');
  writeFileSync(cliConfig, readFileSync(PROJECT_CLI_CONFIG, 'utf8').replace('"/opt/tf-plugins"', JSON.stringify(mirror)));
  return {
    bin,
    mirror,
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Terraform and the AWS provider (which inherits this) are Go: collecting less often cuts the
      // ~4 s of CPU each provider process spends building its schema by a quarter, for ~40 MiB more.
      GOGC: process.env.GOGC ?? '400',
    },
  };
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

export function run(tf: Terraform, cwd: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(tf.bin, [...args, ...(args[0] === 'show' ? [] : ['-no-color'])], { cwd, env: tf.env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`terraform ${args.join(' ')} failed in ${cwd}:\n${stderr || stdout}`));
      else resolvePromise({ stdout, stderr });
    });
  });
}

/** `terraform init` in `primary`; every other dir gets its lock file and provider links, with no second init. */
export async function initShared(tf: Terraform, primary: string, others: readonly string[]): Promise<void> {
  await run(tf, primary, ['init', '-input=false', '-backend=false']);
  for (const dir of others) {
    copyFileSync(join(primary, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
    mkdirSync(join(dir, '.terraform'), { recursive: true });
    if (!existsSync(join(dir, '.terraform', 'providers'))) symlinkSync(resolve(primary, '.terraform', 'providers'), join(dir, '.terraform', 'providers'));
  }
}

/** Runs `fn` over `items` with at most `limit` at once (the machines have 2 cores). */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function validate(tf: Terraform, dir: string): Promise<{ valid: boolean; diagnostics: unknown[] }> {
  const { stdout } = await run(tf, dir, ['validate', '-json']).catch((e: Error) => ({ stdout: e.message.slice(e.message.indexOf('{')), stderr: '' }));
  const parsed = JSON.parse(stdout) as { valid: boolean; diagnostics: unknown[] };
  return { valid: parsed.valid, diagnostics: parsed.diagnostics };
}

/** `terraform plan` then `terraform show -json` of that plan. */
export async function planJson(tf: Terraform, dir: string): Promise<PlanJson> {
  await run(tf, dir, ['plan', '-input=false', '-lock=false', '-refresh=false', '-out=offline.tfplan']);
  const { stdout } = await run(tf, dir, ['show', '-json', 'offline.tfplan']);
  return JSON.parse(stdout) as PlanJson;
}

export interface PlanJson {
  resource_changes?: { address: string; module_address?: string; type: string; name: string; change: { actions: string[]; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> } }[];
}
