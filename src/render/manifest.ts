/**
 * `cdktf.out/manifest.json`, the index the cdktf CLI reads (`cdktf deploy`,
 * `cdktf diff`), as cdktf's `Manifest` writes it for our stacks: no
 * annotations, dependencies by construct path.
 */
import type { AccountModel } from '../model/types';

export const STACKS_FOLDER = 'stacks';
export const STACK_FILE = 'cdk.tf.json';
export const MANIFEST_FILE = 'manifest.json';

export function renderManifest(accounts: readonly AccountModel[], cdktfVersion: string): Record<string, unknown> {
  const stacks: Record<string, unknown> = {};
  for (const a of accounts) {
    const dir = `${STACKS_FOLDER}/${a.name}`;
    stacks[a.name] = {
      name: a.name,
      constructPath: a.name,
      workingDirectory: dir,
      synthesizedStackPath: `${dir}/${STACK_FILE}`,
      stackMetadataPath: `${dir}/metadata.json`,
      annotations: [],
      dependencies: [...new Set(a.dependsOn)],
    };
  }
  return { version: cdktfVersion, stacks };
}
