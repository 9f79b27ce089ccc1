/**
 * `node dist/cli.js profile …` (the bundled CLI with the probe copied next to it): the same findings
 * as JSON, the target's output and exit code kept, --fail-on-block-ms, usage errors.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profiler/profile';
import { defaultPython } from '../support/pythons';
import { blockAt, expectBlockingSites, markerLine, tempDir, TARGETS } from './support';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const BUILT_PROBE = path.join(REPO, 'dist', 'probe', 'aiolint_probe', '__main__.py');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '__pycache__') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function cli(args: string[], cwd = TARGETS): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('aiolint profile (bundled CLI)', () => {
  beforeAll(() => {
    // build unless dist/ is newer than the sources (CI builds right before the tests)
    const built = existsSync(CLI) && existsSync(BUILT_PROBE) ? Math.min(statSync(CLI).mtimeMs, statSync(BUILT_PROBE).mtimeMs) : 0;
    if (newest(path.join(REPO, 'src')) > built) {
      execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
    }
  }, 120_000);

  it('writes the same findings as JSON and keeps the output and exit code', async () => {
    const out = path.join(tempDir(), 'x.json');
    const run = await cli(['profile', '--python', defaultPython(), '--out', out, '--', 'blocking.py']);
    const profile = JSON.parse(readFileSync(out, 'utf8')) as Profile;
    expectBlockingSites({ ...run, profile });
    expect(run.stderr).toContain('aiolint profile:');
    expect(run.stderr).toContain(`profile written to ${out}`);
  });

  it('runs -m modules and fails on a block over --fail-on-block-ms', async () => {
    const out = path.join(tempDir(), 'm.json');
    const run = await cli(['profile', '--threshold-ms', '20', '--fail-on-block-ms', '50', '--out', out, '--', '-m', 'modtarget', 'x']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("module __main__ ['x']\n");
    const profile = JSON.parse(readFileSync(out, 'utf8')) as Profile;
    expect(profile.thresholdMs).toBe(20);
    expect(blockAt(profile, 'modtarget.py', markerLine('modtarget.py', 'BLOCK-MODULE'))).toBeDefined();
  });

  it("passes the target's own exit code through", async () => {
    const run = await cli(['profile', '--', 'exit_code.py']);
    expect(run.code).toBe(7);
    expect(run.stderr.startsWith('to stderr\n')).toBe(true);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await cli(['profile'])).code).toBe(2);
    expect((await cli(['profile', '--threshold-ms', 'soon', '--', 'x.py'])).code).toBe(2);
    const missing = await cli(['profile', '--python', 'aiolint-no-such-python', '--', 'tasks.py']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no Python interpreter found');
    const help = await cli(['profile', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on-block-ms');
  });
});
