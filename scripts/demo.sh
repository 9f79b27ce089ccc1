#!/usr/bin/env bash
# Shows the product on the bundled demo project: installs what is missing, builds and packages the
# extension, starts VS Code (code-server) with it on demo/ in the background and prints the URL.
#
#   bash scripts/demo.sh          start (PORT=8080 by default)
#   bash scripts/demo.sh stop     stop the server started before
set -euo pipefail
cd "$(dirname "$0")/.."
state=.cache/demo
pidfile="$state/code-server.pid"
entry=.cache/code-server/node_modules/code-server/out/node/entry.js

stop() {
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    # the server runs in its own process group (setsid): end that group only
    kill -- "-$pid" 2>/dev/null && echo "stopped code-server ($pid)" || echo "code-server ($pid) was not running"
    rm -f "$pidfile"
  fi
}

if [ "${1:-}" = stop ]; then stop; exit 0; fi
stop >/dev/null

bash scripts/setup.sh
npm run package >/dev/null
echo "packaged aiolint.vsix"

port=${PORT:-8080}
mkdir -p "$state/user-data/User" "$state/extensions"
if [ ! -f "$state/user-data/User/settings.json" ]; then
  cat > "$state/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "security.workspace.trust.enabled": false,
  "workbench.colorTheme": "Default Light Modern"
}
JSON
fi
dirs=(--user-data-dir "$state/user-data" --extensions-dir "$state/extensions")
node "$entry" "${dirs[@]}" --install-extension aiolint.vsix --force >/dev/null
setsid nohup node "$entry" "${dirs[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$PWD/demo" \
  >"$state/code-server.log" 2>&1 < /dev/null &
echo $! > "$pidfile"
healthy() { node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; }
for _ in $(seq 1 60); do
  healthy && break
  sleep 1
done
healthy || { echo "code-server did not start; see $state/code-server.log"; exit 1; }
echo
echo "aiolint on demo/: http://127.0.0.1:$port/?folder=$PWD/demo"
echo "open service/worker.py or service/fetcher.py; run \"aiolint: Check Workspace\" from the command palette (F1)"
echo "stop it with: bash scripts/demo.sh stop"
