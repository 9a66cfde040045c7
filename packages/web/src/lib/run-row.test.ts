import type { RunJson } from '@fashion-lab/run';
import type { MetricsLine } from './run-types';
import { describe, expect, it } from 'vitest';
import { toRunRow } from './run-row';

const run = {
  schemaVersion: 1,
  runId: '20261125-100000-dense-adam',
  status: 'running',
  pid: 1,
  heartbeatAt: '2026-11-25T10:05:00.000Z',
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

const lines: MetricsLine[] = [
  { type: 'epoch', epoch: 1, loss: 1, acc: 0.6, valLoss: 1, valAcc: 0.7, lr: 0.001, seconds: 10 },
  { type: 'epoch', epoch: 2, loss: 1, acc: 0.7, valLoss: 1, valAcc: 0.65, lr: 0.001, seconds: 12 },
  { type: 'batch', epoch: 3, batch: 5, batches: 10, loss: 1, acc: 0.8, samplesPerSec: 500 },
];

describe('toRunRow', () => {
  it('derives best val acc, duration, history and progress from the metrics of a running run', () => {
    expect(toRunRow(run, 'running', lines)).toMatchObject({
      id: run.runId,
      experiment: null,
      bestValAcc: 0.7,
      testAcc: null,
      seconds: 22,
      valAccHistory: [0.7, 0.65],
      progress: { epoch: 3, epochs: 4, batch: 5, batches: 10, fraction: 2.5 / 4 },
    });
  });

  it('prefers the summary of a completed run and shows no progress', () => {
    const completed: RunJson = {
      ...run,
      status: 'completed',
      experiment: 'seed-study-20261125-1000',
      summary: { testLoss: 0.3, testAcc: 0.88, bestValAcc: 0.9, bestEpoch: 2, seconds: 30 },
    };
    expect(toRunRow(completed, 'completed', lines)).toMatchObject({
      experiment: 'seed-study-20261125-1000',
      bestValAcc: 0.9,
      testAcc: 0.88,
      seconds: 30,
      progress: null,
    });
  });

  it('carries how the run predicts, plainly for run files from before test-time flips', () => {
    expect(toRunRow(run, 'running', lines).tta).toBe('off');
    const mirrored: RunJson = { ...run, config: { ...run.config, augment: 'flip', tta: 'flip' } };
    expect(toRunRow(mirrored, 'running', lines).tta).toBe('flip');
  });

  it('finds the best val acc around a diverged (NaN) epoch', () => {
    const epoch = { type: 'epoch', loss: 1, acc: 0.7, valLoss: 1, lr: 0.001, seconds: 10 } as const;
    const diverged: MetricsLine[] = [
      { ...epoch, epoch: 1, valAcc: Number.NaN },
      { ...epoch, epoch: 2, valAcc: 0.65 },
    ];
    expect(toRunRow(run, 'running', diverged).bestValAcc).toBe(0.65);
  });

  it('has no numbers for a run without metrics yet', () => {
    expect(toRunRow(run, 'stale', [])).toMatchObject({
      bestValAcc: null,
      seconds: null,
      valAccHistory: [],
      progress: null,
    });
  });
});
