import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './fixtures/find-chromium.test-support.js';
import {
  SCENARIO_TEST_PER_CLASS,
  writeReportScenario,
} from './fixtures/report-scenario.test-support.js';
import { tinyDataset } from './fixtures/tiny-dataset.test-support.js';
import { PRINT_PAGE_MARGIN_MM } from './html.js';
import { generateReport } from './node/generate-report.js';

const chromiumPath = findChromium();

/** The width of an A4 page's printable box in CSS pixels (96 per inch), inside the report's page margins. */
const A4_CONTENT_WIDTH = Math.floor(((210 - 2 * PRINT_PAGE_MARGIN_MM) * 96) / 25.4);

/**
 * How many pixels the "All runs" table reaches past its box and the document past the window, and
 * the header cells not wholly inside the window: what a reader would have to scroll to see.
 */
function runsTableOverflow(page: Page) {
  return page.$eval('#summary table', (table) => {
    const wrap = table.parentElement!;
    const root = table.ownerDocument.documentElement;
    const headersOutside = [...table.querySelectorAll('thead th')]
      .filter((header) => {
        const box = header.getBoundingClientRect();
        return box.left < 0 || box.right > root.clientWidth;
      })
      .map((header) => header.textContent);
    return {
      tableOverflow: Math.max(0, wrap.scrollWidth - wrap.clientWidth),
      pageOverflow: Math.max(0, root.scrollWidth - root.clientWidth),
      headersOutside,
    };
  });
}

const artifacts = new URL('../test-artifacts/', import.meta.url);

/** Writes the scenario's report into `dir`; `mixedBackends` moves one run to the cpu backend. */
async function writeScenarioReport(dir: string, mixedBackends: boolean): Promise<string> {
  const runsDir = join(dir, 'runs');
  await writeReportScenario(runsDir);
  if (mixedBackends) {
    const file = join(runsDir, '20261125-211300-cnn-adam', 'run.json');
    const run = JSON.parse(await readFile(file, 'utf8')) as { backend: string };
    await writeFile(file, JSON.stringify({ ...run, backend: 'cpu' }));
  }
  const out = join(dir, 'report.html');
  await generateReport({
    runsDir,
    out,
    loadDataset: async () => tinyDataset(SCENARIO_TEST_PER_CLASS),
  });
  return pathToFileURL(out).href;
}

describe.skipIf(chromiumPath === undefined)('the report in headless Chromium', () => {
  let dir: string;
  let fileUrl: string;
  let mixedBackendsUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    fileUrl = await writeScenarioReport(join(dir, 'one-backend'), false);
    mixedBackendsUrl = await writeScenarioReport(join(dir, 'mixed-backends'), true);
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['light', 'dark'] as const)(
    'opens offline in the %s scheme: no requests, no console errors, every chart visible',
    async (colorScheme) => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, colorScheme });
      const requests: string[] = [];
      const errors: string[] = [];
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        requests.push(url);
        // Only the report itself may load; anything else is blocked (and fails the test below).
        await (url === fileUrl ? route.continue() : route.abort());
      });
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(fileUrl, { waitUntil: 'load' });

      expect(requests).toEqual([fileUrl]);
      expect(errors).toEqual([]);
      const charts = page.locator('svg.chart');
      const chartCount = await charts.count();
      // 8 line charts, the confusion heatmap, the test-accuracy dots, the F1 bars and the map.
      expect(chartCount).toBe(12);
      for (let index = 0; index < chartCount; index++) {
        const chart = charts.nth(index);
        await expect.poll(() => chart.isVisible()).toBe(true);
        const box = await chart.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(100);
        expect(box?.height ?? 0).toBeGreaterThan(100);
      }
      // Every image decoded: a broken data URI would leave naturalWidth at 0.
      const brokenImages = await page.$$eval(
        'img',
        (images) =>
          images
            .map((image) => image as unknown as { complete: boolean; naturalWidth: number })
            .filter((image) => !image.complete || image.naturalWidth !== 28).length,
      );
      expect(brokenImages).toBe(0);
      await mkdir(artifacts, { recursive: true });
      await page.screenshot({
        path: new URL(`report-${colorScheme}.png`, artifacts).pathname,
        fullPage: true,
      });
      await page.close();
    },
  );

  it.for([
    { place: 'a 1024-pixel window', width: 1024, print: false, mixedBackends: false },
    { place: 'a 1280-pixel window', width: 1280, print: false, mixedBackends: false },
    { place: 'a 1300-pixel window', width: 1300, print: false, mixedBackends: false },
    { place: 'an A4 page in print', width: A4_CONTENT_WIDTH, print: true, mixedBackends: false },
    {
      place: 'a 1024-pixel window, two backends',
      width: 1024,
      print: false,
      mixedBackends: true,
    },
    {
      place: 'an A4 page in print, two backends',
      width: A4_CONTENT_WIDTH,
      print: true,
      mixedBackends: true,
    },
  ])(
    'fits the "All runs" table in $place without horizontal scrolling',
    async ({ width, print, mixedBackends }) => {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      if (print) await page.emulateMedia({ media: 'print' });
      await page.goto(mixedBackends ? mixedBackendsUrl : fileUrl);
      expect(await runsTableOverflow(page)).toEqual({
        tableOverflow: 0,
        pageOverflow: 0,
        headersOutside: [],
      });
      if (width === 1280) {
        await mkdir(artifacts, { recursive: true });
        await page.locator('#summary').screenshot({
          path: new URL('runs-table-1280.png', artifacts).pathname,
        });
      }
      await page.close();
    },
  );

  it.for([
    { place: 'a 1024-pixel window', width: 1024, print: false },
    { place: 'an A4 page in print', width: A4_CONTENT_WIDTH, print: true },
  ])('fits the heatmap galleries and the map in $place', async ({ width, print }) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    if (print) await page.emulateMedia({ media: 'print' });
    await page.goto(fileUrl);
    const fit = await page.$eval('html', (root) => {
      const doc = root.ownerDocument;
      const outside = (selector: string) =>
        [...doc.querySelectorAll(selector)].filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width === 0 || box.left < 0 || box.right > root.clientWidth;
        }).length;
      const map = doc.querySelector('#map svg.chart')!.getBoundingClientRect();
      return {
        heatmaps: doc.querySelectorAll('#best-run img.heat').length,
        figuresOutside: outside('#best-run figure.explained'),
        mapOutside: outside('#map svg.chart'),
        // The map scales down with the page but stays big enough to read.
        mapWide: map.width >= 600,
        pageOverflow: Math.max(0, root.scrollWidth - root.clientWidth),
      };
    });
    expect(fit).toEqual({
      heatmaps: expect.any(Number),
      figuresOutside: 0,
      mapOutside: 0,
      mapWide: true,
      pageOverflow: 0,
    });
    expect(fit.heatmaps).toBeGreaterThan(50);
    if (!print) {
      await mkdir(artifacts, { recursive: true });
      await page.locator('#map').screenshot({ path: new URL('map-1024.png', artifacts).pathname });
    }
    await page.close();
  });

  it('keeps every chart in print', async () => {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === fileUrl ? route.continue() : route.abort(),
    );
    await page.emulateMedia({ media: 'print' });
    await page.goto(fileUrl);
    const hidden = await page.$$eval(
      'svg.chart',
      (svgs) => svgs.filter((svg) => svg.getBoundingClientRect().width === 0).length,
    );
    expect(hidden).toBe(0);
    await mkdir(artifacts, { recursive: true });
    const pdf = await page.pdf({
      format: 'A4',
      path: new URL('report-a4.pdf', artifacts).pathname,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
