#!/usr/bin/env bash
# npm packages, from the lock file; re-run only when the lock file changed.
set -euo pipefail
stamp=node_modules/.package-lock-installed
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
