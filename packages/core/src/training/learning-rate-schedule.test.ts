import { describe, expect, it } from 'vitest';
import { scheduledLearningRate } from './learning-rate-schedule.js';

describe('scheduledLearningRate', () => {
  it('keeps the base rate without a schedule or with constant', () => {
    expect(scheduledLearningRate({ epochs: 5 }, 0.01, 4)).toBe(0.01);
    expect(scheduledLearningRate({ epochs: 5, lrSchedule: 'constant' }, 0.01, 5)).toBe(0.01);
  });

  it('follows half a cosine from the base rate in epoch 1 down towards 0', () => {
    const rates = [1, 2, 3, 4].map((epoch) =>
      scheduledLearningRate({ epochs: 4, lrSchedule: 'cosine' }, 0.002, epoch),
    );
    // (1 + cos(pi * k / 4)) / 2 for k = 0..3
    const expected = [1, 0.853553, 0.5, 0.146447].map((factor) => 0.002 * factor);
    rates.forEach((rate, index) => expect(rate).toBeCloseTo(expected[index]!, 8));
  });

  it('stretches over the new epoch count when a finished run is extended', () => {
    const config = { epochs: 10, lrSchedule: 'cosine' as const };
    expect(scheduledLearningRate(config, 1, 6)).toBeCloseTo(0.5, 10);
    expect(scheduledLearningRate(config, 1, 10)).toBeCloseTo((1 + Math.cos(0.9 * Math.PI)) / 2, 10);
  });
});
