import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEpochLine } from '../testing/metrics-fixtures.js';
import { testEvaluation, testRunJson } from '../testing/run-fixtures.js';
import { writeFixtureRun } from '../testing/write-fixture-run.js';
import type { RunJson } from '../run-json.js';
import { RunFileError } from '../run-file-error.js';
import {
  RunReadError,
  listRuns,
  readEvaluation,
  readMetrics,
  readRun,
  runExists,
} from './run-readers.js';

let runsDir: string;
beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'fashion-lab-readers-'));
});
afterEach(async () => {
  await rm(runsDir, { recursive: true, force: true });
});

function writeRun(run: RunJson | string, runId = 'broken'): Promise<string> {
  return writeFixtureRun(runsDir, typeof run === 'string' ? { run, runId } : { run });
}

describe('readRun', () => {
  it('reads and validates run.json', async () => {
    const run = testRunJson();
    expect(await readRun(await writeRun(run))).toEqual(run);
  });

  it.each([
    ['a missing file', undefined, RunReadError, 'run.json does not exist'],
    [
      'broken JSON',
      '{"schemaVersion":',
      RunReadError,
      'run.json is not valid JSON at line 1, column 18',
    ],
    ['an empty file', '', RunReadError, 'run.json is empty'],
    [
      'a schema defect',
      JSON.stringify({ ...testRunJson(), params: -1 }),
      RunFileError,
      'run.json: params must be a non-negative integer, got -1',
    ],
  ])('reports %s naming the file', async (_, text, type, message) => {
    const dir = join(runsDir, 'x');
    if (text === undefined) await mkdir(dir);
    else await writeRun(text, 'x');
    await expect(readRun(dir)).rejects.toThrow(type);
    await expect(readRun(dir)).rejects.toThrow(`${join(dir, 'run.json')}`);
    await expect(readRun(dir)).rejects.toThrow(message);
  });
});

describe('listRuns', () => {
  it('lists runs newest first with their shown status and per-run errors', async () => {
    await writeRun(testRunJson({ runId: '20261125-100000-dense-sgd' }));
    await writeRun(
      testRunJson({
        runId: '20261125-120000-dense-adam',
        status: 'running',
        heartbeatAt: '2026-11-25T12:00:00.000Z',
      }),
    );
    await writeRun('{', '20261125-110000-cnn-adam');
    await writeFile(join(runsDir, 'notes.txt'), 'not a run');
    const runs = await listRuns(runsDir, {
      now: new Date('2026-11-25T12:00:30.000Z'),
      isAlive: () => false,
    });
    expect(runs.map((r) => [r.runId, r.ok ? r.status : 'error'])).toEqual([
      ['20261125-120000-dense-adam', 'stale'],
      ['20261125-110000-cnn-adam', 'error'],
      ['20261125-100000-dense-sgd', 'completed'],
    ]);
    const broken = runs[1]!;
    expect(broken.ok === false && broken.error).toMatch(/run\.json is not valid JSON/);
  });

  it('skips runs/sweeps, which holds sweeps, not a run', async () => {
    await writeRun(testRunJson({ runId: '20261125-100000-dense-sgd' }));
    await mkdir(join(runsDir, 'sweeps', 'lr-check-20261125-100000'), { recursive: true });
    expect((await listRuns(runsDir)).map((r) => r.runId)).toEqual(['20261125-100000-dense-sgd']);
  });

  it('shows a live running run as running', async () => {
    await writeRun(
      testRunJson({ status: 'running', pid: process.pid, heartbeatAt: new Date().toISOString() }),
    );
    const [entry] = await listRuns(runsDir);
    expect(entry?.ok && entry.status).toBe('running');
  });

  it('has no runs when the runs directory does not exist', async () => {
    expect(await listRuns(join(runsDir, 'missing'))).toEqual([]);
  });
});

describe('readMetrics', () => {
  it('reads lines, reports a torn last one, and treats a missing file as empty', async () => {
    const dir = await writeFixtureRun(runsDir);
    expect(await readMetrics(dir)).toEqual({ lines: [], skipped: [] });
    const epoch = testEpochLine(1);
    await writeFixtureRun(runsDir, { metrics: `${JSON.stringify(epoch)}\n{"type":"ba` });
    const metrics = await readMetrics(dir);
    expect(metrics.lines).toEqual([epoch]);
    expect(metrics.skipped).toEqual([
      { line: 2, reason: `${join(dir, 'metrics.jsonl')}:2: torn last line (incomplete write)` },
    ]);
  });
});

describe('readEvaluation', () => {
  it('reads and validates evaluation.json', async () => {
    const dir = await writeFixtureRun(runsDir, { evaluation: testEvaluation(2) });
    expect(await readEvaluation(dir)).toEqual(testEvaluation(2));
    await writeFixtureRun(runsDir, {
      evaluation: JSON.stringify({ ...testEvaluation(2), testAcc: 'high' }),
    });
    await expect(readEvaluation(dir)).rejects.toThrow(
      'evaluation.json: testAcc must be a number in [0, 1], got "high"',
    );
  });
});

describe('runExists', () => {
  it('is true for a directory only', async () => {
    await writeFile(join(runsDir, 'file'), '');
    expect(await runExists(runsDir)).toBe(true);
    expect(await runExists(join(runsDir, 'file'))).toBe(false);
    expect(await runExists(join(runsDir, 'nope'))).toBe(false);
  });
});
