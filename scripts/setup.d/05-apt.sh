#!/usr/bin/env bash
# Debian packages: asyncio libraries for realistic test programs, browser and tools for end-to-end tests.
set -euo pipefail
wanted=(python3-aiohttp python3-httpx python3-redis python3-tornado python3-uvloop python3-requests chromium ripgrep libkrb5-dev)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
