import type { RunJson } from '@fashion-lab/run';
import { isProcessAlive } from '@fashion-lab/run/node';
import { describe, expect, it } from 'vitest';
import type { MetricsLine } from './run-types';
import { rowAt, SPARKLINE_POINTS, summarizeRun } from './run-summary';

const heartbeatAt = '2026-11-25T10:05:00.000Z';
/** Ten seconds after the heartbeat: a running run is still alive if its process is. */
const soon = new Date(Date.parse(heartbeatAt) + 10_000);
/** Above Linux's default pid_max: no such process. */
const deadPid = 2 ** 22 + 17;

const run = {
  schemaVersion: 1,
  runId: '20261125-100000-dense-adam',
  status: 'running',
  pid: process.pid,
  heartbeatAt,
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:05:00.000Z',
  config: {
    model: 'dense',
    optimizer: 'adam',
    learningRate: 0.001,
    epochs: 4,
    batchSize: 64,
    validationSplit: 0.1,
    seed: 1,
    augment: 'off',
    workers: 1,
    backend: 'auto',
    dataset: 'fashion-mnist',
  },
  backend: 'wasm',
  params: 10,
  layers: [],
  versions: {},
  command: 'npx nx run cli:train --',
} satisfies RunJson;

const epoch = { type: 'epoch', loss: 1, acc: 0.7, valLoss: 1, lr: 0.001, seconds: 10 } as const;
const lines: MetricsLine[] = [
  { ...epoch, epoch: 1, valAcc: 0.7, seconds: 10 },
  { ...epoch, epoch: 2, valAcc: 0.65, seconds: 12 },
  { type: 'batch', epoch: 3, batch: 5, batches: 10, loss: 1, acc: 0.8, samplesPerSec: 500 },
];

const rowOf = (r: RunJson, l: readonly MetricsLine[], now = soon) =>
  rowAt(summarizeRun(r, l), now, isProcessAlive);

describe('summarizeRun and rowAt: a runs-list row from a summary made once', () => {
  it('derives best val acc, duration, history and progress from the metrics of a running run', () => {
    expect(rowOf(run, lines)).toMatchObject({
      id: run.runId,
      status: 'running',
      experiment: null,
      bestValAcc: 0.7,
      testAcc: null,
      seconds: 22,
      valAccHistory: [0.7, 0.65],
      progress: { epoch: 3, epochs: 4, batch: 5, batches: 10, fraction: 2.5 / 4 },
    });
  });

  it('judges a running run at the time of the request: stale once silent or its process gone', () => {
    const summary = summarizeRun(run, lines);
    const later = new Date(Date.parse(heartbeatAt) + 61_000);
    expect(rowAt(summary, later, isProcessAlive)).toMatchObject({
      status: 'stale',
      progress: { epoch: 3 },
    });
    expect(rowOf({ ...run, pid: deadPid }, lines)).toMatchObject({
      status: 'stale',
      progress: { epoch: 3 },
    });
    expect(rowAt(summary, soon, isProcessAlive)).toMatchObject({ status: 'running' });
  });

  it('judges a run another machine writes by its heartbeat alone (its pid means nothing here)', () => {
    const remote = summarizeRun({ ...run, pid: deadPid, hostname: 'trainer-2' }, lines);
    expect(rowAt(remote, soon, isProcessAlive, 'dashboard-1')).toMatchObject({ status: 'running' });
    expect(rowAt(remote, soon, isProcessAlive, 'trainer-2')).toMatchObject({ status: 'stale' });
  });

  it('prefers the summary of a completed run and shows no progress', () => {
    const completed: RunJson = {
      ...run,
      status: 'completed',
      experiment: 'seed-study-20261125-1000',
      summary: { testLoss: 0.3, testAcc: 0.88, bestValAcc: 0.9, bestEpoch: 2, seconds: 30 },
    };
    expect(rowOf(completed, lines)).toMatchObject({
      status: 'completed',
      experiment: 'seed-study-20261125-1000',
      bestValAcc: 0.9,
      testAcc: 0.88,
      seconds: 30,
      progress: null,
    });
  });

  it('carries how the run predicts, plainly for run files from before test-time flips', () => {
    expect(rowOf(run, lines)).toMatchObject({ tta: 'off' });
    const mirrored: RunJson = { ...run, config: { ...run.config, augment: 'flip', tta: 'flip' } };
    expect(rowOf(mirrored, lines)).toMatchObject({ tta: 'flip' });
  });

  it('finds the best val acc around a diverged (NaN) epoch, a gap (null) in the sparkline', () => {
    const diverged: MetricsLine[] = [
      { ...epoch, epoch: 1, valAcc: Number.NaN },
      { ...epoch, epoch: 2, valAcc: 0.65 },
    ];
    expect(rowOf(run, diverged)).toMatchObject({
      bestValAcc: 0.65,
      valAccHistory: [null, 0.65],
    });
  });

  it('has no numbers for a run without metrics yet', () => {
    expect(rowOf({ ...run, pid: deadPid }, [])).toMatchObject({
      status: 'stale',
      bestValAcc: null,
      seconds: null,
      valAccHistory: [],
      progress: null,
    });
  });

  it('gives a long run a sparkline of evenly spaced epochs, first and last kept, to 4 decimals', () => {
    const long: MetricsLine[] = Array.from({ length: 400 }, (_, i) => ({
      ...epoch,
      epoch: i + 1,
      valAcc: 0.5 + i / 1000 + 0.0000123,
    }));
    const row = rowOf({ ...run, config: { ...run.config, epochs: 400 } }, long);
    const history = row.ok ? row.valAccHistory : [];
    expect(history).toHaveLength(SPARKLINE_POINTS);
    expect(history[0]).toBe(0.5);
    expect(history.at(-1)).toBe(0.899);
    // 399 epochs apart over 79 gaps: epochs 1, 6, 11, 16 (indexes 5.05, 10.1, 15.15 rounded).
    expect(history.slice(0, 4)).toEqual([0.5, 0.505, 0.51, 0.515]);
  });
});
