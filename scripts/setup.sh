#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine, skipping what is already there.
# Each part lives in scripts/setup.d/ so that features own their own install steps.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== setup: $(basename "$step")"
  bash "$step"
done
