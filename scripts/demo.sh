#!/usr/bin/env bash
# Shows the product on the bundled demo project. Filled in as the extension lands.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run build
node dist/cli.js check demo || true
