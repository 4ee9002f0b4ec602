/**
 * This package's name, version, and the cdktf CLI version it is tested with
 * (from package.json; esbuild inlines the file into the built CLI).
 */
interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly devDependencies: Record<string, string>;
}

export function packageInfo(): { name: string; version: string; cdktfCli: string } {
  const pkg = require('../../package.json') as PackageJson;
  return { name: pkg.name, version: pkg.version, cdktfCli: pkg.devDependencies['cdktf-cli'] };
}
