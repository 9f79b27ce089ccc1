/**
 * Drives a real VS Code (code-server, installed by scripts/setup.d/30-code-server.sh) in Debian's
 * Chromium through playwright-core. Used by the end-to-end tests, the extension-host integration
 * runner and scripts/demo.sh's helpers.
 *
 * Every wait is on a selector or a condition with a timeout, never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const codeServerEntry = path.join(repoRoot, '.cache', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

export interface CodeServerOptions {
  /** folder opened by default (also passed on the command line) */
  workspace: string;
  /** .vsix files to install before starting */
  vsix?: string[];
  /** unpacked extension folders to copy beside the installed ones (e.g. a test runner) */
  extensionFolders?: string[];
  /** merged into the fresh profile's User/settings.json */
  userSettings?: Record<string, unknown>;
  /** extra environment for the server (and so for the extension host) */
  env?: Record<string, string>;
  /** keep workspace trust enabled (disabled by default so no trust prompt appears) */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** everything the server printed, for failure messages */
  log(): string;
  stop(): Promise<void>;
}

const defaultUserSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'editor.minimap.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
  // the quick-input file dialog (the browser's own picker cannot be driven)
  'files.simpleDialog.enable': true,
};

export function codeServerInstalled(): boolean {
  return existsSync(codeServerEntry);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Starts code-server on a free port with a fresh profile; resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!codeServerInstalled()) throw new Error('code-server is not installed: run bash scripts/setup.d/30-code-server.sh');
  const base = mkdtempSync(path.join(tmpdir(), 'aiolint-code-server-'));
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = {
    ...defaultUserSettings,
    ...(options.workspaceTrust ? { 'security.workspace.trust.enabled': true } : {}),
    ...options.userSettings,
  };
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  for (const vsix of options.vsix ?? []) {
    await runToEnd(process.execPath, [codeServerEntry, ...common, '--install-extension', vsix, '--force'], env);
  }
  for (const folder of options.extensionFolders ?? []) {
    await runToEnd(process.execPath, [codeServerEntry, ...common, '--install-extension', folder, '--force'], env);
  }

  const port = await freePort();
  const args = [
    codeServerEntry, ...common,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  // A process group of its own, so stop() ends the server with its file watcher and extension host.
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const exited = new Promise<void>((resolve) => { child.on('exit', () => { resolve(); }); });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early:\n${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer within 60 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url, port, userDataDir, extensionsDir,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
        const timer = setTimeout(() => { try { process.kill(-(child.pid ?? 0), 'SIGKILL'); } catch { /* gone */ } }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.AIOLINT_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Opens `folder` in the workbench and waits until it is ready for input. */
export async function openWorkspace(browser: Browser, server: CodeServer, folder: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // the window title names the folder once the workspace is loaded
  const name = path.basename(folder);
  await page.waitForFunction((n) => document.title.includes(n), name, { timeout: 60_000 });
  await page.waitForSelector('.part.statusbar', { timeout: 60_000 });
  return page;
}

/**
 * Runs a command by its palette title ("aiolint: Check Workspace"). Returns once the palette has
 * closed, or has turned into the command's own input (Go to Line, Open File).
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  // The palette lists the commands whose `when` holds at the moment it opens; right after a file
  // opens, the context (language, trust) may not be settled yet, so reopen it until the row shows.
  for (let listing = 1; ; listing++) {
    await openPalette(page, input);
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      break;
    } catch (error) {
      if (listing >= 4) throw error;
      await input.press('Escape');
    }
  }
  await input.press('Enter');
  await page.waitForFunction(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const field = document.querySelector<HTMLInputElement>('.quick-input-widget input');
    return !widget || widget.style.display === 'none' || !widget.offsetParent || !field?.value.startsWith('>');
  }, undefined, { timeout: 15_000 });
}

/** Opens the command palette; right after load the workbench may not have keyboard focus yet. */
async function openPalette(page: Page, input: ReturnType<Page['locator']>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await page.locator('.part.statusbar').click({ position: { x: 600, y: 5 } }).catch(() => undefined);
    }
  }
}

/** Opens a workspace file (path relative to the folder, `/` separators) through the Explorer. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await runCommand(page, 'View: Show Explorer');
  const parts = relativePath.split('/');
  for (const [index, part] of parts.entries()) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    const expanded = await row.getAttribute('aria-expanded');
    if (index < parts.length - 1) {
      if (expanded !== 'true') await row.click();
    } else {
      await row.click();
    }
  }
  const base = parts[parts.length - 1] ?? relativePath;
  await page.locator(`.tabs-container .tab.active[aria-label*="${base}"]`).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/** Moves the cursor of the active editor to a 1-based line and column. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Picks an entry of the open code action menu (lightbulb / Quick Fix...) with the keyboard. */
export async function pickCodeAction(page: Page, title: string): Promise<void> {
  const wanted = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await wanted.waitFor({ state: 'visible', timeout: 15_000 });
  for (let step = 0; step < 20; step++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').first().getAttribute('aria-label').catch(() => null);
    if (focused?.includes(title)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 15_000 });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`code action not reachable: ${title}`);
}

/** Saves a full-page screenshot under test-results/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

export { type Browser, type Page } from 'playwright-core';
