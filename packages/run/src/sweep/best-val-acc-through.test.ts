import { describe, expect, it } from 'vitest';
import type { MetricsLine } from '../metrics-lines.js';
import { bestValAccThrough } from './best-val-acc-through.js';

const epoch = (n: number, valAcc: number): MetricsLine => ({
  type: 'epoch',
  epoch: n,
  loss: 0.5,
  acc: 0.8,
  valLoss: 0.4,
  valAcc,
  lr: 0.001,
  seconds: 1,
});
const batch: MetricsLine = {
  type: 'batch',
  epoch: 1,
  batch: 3,
  batches: 9,
  loss: 1,
  acc: 0.5,
  samplesPerSec: 9,
};

describe('bestValAccThrough', () => {
  const lines = [batch, epoch(1, 0.8), epoch(2, 0.86), epoch(3, 0.84), epoch(4, 0.9)];

  it.each([
    [1, 0.8],
    [2, 0.86],
    [3, 0.86],
    [4, 0.9],
  ])('through epoch %i is %d', (through, best) => {
    expect(bestValAccThrough(lines, through)).toBe(best);
  });

  it('is NaN before any epoch, or when every validation accuracy is NaN', () => {
    expect(bestValAccThrough([batch], 3)).toBeNaN();
    expect(bestValAccThrough([epoch(1, Number.NaN)], 1)).toBeNaN();
  });
});
