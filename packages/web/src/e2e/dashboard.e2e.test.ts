import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeGrayPng, FASHION_MNIST_CLASS_NAMES } from '@fashion-lab/data';
import { updateSweep } from '@fashion-lab/run/node';
import {
  appendFixtureMetrics,
  testBatchLine,
  testRunJson,
  writeFixtureRun,
} from '@fashion-lab/run/testing';
import { RUNS_PER_PAGE } from '../lib/first-page';
import { fitView, MAP_HEIGHT, MAP_WIDTH, toData, toScreen, type MapView } from '../lib/map-points';
import { topClasses, whereItSaw } from '../lib/top-classes';
import { defaultRunJson, writeDefaultRunCopies } from './default-run-copies';
import {
  mapPoint,
  runningRunJson,
  syntheticImage,
  writeFixtureRuns,
  type FixtureRuns,
} from './fixture-runs';
import { fixtureSweepDir, writeFixtureSweep } from './fixture-sweep';
import { runNext, startNext, type NextServer } from './next-server';

/** Debian's chromium (or CHROMIUM_PATH); without one this suite is skipped. */
function findChromium(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const chromiumPath = findChromium();

/** Sends a path byte for byte (fetch and URL would normalise `..` and decode nothing). */
function rawStatus(baseUrl: string, path: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(chromiumPath === undefined)('dashboard end to end (production build)', () => {
  let root: string;
  let fixture: FixtureRuns;
  let server: NextServer;
  let browser: Browser;
  let pages: Page[] = [];
  let consoleErrors: string[] = [];

  /** Keeps the running run alive in the eyes of the server: a fresh heartbeat from this process. */
  async function touchRunningRun(): Promise<void> {
    await writeFixtureRun(fixture.runsDir, { run: runningRunJson(fixture.running) });
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'web-e2e-'));
    // tfjs prints a one-time hint about tfjs-node on its first use in Node: expected here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      fixture = await writeFixtureRuns(root);
    } finally {
      warn.mockRestore();
    }
    await runNext(['build']); // once for the whole suite
    server = await startNext({ RUNS_DIR: fixture.runsDir, FASHION_MNIST_DIR: fixture.datasetDir });
    browser = await chromium.launch({
      executablePath: chromiumPath!,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    pages.push(page);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    return page;
  }

  /**
   * Closes the test's pages. A test with a server of its own calls this before stopping it: a page
   * still open then (a poll or a link prefetch in flight) logs net::ERR_CONNECTION_RESET.
   */
  async function closePages(): Promise<void> {
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
  }

  afterEach(async () => {
    await closePages();
    const errors = consoleErrors;
    consoleErrors = [];
    expect(errors).toEqual([]);
  });

  it('lists every run: status, stale, unreadable, and opens a run from the list', async () => {
    await touchRunningRun();
    const page = await openPage();
    await page.goto(`${server.url}/`);
    const rows = page.locator('table.runs tbody tr');
    await expect.poll(() => rows.count()).toBe(fixture.completed.length + 3);
    expect(
      await page.locator(`tr[data-run-id="${fixture.stale}"] [data-status]`).textContent(),
    ).toBe('stale');
    expect(await page.locator(`tr[data-run-id="${fixture.broken}"]`).textContent()).toContain(
      'unreadable',
    );
    expect(
      await page.locator(`tr[data-run-id="${fixture.running}"] [data-status]`).textContent(),
    ).toContain('epoch 2/3');

    await page.getByLabel('Filter runs').fill('rmsprop');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Filter runs').fill('');
    await page.getByRole('button', { name: /Test acc/ }).click();
    await page.getByRole('button', { name: /Test acc/ }).click();
    const ordered = await rows.evaluateAll((trs) =>
      trs.map((tr) => tr.getAttribute('data-run-id')),
    );
    expect(ordered.slice(0, fixture.completed.length).sort()).toEqual(
      [...fixture.completed].sort(),
    );

    const target = fixture.completed[2]!;
    await page.locator(`tr[data-run-id="${target}"] a`).first().click();
    await page.waitForURL(`**/runs/${target}`);
    expect(await page.locator('h1').textContent()).toContain(target);
    expect(await page.locator('.card .label').first().textContent()).toMatch(
      /^test accuracy \(\d+\.\d% without test-time flips\)$/,
    );
    expect(await page.getByTestId('reproduce').textContent()).toContain('npx nx run cli:train');
    expect(await page.getByTestId('backend').textContent()).toBe('cpu');
    expect(await page.locator('table.layers tbody tr').count()).toBe(2);
  });

  it('clicking a confusion cell shows the test images of that (true, predicted) pair', async () => {
    const page = await openPage();
    const target = fixture.completed[0]!;
    await page.goto(`${server.url}/runs/${target}`);
    const { label, predicted } = fixture.confusedPair;
    await page.locator(`a[data-cell="${label}-${predicted}"]`).click();
    const gallery = page.locator(`[data-testid="cell-gallery"][data-cell="${label}-${predicted}"]`);
    await gallery.waitFor();
    const items = gallery.locator('li');
    expect(await items.count()).toBeGreaterThan(0);
    const pairs = await items.evaluateAll((lis) =>
      lis.map((li) => `${li.getAttribute('data-label')}-${li.getAttribute('data-predicted')}`),
    );
    expect(new Set(pairs)).toEqual(new Set([`${label}-${predicted}`]));
    // The galleries of the whole page still show both kinds.
    expect(await page.locator('ul.gallery li.correct').count()).toBeGreaterThan(0);
    expect(await page.locator('ul.gallery li.wrong').count()).toBeGreaterThan(0);
  });

  it('a run without explain.json or embedding.json says how to compute them, and nothing breaks', async () => {
    const page = await openPage();
    const target = fixture.completed[0]!;
    await page.goto(`${server.url}/runs/${target}`);
    expect(await page.getByTestId('heat-controls').textContent()).toContain(
      `npx nx run cli:explain -- ${target}`,
    );
    expect(await page.getByTestId('map-missing').textContent()).toContain(
      `npx nx run cli:explain -- ${target}`,
    );
    expect(await page.locator('ul.gallery canvas.heat').count()).toBe(0);
  });

  it('the heatmap toggle lays heatmaps over gallery images; a mistake shows both classes', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/runs/${fixture.explained}`);
    const correct = page.locator('ul.gallery li.correct').first();
    const heat = correct.locator('canvas.heat');
    expect(await heat.isVisible()).toBe(false);
    await page.getByLabel('Show where the model looked').check();
    await heat.waitFor({ state: 'visible' });
    // The fixture's ramp heatmap, drawn: the hottest corner is opaque, the coldest see-through.
    const alphas = await heat.evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      return [data[3], data[data.length - 1]];
    });
    expect(alphas[1]!).toBeGreaterThan(alphas[0]!);

    await page.getByRole('slider').fill('0.3');
    expect(await heat.evaluate((canvas) => getComputedStyle(canvas).opacity)).toBe('0.3');

    const wrong = page.locator('ul.gallery li.wrong').first();
    expect(await wrong.locator('canvas.heat:visible').count()).toBe(2);
    const label = Number(await wrong.getAttribute('data-label'));
    const predicted = Number(await wrong.getAttribute('data-predicted'));
    const names = FASHION_MNIST_CLASS_NAMES;
    expect(await wrong.locator('.heat-caption').textContent()).toBe(
      `it looked here: ${names[predicted]}, not ${names[label]}`,
    );
  });

  it('the map of the test set: hover shows a sprite, click opens the image with its heatmaps, a confusion cell filters it', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/runs/${fixture.explained}`);
    const canvas = page.getByLabel('Map of the test set');
    const mapError = page.getByTestId('map-error');
    await canvas.or(mapError).waitFor();
    expect((await mapError.count()) > 0 ? await mapError.textContent() : 'no error').toBe(
      'no error',
    );
    const drawn = await canvas.evaluate((element: HTMLCanvasElement) => {
      const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted;
    });
    expect(drawn).toBeGreaterThan(10_000);

    const xy = Float32Array.from({ length: 20_000 }, (_, i) => mapPoint(i >> 1)[i % 2]!);
    const view = fitView(xy, MAP_WIDTH, MAP_HEIGHT);
    // Where point `index` is in the viewport now (the mouse only reaches what is on screen).
    const pointer = async (index: number) => {
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      const [x, y] = toScreen(xy, index, view);
      return [box.x + x, box.y + y] as const;
    };
    // Test image 0, a mistake kept in the evaluation (so it has two heatmaps), alone on the map.
    const index = 0;
    expect(await page.locator('ul.gallery li.wrong img[alt="test image 0"]').count()).toBe(1);
    await page.mouse.move(...(await pointer(index)));
    const sprite = page.getByTestId('map-sprite');
    await expect.poll(() => sprite.getAttribute('data-index')).toBe(String(index));
    await expect
      .poll(() => sprite.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(28);

    // Frame times while the pointer sweeps the map (printed, never asserted).
    const deltas = await canvas.evaluate(
      (element: HTMLCanvasElement) =>
        new Promise<number[]>((resolve) => {
          const times: number[] = [];
          const box = element.getBoundingClientRect();
          const frame = (time: number) => {
            times.push(time);
            const t = times.length / 120;
            element.dispatchEvent(
              new MouseEvent('mousemove', {
                bubbles: true,
                clientX: box.left + t * box.width,
                clientY: box.top + (0.5 + 0.4 * Math.sin(t * 6.28)) * box.height,
              }),
            );
            if (times.length <= 120) requestAnimationFrame(frame);
            else resolve(times.slice(1).map((time, i) => time - times[i]!));
          };
          requestAnimationFrame(frame);
        }),
    );
    const sorted = [...deltas].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    process.stdout.write(
      `map hover frame times over ${deltas.length} frames: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms\n`,
    );

    await page.mouse.click(...(await pointer(index)));
    const selection = page.getByTestId('map-selection');
    await expect.poll(() => selection.getAttribute('data-index')).toBe(String(index));
    await expect.poll(() => selection.locator('canvas.heat').count()).toBe(2);

    const { label, predicted } = fixture.confusedPair;
    await page.locator(`a[data-cell="${label}-${predicted}"]`).click();
    const map = page.getByTestId('test-set-map');
    await expect.poll(() => map.getAttribute('data-filter')).toBe('cell');
    // Test image 0 is a T-shirt taken for a trouser (every 9th is confused); 5 is a correct sandal.
    const inCell = index;
    const outside = 5;
    await page.mouse.move(...(await pointer(outside)));
    await expect.poll(() => sprite.count()).toBe(0);
    await page.mouse.move(...(await pointer(inCell)));
    await expect.poll(() => sprite.getAttribute('data-index')).toBe(String(inCell));
  });

  describe('the map zooms and pans', () => {
    const xy = Float32Array.from({ length: 20_000 }, (_, i) => mapPoint(i >> 1)[i % 2]!);
    const fitted = fitView(xy, MAP_WIDTH, MAP_HEIGHT);

    /** How many of a canvas's pixels are painted. */
    const painted = (canvas: ReturnType<Page['locator']>) =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const { data } = element
          .getContext('2d')!
          .getImageData(0, 0, element.width, element.height);
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
        return count;
      });

    /** The explained run's map, scrolled into view, with its drawn view and its inner origin. */
    async function openMap() {
      const page = await openPage();
      await page.goto(`${server.url}/runs/${fixture.explained}`);
      const canvas = page.getByLabel('Map of the test set');
      await canvas.waitFor();
      await expect.poll(() => canvas.getAttribute('data-view')).not.toBeNull();
      await canvas.scrollIntoViewIfNeeded();
      const box = (await canvas.boundingBox())!;
      // Canvas pixels start inside the 1 px border.
      const [left, top] = await canvas.evaluate((element) => [
        element.clientLeft,
        element.clientTop,
      ]);
      const origin = [box.x + left!, box.y + top!] as const;
      const view = async (): Promise<MapView> => ({
        ...fitted,
        ...(JSON.parse((await canvas.getAttribute('data-view'))!) as Partial<MapView>),
      });
      // Whole viewport pixels: a mouse event's clientX/Y are integers, so the pointer lands exactly.
      const at = (x: number, y: number) =>
        [Math.round(origin[0] + x), Math.round(origin[1] + y)] as const;
      /** Where on the canvas a viewport position is. */
      const onCanvas = ([x, y]: readonly [number, number]) =>
        [x - origin[0], y - origin[1]] as const;
      return { page, canvas, view, at, onCanvas };
    }

    it('the wheel zooms about the pointer, hover finds a point in the zoomed view, a drag pans, reset fits again', async () => {
      const { page, canvas, view, at, onCanvas } = await openMap();
      expect(await view()).toEqual(fitted);
      const sprite = page.getByTestId('map-sprite');

      // Zoom 8x with the pointer 20 px right of test image 0, a point alone in the middle.
      const [x0, y0] = toScreen(xy, 0, fitted);
      const pointer = onCanvas(at(x0 + 20, y0));
      await page.mouse.move(...at(x0 + 20, y0));
      for (let step = 0; step < 3; step++) await page.mouse.wheel(0, -260);
      await expect.poll(async () => (await view()).scale / fitted.scale).toBeCloseTo(8, 6);
      const zoomed = await view();
      const [dataX, dataY] = toData(fitted, ...pointer);
      expect(toData(zoomed, ...pointer)[0]).toBeCloseTo(dataX, 4);
      expect(toData(zoomed, ...pointer)[1]).toBeCloseTo(dataY, 4);
      expect(await page.getByTestId('map-zoom').textContent()).toContain('8.0x');

      // Image 0 moved 8x farther from the pointer; where it was before is empty now.
      await page.mouse.move(...at(x0, y0));
      await expect.poll(() => sprite.count()).toBe(0);
      const [zx, zy] = toScreen(xy, 0, zoomed);
      expect(zx).toBeCloseTo(pointer[0] - 8 * (pointer[0] - x0), 6);
      await page.mouse.move(...at(zx, zy));
      await expect.poll(() => sprite.getAttribute('data-index')).toBe('0');

      // A drag pans by exactly the mouse's way, and its release is no click on a point.
      await page.mouse.move(...at(zx + 1, zy + 1));
      await page.mouse.down();
      await page.mouse.move(...at(zx + 61, zy + 41), { steps: 5 });
      await page.mouse.up();
      await expect.poll(async () => (await view()).padX - zoomed.padX).toBeCloseTo(60, 6);
      const panned = await view();
      expect(panned.padY - zoomed.padY).toBeCloseTo(40, 6);
      expect(panned.scale).toBe(zoomed.scale);
      expect(await page.getByTestId('map-selection').count()).toBe(0);
      await page.mouse.move(...at(...toScreen(xy, 0, panned)));
      await expect.poll(() => sprite.getAttribute('data-index')).toBe('0');

      await page.getByRole('button', { name: 'Reset view' }).click();
      await expect.poll(() => view()).toEqual(fitted);
      expect(await painted(canvas)).toBeGreaterThan(10_000);
    });

    it('frame times while dragging and wheel-zooming the map (printed, never asserted)', async () => {
      const { canvas, view } = await openMap();
      const { deltas, drawing } = await canvas.evaluate(
        (element: HTMLCanvasElement) =>
          new Promise<{ deltas: number[]; drawing: number[] }>((resolve) => {
            const frames = 120;
            const box = element.getBoundingClientRect();
            const mouse = (type: string, t: number, buttons: number) =>
              element.dispatchEvent(
                new MouseEvent(type, {
                  bubbles: true,
                  buttons,
                  clientX: box.left + (0.3 + 0.4 * t) * box.width,
                  clientY: box.top + (0.5 + 0.3 * Math.sin(t * 6.28)) * box.height,
                }),
              );
            const times: number[] = [];
            // The map's own frame callback runs first (it was asked for earlier): the time since
            // the frame began is its drawing.
            const drawing: number[] = [];
            mouse('mousedown', 0, 1);
            const frame = (time: number) => {
              drawing.push(performance.now() - time);
              times.push(time);
              const n = times.length;
              // The first half drags, the second zooms in, then out, about a moving pointer.
              if (n <= frames / 2) mouse('mousemove', n / (frames / 2), 1);
              else {
                if (n === frames / 2 + 1) mouse('mouseup', 1, 0);
                const t = (n - frames / 2) / (frames / 2);
                element.dispatchEvent(
                  new WheelEvent('wheel', {
                    bubbles: true,
                    cancelable: true,
                    deltaY: t < 0.5 ? -40 : 40,
                    clientX: box.left + t * box.width,
                    clientY: box.top + box.height / 2,
                  }),
                );
              }
              if (n <= frames) requestAnimationFrame(frame);
              else
                resolve({
                  deltas: times.slice(1).map((later, i) => later - times[i]!),
                  drawing: drawing.slice(1),
                });
            };
            requestAnimationFrame(frame);
          }),
      );
      const stats = (values: number[]) => {
        const sorted = [...values].sort((a, b) => a - b);
        const at = (q: number) =>
          sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
        return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
      };
      process.stdout.write(
        `map pan and zoom frame times over ${deltas.length} frames (headless Chromium): ${stats(deltas)}; drawing the map in a frame: ${stats(drawing)}\n`,
      );
      expect(deltas).toHaveLength(120);
      // The drive moved the view: the drag panned it (the zooms in and out cancel).
      expect((await view()).padX).not.toBe(fitted.padX);
    });

    it('the compare page draws two runs` maps side by side, and a run without one says how to compute it', async () => {
      const page = await openPage();
      await page.goto(`${server.url}/compare?runs=${fixture.mapped},${fixture.explained}`);
      const slots = page.getByTestId('compare-map');
      await expect.poll(() => slots.count()).toBe(2);
      for (const slot of await slots.all()) {
        const canvas = slot.getByLabel('Map of the test set');
        await expect.poll(() => canvas.getAttribute('data-view')).not.toBeNull();
        expect(await painted(canvas)).toBeGreaterThan(10_000);
      }
      const [first, second] = await slots.evaluateAll((sections) =>
        sections.map((section) => section.getBoundingClientRect().top),
      );
      expect(first).toBe(second); // side by side, not one above the other

      const bare = fixture.completed[0]!;
      await page.goto(`${server.url}/compare?runs=${bare},${fixture.explained}`);
      expect(
        await page.locator(`[data-testid="compare-map"][data-run-id="${bare}"]`).textContent(),
      ).toContain(`npx nx run cli:explain -- ${bare}`);
      const explained = page.locator(
        `[data-testid="compare-map"][data-run-id="${fixture.explained}"]`,
      );
      await expect.poll(() => explained.getByLabel('Map of the test set').count()).toBe(1);
    });
  });

  it('compares two picked runs, and the seed-study preset in one click', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/compare`);
    const [first, second] = [fixture.completed[0]!, fixture.completed[4]!];
    await page.locator(`form.picker input[value="${first}"]`).check();
    await page.locator(`form.picker input[value="${second}"]`).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('figure.chart').first().locator('path[data-series]').count()).toBe(2);

    await page.getByRole('link', { name: 'Seed study: optimizers' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(4);
    const optimizers = await table
      .locator('tbody tr td:nth-child(3)')
      .evaluateAll((tds) => tds.map((td) => td.textContent));
    expect(optimizers).toEqual(['sgd', 'rmsprop', 'adam', 'nadam']);
  });

  it('runs the saved model in the browser: a drawn shape gets ten probabilities summing to 1', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/try?run=${fixture.completed[1]}`);
    await expect
      .poll(() => page.getByTestId('model-state').textContent(), { timeout: 20_000 })
      .toBe('model ready (cpu)');
    const box = (await page.locator('canvas.draw').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.2, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.8, { steps: 8 });
    await page.mouse.up();
    const bars = page.locator('[data-testid="probabilities"] li');
    await expect.poll(() => bars.count()).toBe(10);
    const probabilities = await bars.evaluateAll((lis) =>
      lis.map((li) => Number(li.getAttribute('data-probability'))),
    );
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

    // An image file goes through the same preprocessing (here a dataset-like PNG, opened).
    const png = Buffer.from(encodeGrayPng(28, 28, syntheticImage(7, 3)));
    await page.locator('input[type="file"]').setInputFiles({
      name: 'sneaker.png',
      mimeType: 'image/png',
      buffer: png,
    });
    const readBars = () =>
      bars.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-probability'))));
    await expect
      .poll(async () => (await readBars()).join(), { timeout: 10_000 })
      .not.toBe(probabilities.join());
    const fromImage = await readBars();
    expect(fromImage).toHaveLength(10);
    expect(fromImage.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('shows where the model looked in an opened image: heatmaps for the top class and the runner-up', async () => {
    const page = await openPage();
    // The explained run: its explain.json names SmoothGrad's seed (42), and its model is dense.
    await page.goto(`${server.url}/try?run=${fixture.explained}`);
    await expect
      .poll(() => page.getByTestId('model-state').textContent(), { timeout: 20_000 })
      .toBe('model ready (cpu)');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'shirt.png',
      mimeType: 'image/png',
      buffer: Buffer.from(encodeGrayPng(28, 28, syntheticImage(6, 1))),
    });
    const figures = page.locator('[data-testid="try-heatmaps"] figure');
    await expect.poll(() => figures.count(), { timeout: 20_000 }).toBe(2);

    const probabilities = await page
      .locator('[data-testid="probabilities"] li')
      .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-probability'))));
    const expected = topClasses(probabilities).map(({ klass, probability }) =>
      whereItSaw(FASHION_MNIST_CLASS_NAMES[klass]!, probability),
    );
    expect(await figures.locator('figcaption').allTextContents()).toEqual(expected);
    expect(await page.getByTestId('try-heatmap-method').textContent()).toBe(
      'SmoothGrad (16 noisy copies, noise 0.15, seed 42), computed here in your browser.',
    );

    // Each heatmap canvas holds a map, not a blank: its alpha (rising with the heat) varies.
    const alphaRanges = await figures.locator('canvas.heat').evaluateAll((canvases) =>
      (canvases as HTMLCanvasElement[]).map((canvas) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, 28, 28);
        const alphas = data.filter((_, i) => i % 4 === 3);
        return [Math.min(...alphas), Math.max(...alphas)];
      }),
    );
    expect(alphaRanges).toHaveLength(2);
    for (const [min, max] of alphaRanges) {
      expect(min).toBe(64); // the coldest pixel: no heat
      expect(max).toBe(255); // the hottest: the map's maximum
    }
  });

  it('a running run moves on screen as its metrics.jsonl grows', async () => {
    const page = await openPage();
    const runDir = join(fixture.runsDir, fixture.running);
    await touchRunningRun();
    await page.goto(`${server.url}/runs/${fixture.running}`);
    const position = page.getByTestId('live-position');
    expect(await position.textContent()).toBe('epoch 2/3 · batch 2/10');
    await appendFixtureMetrics(runDir, [testBatchLine(2, 7)]);
    await expect
      .poll(() => position.textContent(), { timeout: 10_000 })
      .toBe('epoch 2/3 · batch 7/10');
    await touchRunningRun();
    await appendFixtureMetrics(runDir, [testBatchLine(3, 5)]);
    await expect
      .poll(() => position.textContent(), { timeout: 10_000 })
      .toBe('epoch 3/3 · batch 5/10');

    // The runs list follows too (it fetches every row again every two seconds).
    await page.goto(`${server.url}/`);
    const status = page.locator(`tr[data-run-id="${fixture.running}"] [data-status]`);
    expect(await status.textContent()).toContain('epoch 3/3 · batch 5/10');
    await touchRunningRun();
    await appendFixtureMetrics(runDir, [testBatchLine(3, 8)]);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toContain('batch 8/10');
  });

  it('answers 404 to traversal attempts and serves only the model files', async () => {
    const good = fixture.completed[0]!;
    expect(await rawStatus(server.url, `/api/runs/${good}/model/model.json`)).toBe(200);
    expect(await rawStatus(server.url, `/api/runs/${good}/model/weights.bin`)).toBe(200);
    const attempts = [
      '/runs/..%2F..%2Fetc%2Fpasswd',
      // `%2e%2e` is `..` to URL parsing: these normalise to paths outside /runs and /api.
      '/runs/%2e%2e/%2e%2e/outside/run.json',
      '/api/runs/%2e%2e/%2e%2e/outside/model/model.json',
      '/runs/../../etc/passwd',
      '/runs/%2E%2E%2Foutside',
      '/runs/escape',
      '/runs/%2Fetc%2Fpasswd',
      `/runs/${good}%2F..%2F..`,
      '/api/runs/escape/model/model.json',
      '/api/runs/..%2Foutside/model/model.json',
      '/api/runs/%2e%2e/model/model.json',
      '/api/runs/%2Fetc/model/passwd',
      `/api/runs/${good}/model/run.json`,
      `/api/runs/${good}/model/..%2Frun.json`,
      `/api/runs/${good}/model/..%2F..%2F..%2Foutside%2Frun.json`,
      `/api/runs/${good}/model/evaluation.json`,
      '/api/runs/escape/metrics',
      '/api/runs/..%2F..%2Fetc/metrics',
    ];
    const statuses = await Promise.all(attempts.map((path) => rawStatus(server.url, path)));
    expect(Object.fromEntries(attempts.map((path, i) => [path, statuses[i]]))).toEqual(
      Object.fromEntries(attempts.map((path) => [path, 404])),
    );
  });

  it('pages a long list, and sorts and filters all of its runs, not only the page shown', async () => {
    const count = 2 * RUNS_PER_PAGE + 20;
    const ids = await writeDefaultRunCopies(join(root, 'many-runs'), count);
    const testAcc = new Map(
      ids.map((id, i) => [id, defaultRunJson(id, count - 1 - i).summary!.testAcc]),
    );
    const byTestAcc = [...ids].sort((a, b) => testAcc.get(b)! - testAcc.get(a)!);
    const many = await startNext({ RUNS_DIR: join(root, 'many-runs') });
    try {
      const page = await openPage();
      await page.goto(`${many.url}/`);
      const shownIds = () =>
        page
          .locator('table.runs tbody tr')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run-id')));
      expect(await shownIds()).toEqual(ids.slice(0, RUNS_PER_PAGE));
      expect(await page.getByTestId('run-page').textContent()).toBe(
        `1–${RUNS_PER_PAGE} of ${count}, page 1 of 3`,
      );

      // Once hydrated, the page fetches every run's row; a click sorts them all, best first.
      await expect
        .poll(() => page.getByTestId('run-count').textContent(), { timeout: 20_000 })
        .toBe(`${count} of ${count} runs`);
      const button = page.getByRole('button', { name: /Test acc/ });
      await button.click();
      expect(await page.locator('th', { has: button }).getAttribute('aria-sort')).toBe(
        'descending',
      );
      await expect.poll(shownIds).toEqual(byTestAcc.slice(0, RUNS_PER_PAGE));
      await page.getByRole('button', { name: 'Next →' }).click();
      await expect.poll(shownIds).toEqual(byTestAcc.slice(RUNS_PER_PAGE, 2 * RUNS_PER_PAGE));
      // Sorting again starts from the first page.
      await button.click();
      await expect.poll(shownIds).toEqual([...byTestAcc].reverse().slice(0, RUNS_PER_PAGE));

      // The oldest run, last by date, is found by its name.
      await page.getByLabel('Filter runs').fill('c0');
      await expect.poll(shownIds).toEqual([ids.at(-1)]);
      expect(await page.getByTestId('run-count').textContent()).toBe(`1 of ${count} runs`);
      expect(await page.getByTestId('run-page').count()).toBe(0);
      expect(many.output()).not.toMatch(/⨯|Error/);
    } finally {
      await closePages();
      await many.stop();
    }
  });

  it('a sweep page: parallel coordinates, brushing filters the table, trials link to their runs; the runs list groups by sweep', async () => {
    const runsDir = join(root, 'sweep-runs');
    const { sweep, testAcc } = await writeFixtureSweep(runsDir);
    // A run outside the sweep whose id sorts among the trials' (same time, between the optimizers).
    const plain = '20261125-210412-dense-adam-zzz';
    await writeFixtureRun(runsDir, { run: testRunJson({ runId: plain }) });
    const sweepServer = await startNext({ RUNS_DIR: runsDir });
    try {
      const page = await openPage();
      await page.goto(`${sweepServer.url}/sweeps`);
      await page.getByRole('link', { name: 'lr-opt' }).click();
      await page.waitForURL(`**/sweeps/${sweep.sweepId}`);
      expect(await page.getByTestId('sweep-sentence').textContent()).toMatch(
        /^Best: learningRate=0\.003 optimizer=nadam at 83\.05% ± 0\.07 \(n = 2\); .* is larger than the noise/,
      );
      const plot = page.getByTestId('parallel-coordinates');
      const axes = await plot
        .locator('[data-axis]')
        .evaluateAll((gs) =>
          gs.map((g) => `${g.getAttribute('data-axis')}:${g.getAttribute('data-kind')}`),
        );
      expect(axes).toEqual([
        'learningRate:linear',
        'optimizer:point',
        'seed:point',
        'testAcc:linear',
        'bestValAcc:linear',
      ]);
      expect(await plot.locator('path[data-trial]').count()).toBe(sweep.trials.length);
      const tableRuns = () =>
        page
          .locator('tr[data-trial-run]')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-trial-run')).sort());
      expect(await tableRuns()).toEqual(sweep.trials.map((trial) => trial.runId).sort());
      expect(await page.locator('tbody[data-config]').count()).toBe(4);

      /** Drags along an axis between two heights, as fractions of the axis from its bottom. */
      const brush = async (axis: string, from: number, to: number) => {
        const box = (await page.locator(`[data-axis="${axis}"] line.axis-line`).boundingBox())!;
        const x = box.x + box.width / 2;
        await page.mouse.move(x, box.y + box.height * (1 - from));
        await page.mouse.down();
        await page.mouse.move(x, box.y + box.height * (1 - to), { steps: 6 });
        await page.mouse.up();
      };
      const runsWhere = (keep: (trial: (typeof sweep.trials)[number], i: number) => boolean) =>
        sweep.trials
          .filter((trial, i) => keep(trial, i))
          .map((trial) => trial.runId)
          .sort();

      // Test accuracy spans 0.800 to 0.831: the top fifth holds the best config's two trials
      // (the drag starts a little past the axis's top end).
      await brush('testAcc', 1.02, 0.8);
      await expect.poll(tableRuns).toEqual(runsWhere((_, i) => testAcc[i]! > 0.825));
      expect(await page.locator('tbody[data-config]').count()).toBe(1);
      expect(await plot.locator('path[data-selected="true"]').count()).toBe(2);
      // A second brush, on the seed axis around seed 2 (the upper of its two points), combines.
      await brush('seed', 0.85, 0.6);
      await expect
        .poll(tableRuns)
        .toEqual(runsWhere((trial, i) => testAcc[i]! > 0.825 && trial.seed === 2));
      expect(await page.getByTestId('brushed-count').textContent()).toContain('1 of 8 trials');
      // A click on the test accuracy axis clears its brush: every seed-2 trial is back.
      const box = (await page.locator('[data-brush-area="testAcc"]').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await expect.poll(tableRuns).toEqual(runsWhere((trial) => trial.seed === 2));

      const target = runsWhere((trial) => trial.seed === 2)[0]!;
      await page.locator(`tr[data-trial-run="${target}"] a`).click();
      await page.waitForURL(`**/runs/${target}`);
      expect(await page.locator('h1').textContent()).toContain(target);

      // The runs list: grouped, the sweep's runs follow one heading; the other run stays apart.
      await page.goto(`${sweepServer.url}/`);
      const order = () =>
        page
          .locator('table.runs tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => tr.getAttribute('data-sweep-group') ?? tr.getAttribute('data-run-id')),
          );
      await expect
        .poll(() => page.getByTestId('run-count').textContent())
        .toBe(`${sweep.trials.length + 1} of ${sweep.trials.length + 1} runs`);
      const ungrouped = await order();
      expect(ungrouped).not.toContain(sweep.sweepId);
      expect(ungrouped.indexOf(plain)).toBeGreaterThan(0);
      expect(ungrouped.indexOf(plain)).toBeLessThan(sweep.trials.length);
      await page.getByLabel('Group by sweep').check();
      const grouped = await order();
      expect(grouped[0]).toBe(sweep.sweepId);
      expect(grouped.slice(1, -1).sort()).toEqual(sweep.trials.map((trial) => trial.runId).sort());
      expect(grouped.at(-1)).toBe(plain);
      const heading = page.locator(`tr[data-sweep-group="${sweep.sweepId}"] a`);
      expect(await heading.textContent()).toBe('lr-opt');
      await heading.click();
      await page.waitForURL(`**/sweeps/${sweep.sweepId}`);

      // A sweep without a sweep.json: one sentence, not a crash.
      await page.goto(`${sweepServer.url}/sweeps/nothing-20261125-210412`);
      expect(await page.locator('.error-card').textContent()).toContain(
        'There is no sweep nothing-20261125-210412: its sweep.json does not exist in the runs directory.',
      );
      expect(sweepServer.output()).not.toMatch(/⨯|Error/);
    } finally {
      await closePages();
      await sweepServer.stop();
    }
  });

  it('a running sweep`s page follows its trial counts and running epochs, and stops when every trial has ended', async () => {
    const runsDir = join(root, 'live-sweep');
    const { sweep } = await writeFixtureSweep(runsDir, (i) =>
      i < 4 ? 'completed' : i === 4 ? 'running' : 'pending',
    );
    const running = sweep.trials[4]!.runId;
    const liveServer = await startNext({ RUNS_DIR: runsDir });
    try {
      const page = await openPage();
      await page.goto(`${liveServer.url}/sweeps/${sweep.sweepId}`);
      const count = (state: string) => page.locator(`[data-count="${state}"] .value`).textContent();
      expect([await count('pending'), await count('running'), await count('completed')]).toEqual([
        '3',
        '1',
        '4',
      ]);
      const epoch = page.locator(`[data-running-trial="${running}"]`);
      expect(await epoch.textContent()).toContain('epoch 2/3');
      expect(await page.getByTestId('sweep-progress').getAttribute('data-live')).toBe('true');

      // The running trial goes on into its third epoch (its run alive: this process, fresh heartbeat).
      const runDir = join(runsDir, running);
      await appendFixtureMetrics(runDir, [testBatchLine(3, 2)]);
      await expect.poll(() => epoch.textContent(), { timeout: 10_000 }).toContain('epoch 3/3');

      // The sweep ends: that trial fails, the pending ones are pruned.
      await updateSweep(fixtureSweepDir(runsDir, sweep), (current) => ({
        ...current,
        trials: current.trials.map((trial) =>
          trial.trial === 4
            ? { ...trial, state: 'failed' as const, error: 'the loss diverged' }
            : trial.trial > 4
              ? { ...trial, state: 'pruned' as const }
              : trial,
        ),
      }));
      const progress = page.getByTestId('sweep-progress');
      await expect
        .poll(() => progress.getAttribute('data-live'), { timeout: 10_000 })
        .toBe('false');
      expect(await progress.textContent()).toContain('Every trial has ended.');
      expect([await count('running'), await count('failed'), await count('pruned')]).toEqual([
        '0',
        '1',
        '3',
      ]);
      expect(await page.locator(`tr[data-trial-run="${running}"]`).textContent()).toContain(
        'the loss diverged',
      );
      expect(liveServer.output()).not.toMatch(/⨯|Error/);
    } finally {
      await closePages();
      await liveServer.stop();
    }
  });

  it('the server logged no errors while serving all of the above', () => {
    expect(server.output()).not.toMatch(/⨯|Error/);
  });
});
