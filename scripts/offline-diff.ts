/**
 * `npm run diff:offline -- <account>`: `cdktf diff <account>` with no AWS
 * account and no network. Sets OFFLINE_DRY_RUN=1, the project's terraform.rc
 * (provider mirror) and --skip-provider-lock; only ever runs `diff`.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineDiffArgs, offlineDiffEnv } from '../src/terraform/offline-diff';

const account = process.argv[2];
if (!account || account.startsWith('-')) {
  process.stderr.write('usage: npm run diff:offline -- <account>\n');
  process.exit(2);
}
const cdktf = join(__dirname, '..', 'node_modules', '.bin', 'cdktf');
const result = spawnSync(cdktf, offlineDiffArgs(account), { stdio: 'inherit', env: offlineDiffEnv(join(tmpdir(), 'cross-account-iam-offline')) });
process.exit(result.status ?? 1);
