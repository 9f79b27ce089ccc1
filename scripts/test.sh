#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what is missing, then each stage in scripts/test.d/.
# A failing stage does not stop the others; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; exit 1; }
passed=0; failed=0; failures=()
for stage in scripts/test.d/*.sh; do
  [ -e "$stage" ] || continue
  name=$(basename "$stage" .sh)
  echo
  echo "===== stage $name"
  started=$SECONDS
  if bash "$stage"; then
    passed=$((passed + 1)); echo "===== stage $name passed ($((SECONDS - started)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "===== stage $name FAILED ($((SECONDS - started)) s)"
  fi
done
echo
[ $failed -eq 0 ] || echo "failed stages: ${failures[*]}"
echo "stages: $passed passed, $failed failed"
[ $failed -eq 0 ]
