/**
 * Writes `cdktf.out/` (one `stacks/<account>/cdk.tf.json` per account and
 * `manifest.json`) the way `app.synth()` does for our stacks, one account at a
 * time, so memory stays flat however many accounts there are.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountModel, Model } from '../model/types';
import type { StackJson } from '../modules/from-stack';
import { stableCopy } from '../modules/stable-json';
import { renderAccountStack, type RenderOptions } from './account-stack';
import { renderManifest, STACK_FILE, STACKS_FOLDER } from './manifest';
import { stableJson } from './stable-json';
import { installedVersions } from './versions';

/** Called with each stack as written, keys sorted as in the file. */
export type StackSink = (account: AccountModel, stack: StackJson) => void;

export function writeCdktfOut(model: Model, outdir: string, options: Omit<RenderOptions, 'versions'>, onStack: StackSink): void {
  const versions = installedVersions();
  mkdirSync(join(outdir, STACKS_FOLDER), { recursive: true });
  for (const account of model.accounts) {
    const stack = renderAccountStack(account, { ...options, versions });
    const dir = join(outdir, STACKS_FOLDER, account.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, STACK_FILE), stableJson(stack));
    onStack(account, stableCopy(stack) as StackJson);
  }
  writeFileSync(join(outdir, 'manifest.json'), stableJson(renderManifest(model.accounts, versions.cdktf)));
}
