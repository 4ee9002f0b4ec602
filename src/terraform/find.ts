/**
 * Finds the real Terraform binary and the AWS provider's filesystem mirror,
 * and writes a CLI config of our own that points at the mirror, so Terraform
 * runs offline. Used by the offline `cdktf diff`, the end-to-end tests and the
 * benchmark.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvError, envProblems } from '../errors';

export interface Terraform {
  readonly bin: string;
  readonly mirror: string;
  readonly env: NodeJS.ProcessEnv;
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const PROJECT_CLI_CONFIG = resolve(__dirname, '..', '..', 'terraform.rc');

/**
 * Finds Terraform and the provider mirror, or throws an error that says what
 * is missing and how to provide it. Never returns something half-usable.
 * `env` is the caller's environment (the tests and the benchmark pass
 * `process.env`): `TERRAFORM_BIN` and `TF_PLUGIN_MIRROR` are read there, and
 * Terraform runs with it plus the offline settings.
 */
export function findTerraform(workDir: string, env: NodeJS.ProcessEnv): Terraform {
  const bin = env.TERRAFORM_BIN ?? '/usr/local/bin/terraform';
  const mirror = env.TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
  const missing: string[] = [];
  if (!existsSync(bin)) missing.push(`Terraform binary not found at ${bin} (install Terraform 1.11.4 there, or set TERRAFORM_BIN)`);
  if (!existsSync(join(mirror, PROVIDER))) {
    missing.push(`AWS provider mirror not found at ${join(mirror, PROVIDER)} (put hashicorp/aws 5.100.0 in a filesystem mirror, or set TF_PLUGIN_MIRROR)`);
  }
  if (missing.length > 0) throw new EnvError(envProblems.terraformUnavailable(missing));

  // The project's CLI config, with the mirror path of this machine.
  mkdirSync(workDir, { recursive: true });
  const cliConfig = join(workDir, 'terraform.rc');
  writeFileSync(cliConfig, readFileSync(PROJECT_CLI_CONFIG, 'utf8').replace('"/opt/tf-plugins"', JSON.stringify(mirror)));
  return {
    bin,
    mirror,
    env: {
      ...env,
      TF_CLI_CONFIG_FILE: cliConfig,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Terraform and the AWS provider (which inherits this) are Go: collecting less often cuts the
      // ~4 s of CPU each provider process spends building its schema by a quarter, for ~40 MiB more.
      GOGC: env.GOGC ?? '400',
    },
  };
}
