/**
 * Writes `cdktf.out/` (one `stacks/<account>/cdk.tf.json` per account and
 * `manifest.json`) the way `app.synth()` does for our stacks, one account at a
 * time, so memory stays flat however many accounts there are.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountDescription } from '../description/account';
import type { AccountModel, Model } from '../model/types';
import { MANIFEST_FILE, renderManifest, STACK_FILE, STACKS_FOLDER } from './manifest';
import { stableJson } from './stable-json';
import { renderStackText } from './stack-text';
import { stampedVersions } from './versions';

/** Writes each account's stack from its description; `describe` is called once per account, in spec order. */
export function writeCdktfOut(model: Model, outdir: string, describe: (account: AccountModel) => AccountDescription): void {
  const versions = stampedVersions();
  mkdirSync(join(outdir, STACKS_FOLDER), { recursive: true });
  for (const account of model.accounts) {
    const dir = join(outdir, STACKS_FOLDER, account.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, STACK_FILE), renderStackText(describe(account), versions));
  }
  writeFileSync(join(outdir, MANIFEST_FILE), stableJson(renderManifest(model.accounts, versions.cdktf)));
}
