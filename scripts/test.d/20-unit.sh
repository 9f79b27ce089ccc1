#!/usr/bin/env bash
# vitest: parser, engine, rules, CLI, probe (real Python runs), adapters.
set -euo pipefail
npx vitest run
