/**
 * The Terraform test harness: runs the real Terraform binary (found by
 * src/terraform/find.ts) against generated code, offline, with one
 * `terraform init` per run whose lock file and provider links every other
 * directory shares. Used by the end-to-end tests and the benchmark.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Terraform } from '../../../src/terraform/find';

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
  return (await planWithDiagnostics(tf, dir)).plan;
}

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { filename: string };
}

/**
 * `terraform plan -json` then `terraform show -json` of that plan, with every diagnostic the plan reported.
 * A plan first runs the walk `terraform validate` runs (Terraform's `Validate` of the whole configuration,
 * every module it calls included) and reports its warnings and errors with its own: a plan that succeeds
 * with no diagnostic is what `terraform validate` calls valid with none, without a second provider process
 * (each loads the AWS provider's whole schema, about 4 s of CPU). Each diagnostic once: a warning both walks
 * find is reported twice.
 */
export async function planWithDiagnostics(tf: Terraform, dir: string): Promise<{ plan: PlanJson; diagnostics: Diagnostic[] }> {
  const { stdout: log } = await run(tf, dir, ['plan', '-json', '-input=false', '-lock=false', '-refresh=false', '-out=offline.tfplan']);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
    const key = JSON.stringify(message.diagnostic);
    if (message.type !== 'diagnostic' || seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(message.diagnostic!);
  }
  const { stdout } = await run(tf, dir, ['show', '-json', 'offline.tfplan']);
  return { plan: JSON.parse(stdout) as PlanJson, diagnostics };
}

export interface PlanJson {
  resource_changes?: {
    address: string;
    module_address?: string;
    type: string;
    name: string;
    change: { actions: string[]; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> };
  }[];
}
