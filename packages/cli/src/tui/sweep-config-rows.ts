import type { ConfigResult, SampleStatistics, SweepResults } from '@fashion-lab/run';

/** One line of the per-config block: mean ± std of test and best val accuracy over n seeds. */
export interface ConfigRow {
  configKey: string;
  /** "91.00% ± 1.41" (std in points), "93.00%" with one seed, "--" with none. */
  test: string;
  bestVal: string;
  /** "n = 2": the completed seeds the statistics are over. */
  n: string;
  /** The current best config (highest mean test accuracy). */
  best: boolean;
}

/** The per-config block in at most `rows` lines (a last "+N more configs" line when cut). */
export interface ConfigRows {
  rows: ConfigRow[];
  hidden: number;
}

/** A mean ± std cell as the summary writes it, without its n (a column of its own here). */
export function statisticCell(stats: SampleStatistics): string {
  if (stats.mean === undefined) return '--';
  const mean = `${(stats.mean * 100).toFixed(2)}%`;
  return stats.std === undefined ? mean : `${mean} ± ${(stats.std * 100).toFixed(2)}`;
}

/**
 * Per config `mean ± std (n = k)` as its seeds complete, in sweep order, the best so far marked.
 * When they do not fit, the ranking's best first (then the configs without a result) and
 * "+N more configs" on the last line.
 */
export function configRows(results: SweepResults, rows: number): ConfigRows {
  const row = (config: ConfigResult): ConfigRow => ({
    configKey: config.configKey,
    test: statisticCell(config.testAcc),
    bestVal: statisticCell(config.bestValAcc),
    n: `n = ${config.completed}`,
    best: config === results.best,
  });
  if (results.configs.length <= rows) return { rows: results.configs.map(row), hidden: 0 };
  const ranked = new Set(results.ranking);
  const order = [...results.ranking, ...results.configs.filter((config) => !ranked.has(config))];
  const shown = order.slice(0, Math.max(0, rows - 1));
  return { rows: shown.map(row), hidden: results.configs.length - shown.length };
}

/**
 * Whether the answer sentence means something yet: at least two configs have two or more
 * completed seeds (before that it could only say "cannot tell").
 */
export function answerReady(results: SweepResults): boolean {
  return results.configs.filter((config) => config.completed >= 2).length >= 2;
}
