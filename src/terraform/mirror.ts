/**
 * What a Terraform CLI config's filesystem mirror holds of hashicorp/aws, so
 * that an offline plan can say up front that no version there fits an
 * account's constraint (an account with Pod Identity target roles needs
 * 6.2.0), instead of Terraform failing on the registry it cannot reach.
 *
 * A mirror is read in both of Terraform's layouts
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#filesystem_mirror):
 * unpacked, `<path>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`,
 * and packed, `.../aws/terraform-provider-aws_<version>_<os_arch>.zip`.
 */
import { byCodePoint } from '../order';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admits } from '../input/sections/provider-version';

const PROVIDER_DIR = join('registry.terraform.io', 'hashicorp', 'aws');

/** The `path` of every `filesystem_mirror` block of a CLI config (HCL), in order. */
export function mirrorPaths(cliConfig: string): string[] {
  const out: string[] = [];
  const block = /filesystem_mirror\s*\{([^}]*)\}/g;
  for (let m = block.exec(cliConfig); m; m = block.exec(cliConfig)) {
    const path = /\bpath\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(m[1]);
    if (path) out.push(path[1].replace(/\\(.)/g, '$1'));
  }
  return out;
}

/** The hashicorp/aws versions in the mirrors, sorted as written; empty when none. */
export function mirroredAwsVersions(paths: readonly string[]): string[] {
  const versions = new Set<string>();
  for (const path of paths) {
    const dir = join(path, PROVIDER_DIR);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const packed = /^terraform-provider-aws_(\d+\.\d+\.\d+[^_]*)_/.exec(name);
      if (packed) versions.add(packed[1]);
      else if (/^\d+\.\d+\.\d+/.test(name)) versions.add(name);
    }
  }
  return [...versions].sort(byCodePoint);
}

/**
 * With a CLI config (`TF_CLI_CONFIG_FILE`) that has a filesystem mirror: the
 * mirror paths and versions when none of them satisfies `constraint`;
 * undefined when one does, or when there is no such config (Terraform then
 * asks the registry, and says itself what it finds).
 */
export function mirrorMisses(cliConfigFile: string | undefined, constraint: string): { readonly paths: string[]; readonly versions: string[] } | undefined {
  if (!cliConfigFile || !existsSync(cliConfigFile)) return undefined;
  const paths = mirrorPaths(readFileSync(cliConfigFile, 'utf8'));
  if (paths.length === 0) return undefined;
  const versions = mirroredAwsVersions(paths);
  return versions.some((v) => admits(constraint, v)) ? undefined : { paths, versions };
}
