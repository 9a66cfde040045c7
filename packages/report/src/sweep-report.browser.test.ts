import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './fixtures/find-chromium.test-support.js';
import { writeFixtureSweep } from './fixtures/sweep-fixture.test-support.js';
import { PRINT_PAGE_MARGIN_MM } from './html.js';
import { generateSweepReport } from './node/generate-sweep-report.js';

const chromiumPath = findChromium();

/** An A4 page's printable width in CSS pixels (96 per inch), inside the report's page margins. */
const A4_CONTENT_WIDTH = Math.floor(((210 - 2 * PRINT_PAGE_MARGIN_MM) * 96) / 25.4);

const artifacts = new URL('../test-artifacts/', import.meta.url);

/** How far each table reaches past its box, the document past the window, and the figure's width. */
async function overflow(page: Page) {
  const tables = await page.$$eval('table', (all) =>
    all.map((table) => {
      const wrap = table.parentElement!;
      return [table.className, Math.max(0, wrap.scrollWidth - wrap.clientWidth)] as const;
    }),
  );
  const figure = await page.$eval('svg.parallel-coordinates', (svg) => {
    const root = svg.ownerDocument.documentElement;
    const box = svg.getBoundingClientRect();
    return {
      pageOverflow: Math.max(0, root.scrollWidth - root.clientWidth),
      figureInside: box.left >= 0 && box.right <= root.clientWidth && box.width > 300,
    };
  });
  return { tables: Object.fromEntries(tables), ...figure };
}

describe.skipIf(chromiumPath === undefined)('the sweep report in headless Chromium', () => {
  let dir: string;
  let fileUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-sweep-browser-'));
    const sweep = await writeFixtureSweep(join(dir, 'runs'));
    const out = join(dir, 'sweep.html');
    await generateSweepReport({ runsDir: join(dir, 'runs'), sweepId: sweep.sweepId, out });
    fileUrl = pathToFileURL(out).href;
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['light', 'dark'] as const)(
    'opens offline in the %s scheme with no console errors and one visible line per completed trial',
    async (colorScheme) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
      const requests: string[] = [];
      const errors: string[] = [];
      await page.route('**/*', async (route) => {
        requests.push(route.request().url());
        await (route.request().url() === fileUrl ? route.continue() : route.abort());
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      await page.goto(fileUrl, { waitUntil: 'load' });
      expect(requests).toEqual([fileUrl]);
      expect(errors).toEqual([]);
      const lines = page.locator('svg.parallel-coordinates polyline.trial');
      expect(await lines.count()).toBe(10);
      for (let index = 0; index < 10; index++) {
        const box = await lines.nth(index).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(600);
      }
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({
        path: new URL(`sweep-report-${colorScheme}.png`, artifacts).pathname,
        fullPage: true,
      });
      await page.close();
    },
  );

  it.for([
    { place: 'a 1024-pixel window', width: 1024, print: false },
    { place: 'a 1300-pixel window', width: 1300, print: false },
    { place: 'an A4 page in print', width: A4_CONTENT_WIDTH, print: true },
  ])(
    'fits its tables and figure in $place without horizontal scrolling',
    async ({ width, print }) => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      if (print) await page.emulateMedia({ media: 'print' });
      await page.goto(fileUrl);
      expect(await overflow(page)).toEqual({
        tables: { '': 0, configs: 0, trials: 0 },
        pageOverflow: 0,
        figureInside: true,
      });
      await page.close();
    },
  );
});
