import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, bench, describe, vi } from 'vitest';
import { loadRunsTable } from '../lib/run-data';
import { writeFixtureRuns } from './fixture-runs';
import { startNext } from './next-server';

/**
 * How long the runs list takes to render server-side with 200 runs: the data read alone, and the
 * whole page from the production server (`web:bench` builds it first).
 */
const RUNS = 200;
const OPTIONS = { time: 3000, warmupTime: 1000 };
const root = await mkdtemp(join(tmpdir(), 'web-bench-'));
const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
const fixture = await writeFixtureRuns(root, { extraRuns: RUNS - 9, models: false });
warn.mockRestore();
process.env['RUNS_DIR'] = fixture.runsDir;
const server = await startNext({ RUNS_DIR: fixture.runsDir });

afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});

describe(`runs list with ${RUNS} runs`, () => {
  bench(
    'read and summarise all runs (loadRunsTable)',
    async () => {
      await loadRunsTable();
    },
    OPTIONS,
  );

  bench(
    'GET / from next start (full server render)',
    async () => {
      const response = await fetch(`${server.url}/`);
      const html = await response.text();
      if (!response.ok || !html.includes(fixture.completed[0]!)) {
        throw new Error(`GET / answered ${response.status}`);
      }
    },
    OPTIONS,
  );
});
