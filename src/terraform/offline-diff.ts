/**
 * The environment and arguments of an offline `cdktf diff <account>`: the
 * project's CLI config (provider from the filesystem mirror), Terraform found
 * the way the test harness finds it (failing loudly when it is missing),
 * `OFFLINE_DRY_RUN=1` for the app, and `--skip-provider-lock` because
 * `terraform providers lock` would ask the registry for other platforms.
 */
import { findTerraform } from './find';
import { OFFLINE_ENV } from './offline-mode';

/** `env` (the caller's environment, with whatever it sets for the app) and the offline settings. */
export function offlineDiffEnv(workDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tf = findTerraform(workDir, env);
  return { ...tf.env, [OFFLINE_ENV]: '1', TERRAFORM_BINARY_NAME: tf.bin, CHECKPOINT_DISABLE: '1' };
}

export function offlineDiffArgs(account: string, outdir?: string): string[] {
  return ['diff', account, '--skip-provider-lock', ...(outdir ? ['--output', outdir] : [])];
}

/** Plan lines of `cdktf diff` output, with the stack-name prefix and colours removed. */
export function plannedChanges(output: string): { resources: Map<string, string>; summary?: { add: number; change: number; destroy: number } } {
  const clean = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  const resources = new Map<string, string>();
  let summary: { add: number; change: number; destroy: number } | undefined;
  for (const line of clean.split('\n')) {
    // cdktf adds the construct path in parentheses after the address.
    const r = /#\s+(\S+)(?:\s+\([^)]*\))?\s+will be (created|destroyed|updated in-place|replaced|read during apply)/.exec(line);
    if (r) resources.set(r[1], r[2]);
    const s = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(line);
    if (s) summary = { add: Number(s[1]), change: Number(s[2]), destroy: Number(s[3]) };
  }
  return { resources, summary };
}
