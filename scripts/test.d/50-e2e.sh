#!/usr/bin/env bash
# End-to-end: the packaged extension in code-server, driven in Chromium (test/e2e/*.e2e.ts).
# Screenshots: test-results/e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run package >/dev/null
npx vitest run --config test/e2e/vitest.e2e.config.ts
