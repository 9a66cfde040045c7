import { describe, expect, it } from 'vitest';
import type { BatchEvent, EpochEvent, MetricsLine } from './events.js';
import { withoutReplayedLines } from './replayed-metrics.js';

/** Lines told apart by their loss: `b(2, 5, 0.9)` is batch 5 of epoch 2. */
const b = (epoch: number, batch: number, loss = 1): BatchEvent => ({
  type: 'batch',
  epoch,
  batch,
  batches: 10,
  loss,
  acc: 0.5,
  samplesPerSec: 100,
});
const e = (epoch: number, loss = 1): EpochEvent => ({
  type: 'epoch',
  epoch,
  loss,
  acc: 0.5,
  valLoss: loss,
  valAcc: 0.5,
  lr: 0.001,
  seconds: 2,
});

describe('withoutReplayedLines', () => {
  it.each<[string, MetricsLine[], MetricsLine[]]>([
    [
      'one process writing leaves every line',
      [b(1, 1), b(1, 3), e(1), b(2, 1), e(2)],
      [b(1, 1), b(1, 3), e(1), b(2, 1), e(2)],
    ],
    [
      'an epoch trained again after a kill between its line and its checkpoint reads the last time',
      [b(1, 1, 0.9), e(1, 0.9), b(1, 1, 0.8), b(1, 6, 0.8), e(1, 0.8), b(2, 1), e(2)],
      [b(1, 1, 0.8), b(1, 6, 0.8), e(1, 0.8), b(2, 1), e(2)],
    ],
    [
      'an epoch line written twice reads the last one',
      [e(1, 0.9), e(1, 0.8), e(2)],
      [e(1, 0.8), e(2)],
    ],
    [
      'the batches of an unfinished epoch trained again read the last time',
      [e(1), b(2, 1, 0.9), b(2, 5, 0.9), b(2, 1, 0.8), b(2, 5, 0.8), e(2)],
      [e(1), b(2, 1, 0.8), b(2, 5, 0.8), e(2)],
    ],
    [
      'a replay from an older checkpoint drops every epoch it trains again',
      [e(1), e(2, 0.9), e(3, 0.9), b(2, 1), e(2, 0.8), e(3, 0.8)],
      [e(1), b(2, 1), e(2, 0.8), e(3, 0.8)],
    ],
  ])('%s', (_, lines, expected) => {
    expect(withoutReplayedLines(lines)).toEqual(expected);
  });
});
