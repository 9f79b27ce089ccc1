/**
 * Runs the extension-host integration suite inside code-server: the packaged extension plus a small
 * runner extension (runner-extension/) that starts mocha on startup and writes the results to a file.
 * The extension host only starts when a window connects, so a headless Chromium opens the workspace.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openWorkspace, repoRoot, startCodeServer } from '../e2e/harness';

interface Results { failures: number; results: { title: string; state: string; error?: string }[] }

async function main(): Promise<number> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aiolint-integration-'));
  const workspace = path.join(scratch, 'workspace');
  cpSync(path.join(repoRoot, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  // for measurements: more code in the workspace (e.g. a copy of CPython's Lib/asyncio), under extra/
  const extra = process.env['AIOLINT_INTEGRATION_EXTRA_DIR'];
  if (extra) cpSync(extra, path.join(workspace, 'extra'), { recursive: true });
  const resultsFile = path.join(scratch, 'results.json');
  // an unpacked folder in the extensions dir is dropped by code-server: package the runner too
  const runnerVsix = path.join(scratch, 'runner.vsix');
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--out', runnerVsix], { cwd: path.join(repoRoot, 'test', 'integration', 'runner-extension'), stdio: 'ignore' });
  const server = await startCodeServer({
    workspace,
    vsix: [path.join(repoRoot, 'aiolint.vsix'), runnerVsix],
    env: { AIOLINT_INTEGRATION_RESULTS: resultsFile, AIOLINT_REPO_ROOT: repoRoot },
  });
  const browser = await launchBrowser();
  try {
    await openWorkspace(browser, server, workspace);
    const deadline = Date.now() + 180_000;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) throw new Error(`no results after 180 s\n${server.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // the file is written in one call; let it land
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Results;
    for (const result of results.results) {
      console.log(`${result.state === 'passed' ? '✓' : '✗'} ${result.title}${result.error ? `\n    ${result.error.split('\n').slice(0, 6).join('\n    ')}` : ''}`);
    }
    console.log(`${results.results.length - results.failures} passed, ${results.failures} failed`);
    // measured figures the suites noted (ratios and times of this run, for the log)
    if (existsSync(`${resultsFile}.figures.txt`)) process.stdout.write(readFileSync(`${resultsFile}.figures.txt`, 'utf8'));
    return results.failures === 0 && results.results.length > 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => { console.error(error); process.exitCode = 1; });
