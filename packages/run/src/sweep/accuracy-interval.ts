import type { SampleStatistics } from './sample-statistics.js';

/**
 * The 95% confidence interval of a mean accuracy, cut to 0..1 where Student's t reaches past it
 * (two seeds give t = 12.7): an accuracy cannot lie outside, so the cut interval still covers.
 * `cut` says which ends were cut; undefined with fewer than two seeds.
 */
export function accuracyInterval(
  stats: SampleStatistics,
): { low: number; high: number; cut: { low: boolean; high: boolean } } | undefined {
  if (stats.ci95 === undefined) return undefined;
  const [low, high] = stats.ci95;
  return {
    low: Math.max(0, low),
    high: Math.min(1, high),
    cut: { low: low < 0, high: high > 1 },
  };
}
