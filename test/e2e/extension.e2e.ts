/**
 * The extension in a real VS Code UI: code-server with the packaged .vsix installed, driven in
 * Chromium. On a copy of demo/: squiggles and Problems entries appear, a quick fix changes the text
 * and its finding goes away, a blocking call typed into a function gets its finding while typing
 * (and loses it when deleted), and Check Workspace fills Problems with files never opened.
 * Screenshots land in test-results/e2e/.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  goToLine, launchBrowser, openFile, pickCodeAction, openWorkspace, repoRoot, runCommand, screenshot, startCodeServer,
  type Browser, type CodeServer, type Page,
} from './harness';

const vsix = path.join(repoRoot, 'aiolint.vsix');
let workspace = '';
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

/** Problems panel rows (markers), as text. */
async function problemRows(): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

async function showProblems(): Promise<void> {
  await runCommand(page, 'View: Focus Problems');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
}

async function editorText(): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

beforeAll(async () => {
  if (!existsSync(vsix)) throw new Error('aiolint.vsix is missing: run npm run package first');
  workspace = mkdtempSync(path.join(tmpdir(), 'aiolint-e2e-'));
  cpSync(path.join(repoRoot, 'demo'), path.join(workspace, 'demo'), { recursive: true });
  workspace = path.join(workspace, 'demo');
  server = await startCodeServer({ workspace, vsix: [vsix] });
  browser = await launchBrowser();
  page = await openWorkspace(browser, server, workspace);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workspace) rmSync(path.dirname(workspace), { recursive: true, force: true });
});

describe('aiolint in VS Code (code-server)', () => {
  it('shows squiggles and Problems entries when a file opens', async () => {
    await openFile(page, 'service/fetcher.py');
    await page.locator('.editor-instance .squiggly-warning, .editor-instance .squiggly-error').first().waitFor({ timeout: 60_000 });
    await showProblems();
    await expect.poll(async () => (await problemRows()).join('\n'), { timeout: 30_000 }).toMatch(/AIO101/);
    const rows = (await problemRows()).join('\n');
    expect(rows).toMatch(/AIO102/);
    expect(rows).toMatch(/AIO401/);
    await screenshot(page, '01-diagnostics');
  });

  it('applies a quick fix: the text changes and the finding goes', async () => {
    await goToLine(page, 22, 13);
    await runCommand(page, 'Quick Fix...');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with `await asyncio.sleep(...)`' });
    await fix.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, '02-quick-fix-menu');
    await pickCodeAction(page, 'Replace with `await asyncio.sleep(...)`');
    await expect.poll(editorText, { timeout: 15_000 }).toMatch(/await asyncio\.sleep\(0\.5 \* \(attempt \+ 1\)\)/);
    await expect.poll(async () => (await problemRows()).join('\n'), { timeout: 30_000 }).not.toMatch(/AIO101/);
    expect((await problemRows()).join('\n')).toMatch(/AIO102/);
    await screenshot(page, '03-quick-fix-applied');
    await page.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(path.join(workspace, 'service', 'fetcher.py'), 'utf8'), { timeout: 15_000 }).toMatch(/await asyncio\.sleep\(/);
  });

  it('re-checks while typing: a blocking call typed into a function body shows its finding, deleting it clears it', async () => {
    // the end of `response.raise_for_status()` inside fetch_product
    await goToLine(page, 13, 100);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('time.sleep(1', { delay: 20 });
    await page.keyboard.press('Escape');
    // (the editor renders its lines in any order: look for the line, not for its neighbours)
    await expect.poll(editorText, { timeout: 15_000 }).toMatch(/^\s+time\.sleep\(1\)$/m);
    await expect.poll(async () => (await problemRows()).join('\n'), { timeout: 15_000 }).toMatch(/AIO101/);
    expect((await problemRows()).find((row) => row.includes('AIO101'))).toMatch(/14/);
    await screenshot(page, '04-typed-blocking-call');
    await page.keyboard.press('Control+Shift+K');
    await expect.poll(async () => (await problemRows()).join('\n'), { timeout: 15_000 }).not.toMatch(/AIO101/);
    expect((await problemRows()).join('\n')).toMatch(/AIO102/);
  });

  it('checks the whole workspace into the Problems panel', async () => {
    await runCommand(page, 'aiolint: Check Workspace');
    // the command focuses the Problems panel itself when it found something
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 60_000 });
    await expect.poll(async () => (await problemRows()).join('\n'), { timeout: 60_000 }).toMatch(/worker\.py/);
    const rows = (await problemRows()).join('\n');
    expect(rows).toMatch(/repository\.py/);
    expect(rows).toMatch(/AIO301/);
    expect(rows).toMatch(/AIO120/);
    await screenshot(page, '05-workspace-check');
  });
});
