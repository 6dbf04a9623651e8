#!/usr/bin/env bash
# Installs icp-cli from the npm registry into a directory (once) and prints the path of its `icp` binary.
#
#   bash src/test/conformance/install-icp-cli.sh DIR
#
# Sourced (as icp-cli.sh does), it only defines ICP_CLI_VERSION and install_icp_cli.
ICP_CLI_VERSION=1.5.0

# install_icp_cli DIR: prints the binary's path; progress goes to stderr.
install_icp_cli() {
  local dir=$1 pkg bin
  case "$(uname -m)" in
    x86_64 | amd64) pkg=@icp-sdk/icp-cli-linux-x64 ;;
    aarch64 | arm64) pkg=@icp-sdk/icp-cli-linux-arm64 ;;
    *) echo "no icp-cli package for $(uname -m)" >&2; return 1 ;;
  esac
  bin="$dir/node_modules/$pkg/bin/icp"
  if [[ ! -x "$bin" ]] || [[ "$("$bin" --version 2>/dev/null)" != "icp $ICP_CLI_VERSION" ]]; then
    echo "installing $pkg@$ICP_CLI_VERSION into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "$pkg@$ICP_CLI_VERSION" >&2 || return 1
  fi
  echo "$bin"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  install_icp_cli "${1:?usage: $0 DIR}"
fi
