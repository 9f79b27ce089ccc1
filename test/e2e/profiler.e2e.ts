/**
 * The profiler in a real VS Code UI (code-server in Chromium, the packaged .vsix installed): on a
 * copy of demo/, "aiolint: Profile Event Loop (Current File)" on profile_me.py opens the panel,
 * the blocking `time.sleep` line shows up as a hot spot, clicking it opens the file there, and the
 * AIO901 diagnostic is in Problems. Screenshots land in test-results/e2e/.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goToLine, launchBrowser, openFile, openWorkspace, repoRoot, runCommand, screenshot, startCodeServer, type Browser, type CodeServer, type Page } from './harness';

const vsix = path.join(repoRoot, 'aiolint.vsix');
let root = '';
let workspace = '';
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

/** 1-based line of the demo's blocking sleep, read from the file so the test follows edits to it. */
function sleepLine(): number {
  const lines = readFileSync(path.join(workspace, 'profile_me.py'), 'utf8').split(/\r?\n/);
  const index = lines.findIndex((line) => /^\s*time\.sleep\(/.test(line));
  if (index < 0) throw new Error('demo/profile_me.py no longer has a blocking time.sleep line');
  return index + 1;
}

/** Problems rows, one line each. */
async function problemRows(): Promise<string> {
  return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ')).join('\n');
}

/** The profiler panel's document inside the workbench's webview frames. */
function panelFrame(): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

beforeAll(async () => {
  if (!existsSync(vsix)) throw new Error('aiolint.vsix is missing: run npm run package first');
  root = mkdtempSync(path.join(tmpdir(), 'aiolint-e2e-profiler-'));
  cpSync(path.join(repoRoot, 'demo'), path.join(root, 'demo'), { recursive: true });
  workspace = path.join(root, 'demo');
  server = await startCodeServer({ workspace, vsix: [vsix], userSettings: { 'aiolint.profiler.thresholdMs': 50 } });
  browser = await launchBrowser();
  page = await openWorkspace(browser, server, workspace);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot(page, `profiler-failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('aiolint profiler in VS Code (code-server)', () => {
  it('profiles the current file from the command palette and shows the blocking line in the panel', async () => {
    await openFile(page, 'profile_me.py');
    // the palette entry is for Python editors: put the focus in the editor
    await goToLine(page, 1);
    await runCommand(page, 'aiolint: Profile Event Loop (Current File)');
    const panel = panelFrame();
    const line = sleepLine();
    const hotSpot = panel.locator(`tr.hot-spot[data-line="${line}"]`);
    await hotSpot.waitFor({ state: 'visible', timeout: 90_000 });
    await expect.poll(async () => panel.locator('.status').innerText(), { timeout: 90_000 }).toMatch(/finished \(exit code 0\)/);
    const cells = await hotSpot.locator('td').allInnerTexts();
    expect(cells[0]).toContain(`profile_me.py:${line}`);
    expect(cells[2]).toMatch(/^3×$/);
    // 120 ms sleeps: the worst is at least most of one sleep
    const worst = Number(/(\d+) ms/.exec(cells[3] ?? '')?.[1]);
    expect(worst).toBeGreaterThanOrEqual(90);
    const header = await panel.locator('header').innerText();
    expect(header).toMatch(/Interpreter[\s\S]*\((found on PATH|from the aiolint\.python\.interpreter setting|selected in the Python extension)\)/);
    await panel.locator('.chart-plot canvas').first().waitFor({ state: 'visible' });
    await screenshot(page, 'profiler-01-panel');
  });

  it('opens the file at the hot spot when its row is clicked, with the AIO901 diagnostic there', async () => {
    const line = sleepLine();
    await panelFrame().locator(`tr.hot-spot[data-line="${line}"]`).click();
    await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    await expect.poll(async () => page.locator('.statusbar-item[id="status.editor.selection"]').innerText(), { timeout: 15_000 }).toMatch(new RegExp(`Ln ${line}\\b`));
    await runCommand(page, 'View: Focus Problems');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
    await expect
      .poll(problemRows, { timeout: 30_000 })
      .toMatch(new RegExp(`blocked the event loop (once|[23]×) for[^\\n]*in the last profiling run[^\\n]*AIO901[^\\n]*\\[Ln ${line},`));
    // the static AIO101 on the same line is named in the runtime finding's related information
    // (the list is virtualised: give it the room to render every row)
    await runCommand(page, 'View: Toggle Maximized Panel');
    await expect.poll(problemRows, { timeout: 15_000 }).toMatch(new RegExp(`\\[Ln ${line}, Col \\d+\\] ?: aiolint AIO101 already flags this line statically`));
    await screenshot(page, 'profiler-02-editor-diagnostic');
  });
});
