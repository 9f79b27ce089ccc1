#!/usr/bin/env bash
# Type-check, lint, build.
set -euo pipefail
npm run typecheck
npm run lint
npm run build
