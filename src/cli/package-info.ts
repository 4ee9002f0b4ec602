/**
 * This package's name, version, and the cdktf and cdktn CLI versions it is
 * tested with (from package.json and tools/cdktn/package.json; esbuild
 * inlines both files into the built CLI).
 */
interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly devDependencies: Record<string, string>;
}

export function packageInfo(): { name: string; version: string; cdktfCli: string; cdktnCli: string } {
  const pkg = require('../../package.json') as PackageJson;
  const tools = require('../../tools/cdktn/package.json') as { readonly dependencies: Record<string, string> };
  return { name: pkg.name, version: pkg.version, cdktfCli: pkg.devDependencies['cdktf-cli'], cdktnCli: tools.dependencies['cdktn-cli'] };
}
