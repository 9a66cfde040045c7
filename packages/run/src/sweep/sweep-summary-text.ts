import type { SampleStatistics } from './sample-statistics.js';
import type { ConfigResult, SweepResults } from './sweep-results.js';

const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;
const points = (fraction: number): string => (fraction * 100).toFixed(2);

/** A p-value as people read it: two significant digits, "< 0.001" below that. */
export function formatPValue(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`;
}

/**
 * An accuracy over seeds as `mean ± std (n = k)`, e.g. "89.71% ± 0.12 (n = 3)": the mean in
 * percent, one standard deviation in percentage points; "89.71% (n = 1)" with one seed, and
 * "no completed trial (n = 0)" with none.
 */
export function formatMeanStd(stats: SampleStatistics): string {
  if (stats.mean === undefined) return `no completed trial (n = ${stats.n})`;
  const spread = stats.std === undefined ? '' : ` ± ${points(stats.std)}`;
  return `${percent(stats.mean)}${spread} (n = ${stats.n})`;
}

/** One config's line of a sweep summary: "<config>: test 89.71% ± 0.12 (n = 3), best val ...". */
export function configLine(config: ConfigResult): string {
  return `${config.configKey}: test ${formatMeanStd(config.testAcc)}, best val ${formatMeanStd(config.bestValAcc)}`;
}

/** The runner-up as the sentence quotes it: "89.50% ± 0.15, n = 3". */
function inline(stats: SampleStatistics): string {
  const spread = stats.std === undefined ? '' : ` ± ${points(stats.std)}`;
  return `${percent(stats.mean ?? Number.NaN)}${spread}, n = ${stats.n}`;
}

/**
 * The sweep's answer in one sentence: the best config and whether its lead over the runner-up is
 * larger than the noise (Welch's t-test on test accuracy, p < 0.05), e.g. "Best: optimizer=nadam
 * at 89.71% ± 0.12 (n = 3); its lead of 0.21 points over optimizer=adam (89.50% ± 0.15, n = 3) is
 * larger than the noise (Welch's t-test, p = 0.03)."
 */
export function sweepSentence(results: SweepResults): string {
  const { best, runnerUp, lead } = results;
  if (best === undefined) return 'No trial has completed yet, so there is no best config.';
  const head = `Best: ${best.configKey} at ${formatMeanStd(best.testAcc)}`;
  if (runnerUp === undefined || lead === undefined) {
    return `${head}; no other config has a completed trial to compare it with.`;
  }
  const over = `its lead of ${lead.points.toFixed(2)} points over ${runnerUp.configKey} (${inline(runnerUp.testAcc)})`;
  if (lead.test === undefined) return `${head}; ${over} may be noise: cannot tell with one seed.`;
  const verdict = lead.largerThanNoise ? 'is larger than the noise' : 'is within the noise';
  return `${head}; ${over} ${verdict} (Welch's t-test, ${formatPValue(lead.test.p)}).`;
}
