/**
 * Run under Node 22 by provider6-parity.test.ts (bundled by esbuild; cdktn,
 * constructs and @cdktn/provider-aws come from tools/cdktn): every account of
 * each spec file given, as a cdktn `AccountStack` over the AWS provider 6
 * bindings, online and as an offline dry run. Prints
 * `{ [file]: { [online|offline]: { [account]: stack JSON } } }`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktn';
import { AccountStack } from '../../src/constructs/cdktn';
import { loadSpecFile } from '../../src/input/load';

const out: Record<string, Record<string, Record<string, unknown>>> = {};
for (const file of process.argv.slice(2)) {
  const spec = loadSpecFile(file);
  out[file] = {};
  for (const offline of [false, true]) {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'xacct-p6-app-')) });
    const stacks: Record<string, unknown> = {};
    for (const account of spec.spec.accounts) stacks[account.name] = new AccountStack(app, account.name, { spec, offline }).toTerraform();
    out[file][offline ? 'offline' : 'online'] = stacks;
  }
}
process.stdout.write(JSON.stringify(out));
