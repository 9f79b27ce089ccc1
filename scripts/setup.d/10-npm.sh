#!/usr/bin/env bash
# npm packages, as pinned by package-lock.json; re-run only when the lock file changed.
# `npm install --no-save` rather than `npm ci`: npm 11 leaves other platforms' optional
# packages (rollup's, esbuild's) out of a lock written on Linux, and `npm ci` then refuses
# the lock as out of sync. `--no-save` installs the locked versions without rewriting it.
set -euo pipefail
stamp=node_modules/.package-lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm install --no-save --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
