#!/usr/bin/env bash
# The profiler panel's webview code runs in a browser (DOM types), so it has its own tsconfig.
set -euo pipefail
npx tsc --noEmit -p media/panel
