/**
 * `npm run diff:offline -- <account> [--spec FILE]`: `cross-account-iam diff`
 * with this machine's Terraform and provider mirror (the project's
 * terraform.rc, found as the tests find them). The account is checked against
 * the spec first; cdktf.out/ and modules/ are never touched.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIO, runCli } from '../src/cli/main';
import { offlineDiffEnv } from '../src/terraform/offline-diff';

void runCli(['diff', ...process.argv.slice(2)], { ...processIO(), env: offlineDiffEnv(join(tmpdir(), 'cross-account-iam-offline'), process.env) }).then(
  (code) => {
    process.exitCode = code;
  },
);
