#!/usr/bin/env bash
# npm run test:e2e: build, package the .vsix, set up code-server offline, then run the extension-host suite and the
# browser test. Prints one closing "N passed, N failed" line summing both; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
DIR="${ACR_GUARD_E2E_DIR:-.vscode-e2e}"
export ACR_GUARD_E2E_DIR="$DIR"
LOG_DIR="artifacts/e2e-logs"
mkdir -p "$LOG_DIR"

npm run build --silent || { echo "0 passed, 1 failed"; exit 1; }
npm run package --silent > "$LOG_DIR/package.log" 2>&1 || { cat "$LOG_DIR/package.log"; echo "0 passed, 1 failed"; exit 1; }
bash tools/e2e/setup-code-server.sh "$DIR" || { echo "0 passed, 1 failed"; exit 1; }

node tools/e2e/run-ext-tests.mjs 2>&1 | tee "$LOG_DIR/extension-host.log"
ext_status=${PIPESTATUS[0]}
node tools/e2e/run-ui-e2e.mjs 2>&1 | tee "$LOG_DIR/ui.log"
ui_status=${PIPESTATUS[0]}

count() { grep -Eo "^[0-9]+ passed, [0-9]+ failed" "$1" | tail -1; }
read -r ext_pass ext_fail < <(count "$LOG_DIR/extension-host.log" | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/')
read -r ui_pass ui_fail < <(count "$LOG_DIR/ui.log" | sed -E 's/([0-9]+) passed, ([0-9]+) failed/\1 \2/')
ext_pass=${ext_pass:-0}; ext_fail=${ext_fail:-0}; ui_pass=${ui_pass:-0}; ui_fail=${ui_fail:-0}
# A runner that died without a summary still counts as a failure.
[ "$ext_status" -ne 0 ] && [ "$ext_fail" -eq 0 ] && ext_fail=1
[ "$ui_status" -ne 0 ] && [ "$ui_fail" -eq 0 ] && ui_fail=1
ext_skipped=$(grep -Eo "^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped" "$LOG_DIR/extension-host.log" | tail -1 | sed -E 's/.* ([0-9]+) skipped/\1/')
[ "${ext_skipped:-0}" -gt 0 ] && echo "e2e: ${ext_skipped} skipped"
echo "$((ext_pass + ui_pass)) passed, $((ext_fail + ui_fail)) failed"
[ "$ext_status" -eq 0 ] && [ "$ui_status" -eq 0 ]
