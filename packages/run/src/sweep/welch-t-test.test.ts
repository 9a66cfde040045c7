import { describe, expect, it } from 'vitest';
import { sampleStatistics } from './sample-statistics.js';
import { welchTTest, type SampleSummary } from './welch-t-test.js';

const summary = (values: number[]): SampleSummary => {
  const { n, mean = Number.NaN, std = Number.NaN } = sampleStatistics(values);
  return { n, mean, std };
};

describe('welchTTest', () => {
  it("matches the textbook example (Welch's unequal variances, as scipy computes it)", () => {
    const a1 = [
      27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4,
    ];
    const a2 = [
      27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4,
    ];
    // scipy.stats.ttest_ind(a1, a2, equal_var=False)
    const test = welchTTest(summary(a1), summary(a2));
    expect(test?.t).toBeCloseTo(-2.455356398286006, 10);
    expect(test?.df).toBeCloseTo(24.988529290231416, 8);
    expect(test?.p).toBeCloseTo(0.021378001462866992, 8);
  });

  it('matches a hand computation on three seeds a side', () => {
    const a = { n: 3, mean: 0.8971, std: 0.001228820572744442 };
    const b = { n: 3, mean: 0.8943333333333333, std: 0.0009451631252505232 };
    const va = a.std ** 2 / 3;
    const vb = b.std ** 2 / 3;
    const test = welchTTest(a, b);
    expect(test?.t).toBeCloseTo((a.mean - b.mean) / Math.sqrt(va + vb), 12);
    expect(test?.df).toBeCloseTo((va + vb) ** 2 / (va ** 2 / 2 + vb ** 2 / 2), 10);
    // scipy: 0.03979646646729282
    expect(test?.p).toBeCloseTo(0.03979646646729282, 8);
  });

  it('is symmetric: swapping the samples flips t and keeps p', () => {
    const a = summary([0.9, 0.91, 0.905]);
    const b = summary([0.89, 0.9, 0.893]);
    expect(welchTTest(b, a)?.t).toBeCloseTo(-(welchTTest(a, b)?.t ?? 0), 12);
    expect(welchTTest(b, a)?.p).toBeCloseTo(welchTTest(a, b)?.p ?? 0, 12);
  });

  it('cannot tell with fewer than 2 values a side', () => {
    expect(welchTTest({ n: 1, mean: 0.9, std: 0 }, summary([0.8, 0.81]))).toBeUndefined();
  });

  it('gives p = 0 for different means without any spread, 1 for equal ones', () => {
    expect(welchTTest(summary([0.9, 0.9]), summary([0.8, 0.8]))).toEqual({
      t: Infinity,
      df: 2,
      p: 0,
    });
    expect(welchTTest(summary([0.9, 0.9]), summary([0.9, 0.9]))?.p).toBe(1);
  });
});
