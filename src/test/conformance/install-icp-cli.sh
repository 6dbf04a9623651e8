#!/usr/bin/env bash
# Installs icp-cli from the npm registry into an npm prefix, unless that version is there already, and
# prints the path of its `icp` binary (progress goes to stderr).
#
#   bash src/test/conformance/install-icp-cli.sh PREFIX [VERSION]    (VERSION default 1.5.0)
set -euo pipefail

PREFIX=${1:?usage: $0 PREFIX [VERSION]}
VERSION=${2:-1.5.0}
case "$(uname -m)" in
  x86_64 | amd64) PKG=@icp-sdk/icp-cli-linux-x64 ;;
  aarch64 | arm64) PKG=@icp-sdk/icp-cli-linux-arm64 ;;
  *) echo "no icp-cli package for $(uname -m)" >&2; exit 1 ;;
esac
BIN="$PREFIX/node_modules/$PKG/bin/icp"
if [[ ! -x "$BIN" ]] || [[ "$("$BIN" --version 2>/dev/null)" != "icp $VERSION" ]]; then
  echo "installing $PKG@$VERSION into $PREFIX" >&2
  mkdir -p "$PREFIX"
  npm install --prefix "$PREFIX" --no-save --no-audit --no-fund --loglevel=error "$PKG@$VERSION" >&2
fi
echo "$BIN"
