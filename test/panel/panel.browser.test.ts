/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The profiler panel in real Chromium, fed recorded extension messages through the
 * harness page (test/panel/harness.html): charts draw, the hot-spot table is sorted
 * with the right figures, clicks and Enter post open-file messages, both themes are
 * readable, state survives a reload. Screenshots go to test-results/panel/.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromPanelMessage, ToPanelMessage } from '../../src/profiler/panel-messages';
import { chromiumArgs, findChromium } from './browser';
import { serveStatic, type StaticServer } from './static-server';

const repo = path.resolve(__dirname, '../..');
const screenshots = path.join(repo, 'test-results', 'panel');
const executable = findChromium();

function fixture(name: string): ToPanelMessage[] {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as ToPanelMessage[];
}

declare global {
  interface Window {
    __posted: FromPanelMessage[];
    __violations: string[];
    __deliver(message: ToPanelMessage): void;
    __setTheme(theme: 'dark' | 'light'): void;
  }
}

if (!executable) {
  console.warn('panel browser tests skipped: no Chromium on PATH (install Debian\'s `chromium`; CI has it)');
}

describe.skipIf(!executable)('profiler panel in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let bundleDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // build the bundle from the current sources, exactly as scripts/build.mjs does
    bundleDir = mkdtempSync(path.join(tmpdir(), 'aiolint-panel-'));
    await build({
      entryPoints: [path.join(repo, 'media/panel/main.ts')],
      outfile: path.join(bundleDir, 'panel.js'),
      bundle: true,
      platform: 'browser',
      format: 'iife',
      logLevel: 'warning',
    });
    server = await serveStatic(repo, { '/dist/media/': bundleDir });
    browser = await chromium.launch({ executablePath: executable ?? undefined, args: chromiumArgs });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  async function openHarness(theme: 'dark' | 'light', width = 1100): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${server.url}/test/panel/harness.html?theme=${theme}`);
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    return page;
  }

  async function deliver(page: Page, messages: ToPanelMessage[]): Promise<void> {
    for (const message of messages) {
      await page.evaluate((m) => {
        window.__deliver(m);
      }, message);
      // let the message event and the render run, as between live batches
      await page.waitForTimeout(60);
    }
  }

  /** Non-transparent pixels per chart canvas, and how many are near the threshold colour. */
  async function canvasInk(page: Page): Promise<{ chart: string; inked: number; thresholdInk: number }[]> {
    return page.evaluate(() => {
      const red = getComputedStyle(document.body).getPropertyValue('--vscode-charts-red').trim();
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(red.slice(i, i + 2), 16)) as [number, number, number];
      return [...document.querySelectorAll<HTMLElement>('.chart-plot')]
        .filter((box) => box.offsetParent !== null)
        .map((box) => {
          const canvas = box.querySelector('canvas');
          if (!canvas) return { chart: box.dataset.chart ?? '?', inked: 0, thresholdInk: 0 };
          const context = canvas.getContext('2d');
          if (!context) return { chart: box.dataset.chart ?? '?', inked: 0, thresholdInk: 0 };
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let inked = 0;
          let thresholdInk = 0;
          for (let i = 0; i < data.length; i += 4) {
            if ((data[i + 3] ?? 0) === 0) continue;
            inked++;
            if (Math.abs((data[i] ?? 0) - r) < 40 && Math.abs((data[i + 1] ?? 0) - g) < 40 && Math.abs((data[i + 2] ?? 0) - b) < 40) thresholdInk++;
          }
          return { chart: box.dataset.chart ?? '?', inked, thresholdInk };
        });
    });
  }

  async function hotSpotTable(page: Page): Promise<{ file: string; line: number; cells: string[] }[]> {
    return page.$$eval('tr.hot-spot', (rows) =>
      rows.map((row) => ({
        file: (row as HTMLElement).dataset.file ?? '',
        line: Number((row as HTMLElement).dataset.line),
        cells: [...row.querySelectorAll('td')].map((td) => td.textContent.replace(/[▸▾]/g, '').trim()),
      })),
    );
  }

  it('renders a live run: header, charts, hot spots sorted by total, then the end state', async () => {
    const page = await openHarness('dark');
    const messages = fixture('live-run');
    await deliver(page, messages.slice(0, 3));
    await expect.poll(() => page.textContent('.status')).toBe('running');
    expect(await page.isVisible('button:has-text("Stop")')).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'live-dark.png'), fullPage: true });

    await deliver(page, messages.slice(3));
    await expect.poll(() => page.textContent('.status')).toBe('finished (exit code 0)');
    expect(await page.isVisible('button:has-text("Stop")')).toBe(false);
    const header = (await page.textContent('header')) ?? '';
    expect(header).toContain('shop/app.py --port 8080');
    expect(header).toContain('/usr/local/bin/python3.12 (selected in the Python extension)');
    expect(header).toContain('asyncio.unix_events._UnixSelectorEventLoop');
    expect(header).toContain('4.5 s');

    // three charts, each with ink on its canvas; the lag chart shows the red threshold line
    const ink = await canvasInk(page);
    expect(ink.map((c) => c.chart)).toEqual(['lag', 'pending', 'steps']);
    for (const chart of ink) expect(chart.inked, chart.chart).toBeGreaterThan(2000);
    expect(ink[0]?.thresholdInk).toBeGreaterThan(100);

    // the final profile lists pricing.py first; the table sorts by total blocked time
    const rows = await hotSpotTable(page);
    expect(rows.map((r) => `${path.posix.basename(r.file)}:${r.line}`)).toEqual(['app.py:12', 'pricing.py:27', 'db.py:40']);
    expect(rows[0]?.cells).toEqual(['shop/app.py:12fetch_inventory', '625 ms', '3×', '210 ms', '13.9 %', 'running code']);
    expect(rows[1]?.cells).toEqual(['shop/pricing.py:27compute_discounts', '180 ms', '2×', '118 ms', '4.0 %', 'running code']);
    expect(rows[2]?.cells).toEqual(['shop/db.py:40load_snapshot', '64 ms', '1×', '64 ms', '1.4 %', 'running code']);

    // tasks, unawaited coroutines, unretrieved exceptions
    expect(await page.textContent('section[aria-label="Tasks"] .summary')).toContain('675 created');
    expect(await page.$$eval('section[aria-label="Tasks"] tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent))).toEqual(['Task-1', 'Task-3', 'Task-9', 'Task-11', 'Task-7']);
    expect(await page.textContent('section[aria-label="Coroutines never awaited"] tbody')).toContain('send_receipt');
    expect(await page.textContent('section[aria-label="Task exceptions never retrieved"] tbody')).toContain('ConnectionRefusedError');

    await page.screenshot({ path: path.join(screenshots, 'finished-dark.png'), fullPage: true });
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    await page.close();
  });

  it('posts open-file for a clicked hot spot, Enter on a focused row, and a clicked stack frame', async () => {
    const page = await openHarness('dark');
    await deliver(page, fixture('live-run'));
    const posted = () => page.evaluate(() => window.__posted.filter((m) => m.type === 'open-file'));

    await page.click('tr.hot-spot >> nth=0');
    expect(await posted()).toEqual([{ type: 'open-file', file: '/projects/shop/shop/app.py', line: 12 }]);

    await page.focus('tr.hot-spot >> nth=1');
    await page.keyboard.press('Enter');
    expect((await posted()).at(-1)).toEqual({ type: 'open-file', file: '/projects/shop/shop/pricing.py', line: 27 });

    // Space expands the focused row to show its sampled stack; focus stays on the row
    await page.keyboard.press(' ');
    expect(await page.getAttribute('tr.hot-spot >> nth=1', 'aria-expanded')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.line)).toBe('27');
    const frames = await page.$$eval('tr.detail a.site', (links) => links.map((a) => a.textContent));
    expect(frames).toEqual(['compute_discounts  shop/pricing.py:27', 'checkout  shop/app.py:44']);
    await page.screenshot({ path: path.join(screenshots, 'expanded-stack-dark.png'), fullPage: true });
    await page.click('tr.detail a.site >> nth=1');
    expect((await posted()).at(-1)).toEqual({ type: 'open-file', file: '/projects/shop/shop/app.py', line: 44 });

    // creation sites in the other tables are clickable too
    await page.click('section[aria-label="Coroutines never awaited"] a.site');
    expect((await posted()).at(-1)).toEqual({ type: 'open-file', file: '/projects/shop/shop/app.py', line: 49 });
    await page.close();
  });

  it('Stop and Save post their messages', async () => {
    const page = await openHarness('dark');
    const messages = fixture('live-run');
    await deliver(page, messages.slice(0, 2));
    await page.click('button:has-text("Stop")');
    await page.click('button:has-text("Save")');
    expect(await page.evaluate(() => window.__posted.map((m) => m.type))).toEqual(['ready', 'stop', 'save']);
    await page.close();
  });

  it('is readable in the light and the dark theme, and follows a theme switch', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openHarness(theme);
      await deliver(page, fixture('live-run'));
      const contrasts = await page.evaluate(() => {
        function rgb(colour: string): [number, number, number] {
          const parts = colour.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
          return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
        }
        function luminance([r, g, b]: [number, number, number]): number {
          const f = (c: number) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        }
        const background = rgb(getComputedStyle(document.body).backgroundColor);
        const selectors = ['h1', 'td.cell-total', '.location', '.field-value', 'th', '.u-legend th', 'section[aria-label="Tasks"] td'];
        return selectors.map((selector) => {
          const element = document.querySelector(selector);
          const colour = element ? rgb(getComputedStyle(element).color) : background;
          const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x) as [number, number];
          return { selector, ratio: (a + 0.05) / (b + 0.05) };
        });
      });
      for (const { selector, ratio } of contrasts) expect(ratio, `${theme} ${selector}`).toBeGreaterThanOrEqual(4.5);
      const ink = await canvasInk(page);
      for (const chart of ink) expect(chart.inked, `${theme} ${chart.chart}`).toBeGreaterThan(2000);
      await page.screenshot({ path: path.join(screenshots, `finished-${theme}.png`), fullPage: true });

      if (theme === 'light') {
        // switching theme redraws the charts with the new theme's colours
        await page.evaluate(() => {
          window.__setTheme('dark');
        });
        await page.waitForTimeout(100);
        const after = await canvasInk(page);
        expect(after[0]?.thresholdInk).toBeGreaterThan(100);
      }
      await page.close();
    }
  });

  it('says what is unavailable on uvloop and shows a saved profile', async () => {
    const page = await openHarness('light');
    await deliver(page, fixture('saved-uvloop'));
    expect(await page.textContent('.status')).toBe('saved profile');
    expect(await page.textContent('h1')).toBe('Saved profile — uvloop-run.aioprofile.json');
    expect(await page.textContent('.notes')).toContain('Per-step timing is unavailable on uvloop');
    expect(await page.textContent('.chart:has([data-chart="steps"]) .chart-placeholder')).toBe('Not measured on this loop.');
    expect(await page.isVisible('button:has-text("Save")')).toBe(false);
    await page.screenshot({ path: path.join(screenshots, 'saved-uvloop-light.png'), fullPage: true });
    await page.close();
  });

  it('shows busy time and the longest step per task from a detailed-mode profile (sys.monitoring)', async () => {
    const page = await openHarness('dark');
    await deliver(page, fixture('saved-detailed'));
    const heads = await page.$$eval('section[aria-label="Tasks"] thead th', (ths) => ths.map((th) => th.textContent));
    expect(heads.slice(-3)).toEqual(['Steps', 'Busy', 'Longest step']);
    const fetch = await page.$$eval('section[aria-label="Tasks"] tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)).find((cells) => cells[1] === 'fetch_inventory'),
    );
    expect(fetch?.slice(-3)).toEqual(['220', '640 ms', '210 ms']);
    await page.close();
  });

  it('shows a crash with its exit code and message', async () => {
    const page = await openHarness('dark', 900);
    await deliver(page, fixture('crashed-run'));
    expect(await page.textContent('.status')).toBe('crashed (exit code 1)');
    expect(await page.textContent('.run-message')).toContain("KeyError: 'sku'");
    await page.screenshot({ path: path.join(screenshots, 'crashed-dark.png'), fullPage: true });
    await page.close();
  });

  it('restores its state after a reload (as after a window reload in VS Code)', async () => {
    const page = await openHarness('dark');
    await deliver(page, fixture('live-run'));
    await page.click('tr.hot-spot >> nth=0 >> .twisty');
    await page.reload();
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    expect(await page.textContent('.status')).toBe('finished (exit code 0)');
    expect((await hotSpotTable(page)).map((r) => r.line)).toEqual([12, 27, 40]);
    expect(await page.getAttribute('tr.hot-spot >> nth=0', 'aria-expanded')).toBe('true');
    await page.close();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
