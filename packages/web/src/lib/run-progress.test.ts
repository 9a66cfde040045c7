import type { BatchEvent, EpochEvent, MetricsLine } from './run-types';
import { describe, expect, it } from 'vitest';
import { currentEpochBatches, epochLines, runProgress } from './run-progress';

const epoch = (n: number, valAcc = 0.8): EpochEvent => ({
  type: 'epoch',
  epoch: n,
  loss: 0.5,
  acc: 0.8,
  valLoss: 0.6,
  valAcc,
  lr: 0.001,
  seconds: 10,
});
const batch = (e: number, b: number, batches = 10): BatchEvent => ({
  type: 'batch',
  epoch: e,
  batch: b,
  batches,
  loss: 0.4,
  acc: 0.85,
  samplesPerSec: 1000,
});

describe('epochLines', () => {
  it('keeps one line per epoch, the last written, in epoch order', () => {
    const lines: MetricsLine[] = [epoch(1, 0.1), batch(2, 1), epoch(2), epoch(1, 0.7)];
    expect(epochLines(lines).map((l) => [l.epoch, l.valAcc])).toEqual([
      [1, 0.7],
      [2, 0.8],
    ]);
  });
});

describe('currentEpochBatches', () => {
  it('returns the batch lines after the last epoch line', () => {
    expect(currentEpochBatches([batch(1, 5), epoch(1), batch(2, 3), batch(2, 6)])).toEqual([
      batch(2, 3),
      batch(2, 6),
    ]);
    expect(currentEpochBatches([batch(1, 5), epoch(1)])).toEqual([]);
  });
});

describe('runProgress', () => {
  it('is null before the first line', () => {
    expect(runProgress([], 5)).toBeNull();
  });

  it('places a batch line inside its epoch', () => {
    expect(runProgress([epoch(1), batch(2, 5)], 4)).toMatchObject({
      epoch: 2,
      epochs: 4,
      batch: 5,
      batches: 10,
      fraction: 1.5 / 4,
      samplesPerSec: 1000,
    });
  });

  it('counts a finished epoch as whole, with the batch count of the last batch line', () => {
    expect(runProgress([batch(1, 10), epoch(1)], 2)).toMatchObject({
      epoch: 1,
      batch: 10,
      batches: 10,
      fraction: 0.5,
      samplesPerSec: null,
    });
  });

  it('never reports more epochs done than planned, even when a resume extended the run', () => {
    expect(runProgress([epoch(1), epoch(2), epoch(3)], 2)).toMatchObject({
      epochs: 3,
      fraction: 1,
    });
  });
});
