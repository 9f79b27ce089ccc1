/**
 * Real Chromium for the panel tests: found on PATH at run time (Debian's `chromium`
 * in CI), launched headless with the flags that work as root in a container.
 * Returns null when no Chromium is installed, so callers can skip with a clear message.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const names = process.platform === 'win32' ? ['chrome.exe', 'chromium.exe'] : ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string | null {
  if (process.env.AIOLINT_CHROMIUM && existsSync(process.env.AIOLINT_CHROMIUM)) return process.env.AIOLINT_CHROMIUM;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir.length === 0) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
