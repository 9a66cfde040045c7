import { describe, expect, it } from 'vitest';
import { sampleStatistics } from './sample-statistics.js';

describe('sampleStatistics', () => {
  it('computes mean, sd (n - 1) and the Student-t 95% interval of a hand-checked sample', () => {
    // Mean 5; squared deviations sum to 32, so sd = sqrt(32 / 7); t(0.975, 7) = 2.3646 (tables).
    const stats = sampleStatistics([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(stats.n).toBe(8);
    expect(stats.mean).toBe(5);
    expect(stats.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const halfWidth = 2.364624251592784 * (Math.sqrt(32 / 7) / Math.sqrt(8));
    expect(stats.ci95?.[0]).toBeCloseTo(5 - halfWidth, 10);
    expect(stats.ci95?.[1]).toBeCloseTo(5 + halfWidth, 10);
  });

  it('matches scipy on three seeds of test accuracy', () => {
    // scipy.stats.t.interval(0.95, 2, loc=mean, scale=sem): (0.8973674485170747, 0.9028325514829253)
    const stats = sampleStatistics([0.9012, 0.899, 0.9001]);
    expect(stats.mean).toBeCloseTo(0.9001, 12);
    expect(stats.std).toBeCloseTo(0.0011, 12);
    expect(stats.ci95?.[0]).toBeCloseTo(0.8973674485170747, 10);
    expect(stats.ci95?.[1]).toBeCloseTo(0.9028325514829253, 10);
  });

  it('uses t(0.975, 1) = 12.706 for two seeds: two seeds say little', () => {
    const stats = sampleStatistics([0.9, 0.91]);
    const halfWidth = 12.706204736174694 * (Math.sqrt(0.00005) / Math.sqrt(2));
    expect((stats.ci95?.[1] ?? 0) - (stats.mean ?? 0)).toBeCloseTo(halfWidth, 10);
  });

  it.each([
    [[], { n: 0 }],
    [[0.9], { n: 1, mean: 0.9 }],
    [[0.9, Number.NaN], { n: 1, mean: 0.9 }],
  ])('has no spread below two values, and skips NaN: %j', (values, expected) => {
    expect(sampleStatistics(values)).toEqual(expected);
  });
});
