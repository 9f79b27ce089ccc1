#!/usr/bin/env bash
# Extension-host integration tests (mocha, test/integration/) against the real `vscode` API.
# Desktop VS Code cannot be downloaded here, so the same suite runs inside code-server's extension
# host: a small runner extension starts it on startup and writes the results to a file.
# Where a desktop VS Code exists: node test/integration/build.mjs && npx vscode-test
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run package >/dev/null
node test/integration/build.mjs
npx tsx test/integration/run-in-code-server.ts
