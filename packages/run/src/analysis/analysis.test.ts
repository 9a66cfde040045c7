import { describe, expect, it } from 'vitest';
import type { BatchEvent, EpochEvent } from '../events.js';
import { testRunJson } from '../testing/run-fixtures.js';
import { bestEpoch } from './best-epoch.js';
import { comparisonRows } from './comparison.js';
import { curves } from './curves.js';
import { normalizedConfusion } from './normalized-confusion.js';
import { emaSmooth } from './smoothing.js';

const epoch = (n: number, valAcc = 0.5 + n / 100, seconds = 10): EpochEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 1 / n,
  acc: 0.5,
  valLoss: 1 / n,
  valAcc,
  lr: 0.001,
  seconds,
});
const batch = (e: number, b: number, loss = 1): BatchEvent => ({
  type: 'batch',
  epoch: e,
  batch: b,
  batches: 10,
  loss,
  acc: 0.5,
  samplesPerSec: 100,
});

describe('curves', () => {
  it('places batches on a continuous epoch axis', () => {
    const { epochs, batches } = curves([
      batch(1, 5),
      batch(1, 10),
      epoch(1),
      batch(2, 5),
      epoch(2),
    ]);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(batches.map((b) => b.progress)).toEqual([0.5, 1, 1.5]);
  });

  it('lets the last attempt at an epoch win when a resumed run repeats it', () => {
    // Killed in epoch 3 after its end line was written but before the checkpoint: epoch 3 is trained again.
    const lines = [
      epoch(1),
      epoch(2),
      batch(3, 4, 9),
      batch(3, 8, 9),
      epoch(3, 0.1),
      batch(3, 2, 1),
      batch(3, 9, 1),
      epoch(3, 0.9),
      epoch(4),
    ];
    const { epochs, batches } = curves(lines);
    expect(epochs.map((e) => [e.epoch, e.valAcc])).toEqual([
      [1, 0.51],
      [2, 0.52],
      [3, 0.9],
      [4, 0.54],
    ]);
    expect(batches.map((b) => [b.progress, b.loss])).toEqual([
      [2.2, 1],
      [2.9, 1],
    ]);
  });

  it('is empty for no lines', () => {
    expect(curves([])).toEqual({ epochs: [], batches: [] });
  });
});

describe('bestEpoch', () => {
  it('is the highest validation accuracy, the earliest on a tie, skipping NaN', () => {
    expect(
      bestEpoch([epoch(1, 0.8), epoch(2, Number.NaN), epoch(3, 0.9), epoch(4, 0.9)])?.epoch,
    ).toBe(3);
    expect(bestEpoch([])).toBeUndefined();
  });
});

describe('normalizedConfusion', () => {
  it('divides each row by its total, leaving empty rows at 0', () => {
    expect(
      normalizedConfusion([
        [3, 1],
        [0, 0],
      ]),
    ).toEqual([
      [0.75, 0.25],
      [0, 0],
    ]);
  });
});

describe('emaSmooth', () => {
  it('returns the values at weight 0 and a debiased average otherwise', () => {
    expect(emaSmooth([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const smoothed = emaSmooth([2, 2, 2, 4], 0.5);
    expect(smoothed.slice(0, 3)).toEqual([2, 2, 2]); // debiasing: a constant stays constant
    expect(smoothed[3]).toBeCloseTo((0.5 * (1 - 0.5 ** 3) * 2 + 0.5 * 4) / (1 - 0.5 ** 4));
  });

  it('carries NaN through without poisoning later points', () => {
    const smoothed = emaSmooth([1, Number.NaN, 1], 0.9);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBeCloseTo(1);
  });

  it('rejects a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow(RangeError);
  });
});

describe('comparisonRows', () => {
  it('takes finished runs from their summary', () => {
    const [row] = comparisonRows([
      { run: testRunJson({ experiment: 'seed-study-20261125-2104' }) },
    ]);
    expect(row).toEqual({
      runId: '20261125-210412-cnn-adam',
      experiment: 'seed-study-20261125-2104',
      model: 'cnn',
      optimizer: 'adam',
      learningRate: 0.001,
      params: 93322,
      epochs: 5,
      seconds: 600,
      backend: 'wasm',
      bestValAcc: 0.91,
      testAcc: 0.9,
      testLoss: 0.3,
      status: 'completed',
    });
  });

  it('fills a run without summary from its epoch curve', () => {
    const { summary: _, ...running } = testRunJson({ status: 'running' });
    const [row] = comparisonRows([{ run: running, epochs: [epoch(1, 0.7, 5), epoch(2, 0.75, 6)] }]);
    expect(row).toMatchObject({
      epochs: 2,
      seconds: 11,
      bestValAcc: 0.75,
      testAcc: undefined,
      status: 'running',
    });
  });
});
