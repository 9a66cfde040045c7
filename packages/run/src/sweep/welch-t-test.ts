import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** Welch's unequal-variances t-test of two means: t, the Welch–Satterthwaite df, two-sided p. */
export interface WelchTest {
  t: number;
  df: number;
  p: number;
}

/** A sample as the test needs it. */
export interface SampleSummary {
  n: number;
  mean: number;
  std: number;
}

/**
 * Welch's t-test: is the difference of two means larger than their seeds' noise? t = (a - b) / se
 * with se^2 = sa^2/na + sb^2/nb, df by Welch–Satterthwaite, p two-sided. Needs n >= 2 on each side
 * (undefined otherwise). Two samples without any spread give p = 0 when their means differ
 * (1 when equal) and df = na + nb - 2.
 */
export function welchTTest(a: SampleSummary, b: SampleSummary): WelchTest | undefined {
  if (a.n < 2 || b.n < 2) return undefined;
  const va = a.std ** 2 / a.n;
  const vb = b.std ** 2 / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    const differ = a.mean !== b.mean;
    return {
      t: differ ? Math.sign(a.mean - b.mean) * Infinity : 0,
      df: a.n + b.n - 2,
      p: differ ? 0 : 1,
    };
  }
  const t = (a.mean - b.mean) / se;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  // The lower tail of -|t| keeps its digits where 1 - cdf(|t|) would round to 0.
  return { t, df, p: Math.min(1, 2 * tCdf(-Math.abs(t), df)) };
}
