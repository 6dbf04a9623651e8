#!/usr/bin/env bash
# Rebuild counter.wasm, counter-v2.wasm, counter-v3.wasm and counter-classic.wasm from counter*.mo with the npm package
# motoko@4.10.0 (installed into a cache dir, never committed), then check the output.
#   bash src/test/canisters/motoko/build.sh
# MOTOKO_NPM_DIR overrides the install dir (default: <repo>/target/tools/motoko).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
VERSION=4.10.0
DIR=${MOTOKO_NPM_DIR:-$ROOT/target/tools/motoko}

installed=$(node -p "try { require('$DIR/node_modules/motoko/package.json').version } catch (e) { '' }")
if [[ "$installed" != "$VERSION" ]]; then
  mkdir -p "$DIR"
  npm install --prefix "$DIR" --no-save --no-audit --no-fund --loglevel=error "motoko@$VERSION"
fi
node "$HERE/compile.js" "$DIR"
sha256sum "$HERE"/counter*.wasm
