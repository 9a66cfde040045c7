import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, bench, describe } from 'vitest';
import { writeDefaultRunCopies } from './default-run-copies';
import { startNext, type NextServer } from './next-server';

/**
 * The runs list with 50 and 1,000 copies of a default run (791 metrics lines each) under
 * `next start` (`web:bench` builds it first): the first GET / of a fresh server, GET / again and
 * again, and GET /api/runs (the rows the page fetches to sort and filter); vitest prints the ratio
 * of the two sizes for each. Then, in Chromium with 1,000 runs: DOMContentLoaded, the time until
 * every run is listed, a sort click and a filter keystroke. `BENCH_HUGE_RUNS=10000` adds as many
 * runs: the first GET / and three more, and the Chromium benches three times each (writing the
 * runs takes a minute or two).
 */
const SIZES = [50, 1000];
const LARGE = SIZES.at(-1)!;
const HUGE = Number(process.env['BENCH_HUGE_RUNS'] ?? 0);
const OPTIONS = { time: 4000, warmupTime: 1000 };
const ONCE = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
/** Debian's chromium from PATH, or CHROMIUM_PATH (as the end-to-end tests find it). */
const CHROMIUM =
  process.env['CHROMIUM_PATH'] ||
  execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() ||
  'chromium';

interface ListServer {
  server: NextServer;
  /** The newest run's id: GET / must show it. */
  newest: string;
}

const root = await mkdtemp(join(tmpdir(), 'web-bench-'));
const started: ListServer[] = [];
let browser: Browser | undefined;
const htmlBytes = new Map<string, number>();

async function serveRuns(count: number): Promise<ListServer> {
  const runsDir = join(root, `runs-${count}`);
  const [newest] = await writeDefaultRunCopies(runsDir, count);
  const listServer = { server: await startNext({ RUNS_DIR: runsDir }), newest: newest! };
  started.push(listServer);
  return listServer;
}

const servers = new Map<number, ListServer>();
for (const size of SIZES) servers.set(size, await serveRuns(size));

afterAll(async () => {
  await browser?.close();
  await Promise.all(started.map(({ server }) => server.stop()));
  await rm(root, { recursive: true, force: true });
  const sizes = [...htmlBytes].map(
    ([label, bytes]) => `${label}: ${(bytes / 1024).toFixed(0)} KiB`,
  );
  process.stdout.write(`HTML of GET /: ${sizes.join(', ')}\n`);
});

/**
 * vitest's bench reports a failing iteration only as NaN: say what failed. An `async` function,
 * because tinybench calls any other kind once more to find out whether it returns a promise.
 */
function loud(run: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await run();
    } catch (error) {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
      throw error;
    }
  };
}

/** GET / from `server`; checks the newest run is on the page and remembers the HTML's size. */
async function getList({ server, newest }: ListServer, label: string): Promise<void> {
  const response = await fetch(`${server.url}/`);
  const html = await response.text();
  if (!response.ok || !html.includes(newest)) throw new Error(`GET / answered ${response.status}`);
  htmlBytes.set(label, Buffer.byteLength(html));
}

describe('first GET / after the server started', () => {
  for (const size of SIZES) {
    bench(
      `${size} runs`,
      loud(() => getList(servers.get(size)!, `${size} runs`)),
      ONCE,
    );
  }
});

describe('GET / again', () => {
  for (const size of SIZES) {
    bench(
      `${size} runs`,
      loud(() => getList(servers.get(size)!, `${size} runs`)),
      OPTIONS,
    );
  }
});

describe('GET /api/runs (every row, fetched by the page after it loads and while runs run)', () => {
  for (const size of SIZES) {
    bench(
      `${size} runs`,
      loud(async () => {
        const response = await fetch(`${servers.get(size)!.server.url}/api/runs`);
        const rows = (await response.json()) as unknown[];
        if (rows.length !== size) throw new Error(`GET /api/runs listed ${rows.length} runs`);
      }),
      OPTIONS,
    );
  }
});

/** Runs `act` in the page, then waits for the frame after it (React rendered, the browser painted). */
function inPage(page: Page, act: string): Promise<void> {
  return page.evaluate(async (script) => {
    new Function(script)();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }, act);
}

let launched: Promise<Browser> | undefined;
function launchBrowser(): Promise<Browser> {
  return (launched ??= chromium
    .launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    .then((started) => (browser = started)));
}

/**
 * The Chromium benches over the list of `count` runs `serve` starts: DOMContentLoaded, every run
 * listed, a sort click and a filter keystroke. Bench mode runs no beforeAll hooks, so each
 * bench's setup opens the server and the page, once.
 */
function benchInChromium(count: number, serve: () => Promise<ListServer>, options: object): void {
  let opened: Promise<{ url: string; page: Page }> | undefined;
  let url: string;
  let page: Page;
  let descending = true;
  let filtered = false;
  const listed = `${count} of ${count} runs`;
  const testAccHeader = () =>
    page.locator('th', { has: page.getByRole('button', { name: /Test acc/ }) });

  /** One page of the list, hydrated and every row fetched, sorted by test accuracy. */
  async function openSortedPage(): Promise<{ url: string; page: Page }> {
    const { server } = await serve();
    page = await (await launchBrowser()).newPage();
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.getByText(listed).waitFor({ timeout: 300_000 });
    for (let tries = 0; (await testAccHeader().getAttribute('aria-sort')) === 'none'; tries++) {
      if (tries > 100) throw new Error('the runs table never sorted by Test acc');
      await page.getByRole('button', { name: /Test acc/ }).click();
    }
    return { url: server.url, page };
  }
  const setup = async () => {
    ({ url, page } = await (opened ??= openSortedPage()));
  };

  bench(
    'load / until DOMContentLoaded',
    loud(async () => {
      const fresh = await browser!.newPage();
      await fresh.goto(`${url}/`, { waitUntil: 'domcontentloaded' });
      await fresh.close();
    }),
    { ...options, setup },
  );

  bench(
    'load / until every run is listed (rows fetched from /api/runs)',
    loud(async () => {
      const fresh = await browser!.newPage();
      await fresh.goto(`${url}/`, { waitUntil: 'domcontentloaded' });
      await fresh.getByText(listed).waitFor({ timeout: 120_000 });
      await fresh.close();
    }),
    { ...options, setup },
  );

  bench(
    'sort by Test acc (one click)',
    loud(async () => {
      descending = !descending;
      await inPage(
        page,
        `[...document.querySelectorAll('th button')].find((b) => b.textContent.startsWith('Test acc')).click()`,
      );
      const sort = await testAccHeader().getAttribute('aria-sort');
      if (sort !== (descending ? 'descending' : 'ascending')) throw new Error(`sorted ${sort}`);
    }),
    { ...options, setup },
  );

  bench(
    'filter (one keystroke)',
    loud(async () => {
      filtered = !filtered;
      // What typing does to a React input: set the value natively, then fire its input event.
      await inPage(
        page,
        `const input = document.querySelector('input[aria-label="Filter runs"]');
         Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${filtered ? "'c1'" : "''"});
         input.dispatchEvent(new Event('input', { bubbles: true }));`,
      );
      const shown = await page.getByTestId('run-count').textContent();
      if (filtered === shown?.startsWith(`${count} of`)) throw new Error(`shows ${shown}`);
    }),
    { ...options, setup },
  );
}

describe(`Chromium with ${LARGE} runs`, () => {
  benchInChromium(LARGE, async () => servers.get(LARGE)!, OPTIONS);
});

describe.skipIf(HUGE === 0)(`${HUGE} runs`, () => {
  let huge: Promise<ListServer> | undefined;
  let hugeServer: ListServer;
  const serve = () => (huge ??= serveRuns(HUGE));
  const setup = async () => {
    hugeServer = await serve();
  };
  const label = `${HUGE} runs`;
  bench(
    'first GET /',
    loud(() => getList(hugeServer, label)),
    { ...ONCE, setup },
  );
  bench(
    'GET / again',
    loud(() => getList(hugeServer, label)),
    { ...ONCE, iterations: 3, setup },
  );
  benchInChromium(HUGE, serve, { ...ONCE, iterations: 3 });
});
