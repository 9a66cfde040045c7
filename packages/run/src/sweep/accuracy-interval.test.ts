import { describe, expect, it } from 'vitest';
import { accuracyInterval } from './accuracy-interval.js';
import { sampleStatistics } from './sample-statistics.js';

describe('accuracyInterval: a mean accuracy`s 95% interval as every front end shows it', () => {
  it('is the Student-t interval where it lies inside 0..1', () => {
    const stats = sampleStatistics([0.9, 0.902, 0.898]);
    expect(accuracyInterval(stats)).toEqual({
      low: stats.ci95?.[0],
      high: stats.ci95?.[1],
      cut: { low: false, high: false },
    });
  });

  it('is cut at 100% where two seeds (t = 12.7) reach past it, and says which end was cut', () => {
    // mean 0.95, sd 0.0707..., half-width 12.706 * 0.05 = 0.635
    const interval = accuracyInterval(sampleStatistics([0.9, 1.0]));
    expect(interval?.high).toBe(1);
    expect(interval?.low).toBeCloseTo(0.95 - 12.706204736 * 0.05, 6);
    expect(interval?.cut).toEqual({ low: false, high: true });
  });

  it('does not exist with one seed', () => {
    expect(accuracyInterval(sampleStatistics([0.9]))).toBeUndefined();
  });
});
