import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** What a set of repeated measurements (one per seed) says: how many, where, how spread. */
export interface SampleStatistics {
  n: number;
  /** Absent when n = 0. */
  mean?: number;
  /** The sample standard deviation (divided by n - 1); absent when n < 2. */
  std?: number;
  /** The 95% confidence interval of the mean, mean ± t(0.975, n - 1) * std / sqrt(n); n >= 2. */
  ci95?: [number, number];
}

/**
 * n, mean, standard deviation and Student's-t 95% confidence interval of `values`; NaN values
 * (a diverged run) are left out, as d3's `mean` skips them.
 */
export function sampleStatistics(values: readonly number[]): SampleStatistics {
  const numbers = values.filter((value) => !Number.isNaN(value));
  const n = numbers.length;
  if (n === 0) return { n };
  const mean = numbers.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { n, mean };
  const std = Math.sqrt(numbers.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1));
  const halfWidth = tQuantile(0.975, n - 1) * (std / Math.sqrt(n));
  return { n, mean, std, ci95: [mean - halfWidth, mean + halfWidth] };
}
