/** What one config has done so far, as the halving rule sees it. */
export interface RungProgress {
  configKey: string;
  /**
   * scores[k]: the config's score at rung k (the mean over its seeds of the best validation
   * accuracy through rung k's epoch), for every rung all its seeds have finished; NaN ranks last.
   */
  scores: readonly number[];
  /** The rung the config is cleared to train to: 0 until promoted. */
  rung: number;
  /** True once it trains no further: pruned, or every one of its trials failed. */
  stopped: boolean;
}

/** What the halving rule decides now: configs that go on to a rung, configs that stop at one. */
export interface HalvingDecisions {
  promote: { configKey: string; toRung: number }[];
  prune: { configKey: string; atRung: number }[];
}

/** Best score first; NaN last; equal scores in input order (sort is stable), so ties are decided. */
function byScore(rung: number) {
  return (a: RungProgress, b: RungProgress): number => {
    const x = a.scores[rung] ?? Number.NaN;
    const y = b.scores[rung] ?? Number.NaN;
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return y - x;
  };
}

/**
 * Asynchronous successive halving (ASHA, Li et al. 2020): a config waiting at rung k goes on as
 * soon as it is among the best floor(n / factor) of the n configs that have finished rung k, so
 * no worker waits for a whole rung. Once every config has finished rung k or stopped before it,
 * the rung is closed: the best max(1, floor(n / factor)) go on (a sweep always trains at least
 * one config to the end) and the rest waiting there are pruned. Ties go to the config listed
 * first; a NaN score is never promoted. `rungCount` includes the final rung.
 */
export function ashaDecisions(
  configs: readonly RungProgress[],
  options: { factor: number; rungCount: number },
): HalvingDecisions {
  const decisions: HalvingDecisions = { promote: [], prune: [] };
  // Decisions at one rung can close the next (a pruned config will never reach it).
  const state = configs.map((config) => ({ ...config }));
  for (let rung = 0; rung < options.rungCount - 1; rung++) {
    const finished = state.filter((config) => config.scores.length > rung);
    const closed = state.every((config) => config.scores.length > rung || config.stopped);
    const share = Math.floor(finished.length / options.factor);
    const best = [...finished]
      .sort(byScore(rung))
      .slice(0, closed ? Math.max(1, share) : share)
      .filter((config) => !Number.isNaN(config.scores[rung] ?? Number.NaN));
    for (const config of finished) {
      if (config.stopped || config.rung !== rung) continue;
      if (best.includes(config)) {
        decisions.promote.push({ configKey: config.configKey, toRung: rung + 1 });
        config.rung = rung + 1;
      } else if (closed) {
        decisions.prune.push({ configKey: config.configKey, atRung: rung });
        config.stopped = true;
      }
    }
  }
  return decisions;
}
