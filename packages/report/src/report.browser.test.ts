import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReportScenario } from './fixtures/report-scenario.test-support.js';
import { tinyDataset } from './fixtures/tiny-dataset.test-support.js';
import { generateReport } from './node/generate-report.js';

/** CHROMIUM_PATH, else `chromium` on PATH; undefined skips the browser tests. */
function findChromium(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    ...(process.env['PATH'] ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'chromium')),
  ];
  return candidates.find((path) => {
    if (path === undefined || path === '') return false;
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const chromiumPath = findChromium();
const artifacts = new URL('../test-artifacts/', import.meta.url);

describe.skipIf(chromiumPath === undefined)('the report in headless Chromium', () => {
  let dir: string;
  let fileUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const out = join(dir, 'report.html');
    await writeReportScenario(join(dir, 'runs'));
    await generateReport({
      runsDir: join(dir, 'runs'),
      out,
      loadDataset: async () => tinyDataset(4),
    });
    fileUrl = pathToFileURL(out).href;
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
      // 8 line charts, the confusion heatmap, the test-accuracy dots and the F1 bars.
      expect(chartCount).toBe(11);
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
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  });
});
