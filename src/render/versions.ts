/**
 * The versions cdktf stamps into synthesized stacks, read from the installed
 * packages' manifests (cheap: neither package's code is loaded).
 */
import { readFileSync } from 'node:fs';
import type { RenderVersions } from './stack-json';

let cached: RenderVersions | undefined;

export function installedVersions(): RenderVersions {
  if (!cached) {
    const manifest = (name: string) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
    cached = { cdktf: manifest('cdktf').version, awsProvider: manifest('@cdktf/provider-aws').cdktf.provider.version };
  }
  return cached;
}
