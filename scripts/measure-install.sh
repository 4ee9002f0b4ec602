#!/usr/bin/env bash
# What installing the package costs a user: `npm install -D TARBALL` into DIR (an empty project; made
# if missing), with the dependencies from the npm cache where it has them. Prints one line,
# "BYTES SECONDS": the size of DIR/node_modules afterwards and the install's wall time.
# Used by scripts/smoke-package.sh (which checks the targets) and `npm run bench`.
# Usage: scripts/measure-install.sh TARBALL DIR
set -euo pipefail
TARBALL="$1" DIR="$2"
mkdir -p "$DIR" && cd "$DIR"
[ ! -e node_modules ] || { echo "measure-install: $DIR already has node_modules; give an empty project" >&2; exit 1; }
[ -f package.json ] || echo '{ "name": "empty-project", "private": true }' > package.json
start=$(date +%s.%N)
npm install --silent --no-audit --no-fund --prefer-offline -D "$TARBALL" >&2
end=$(date +%s.%N)
echo "$(du -sb node_modules | cut -f1) $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
