import { ashaDecisions, type RungProgress } from './asha-decisions.js';
import type { SweepJson, SweepTrial } from './sweep-json.js';

/** The mean of the numbers that are not NaN; NaN when there are none. */
function meanOfNumbers(values: readonly number[]): number {
  const numbers = values.filter((value) => !Number.isNaN(value));
  return numbers.length === 0 ? Number.NaN : numbers.reduce((a, b) => a + b, 0) / numbers.length;
}

/** The sweep's trials grouped by config, configs in the order their first trial appears. */
export function trialsByConfig(trials: readonly SweepTrial[]): Map<string, SweepTrial[]> {
  const groups = new Map<string, SweepTrial[]>();
  for (const trial of trials) {
    const group = groups.get(trial.configKey);
    if (group === undefined) groups.set(trial.configKey, [trial]);
    else group.push(trial);
  }
  return groups;
}

/**
 * Each config's halving progress from its trials: a rung counts as finished once every trial that
 * has not failed reached it, scored by their mean best validation accuracy there (failed trials
 * are left out; a config whose trials all failed is stopped).
 */
export function rungProgress(trials: readonly SweepTrial[]): RungProgress[] {
  return [...trialsByConfig(trials)].map(([configKey, group]): RungProgress => {
    const live = group.filter((trial) => trial.state !== 'failed');
    if (live.length === 0) return { configKey, scores: [], rung: 0, stopped: true };
    const reached = Math.min(...live.map((trial) => trial.rungBestValAcc?.length ?? 0));
    const scores = Array.from({ length: reached }, (_, rung) =>
      meanOfNumbers(live.map((trial) => trial.rungBestValAcc?.[rung] ?? Number.NaN)),
    );
    return {
      configKey,
      scores,
      rung: Math.min(...live.map((trial) => trial.rung ?? 0)),
      stopped: live.some((trial) => trial.state === 'pruned'),
    };
  });
}

/**
 * Applies the halving rule to sweep.json: the paused trials of promoted configs become pending for
 * the next rung, those of pruned configs pruned. Call it after every change to a trial's state
 * (a rung reached, a trial failed); a sweep without halving is returned unchanged.
 */
export function advanceHalving(sweep: SweepJson): SweepJson {
  if (sweep.spec.halving === undefined || sweep.rungs === undefined) return sweep;
  const decisions = ashaDecisions(rungProgress(sweep.trials), {
    factor: sweep.spec.halving.factor,
    rungCount: sweep.rungs.length,
  });
  const promoted = new Map(decisions.promote.map((d) => [d.configKey, d.toRung]));
  const pruned = new Set(decisions.prune.map((d) => d.configKey));
  const trials = sweep.trials.map((trial): SweepTrial => {
    if (trial.state !== 'paused') return trial;
    const toRung = promoted.get(trial.configKey);
    if (toRung !== undefined) return { ...trial, state: 'pending', rung: toRung };
    if (pruned.has(trial.configKey)) return { ...trial, state: 'pruned' };
    return trial;
  });
  return { ...sweep, trials };
}

/**
 * Records that trial `trial` reached the end of its rung with `bestValAcc` (the best validation
 * accuracy through that rung's epoch): below the final rung it pauses there; then the halving rule
 * runs. At the final rung the caller marks it completed once evaluated.
 */
export function recordRungResult(sweep: SweepJson, trial: number, bestValAcc: number): SweepJson {
  const rungs = sweep.rungs;
  const current = sweep.trials[trial];
  if (rungs === undefined || current === undefined) {
    throw new RangeError(`recordRungResult: sweep ${sweep.sweepId} has no halving trial ${trial}`);
  }
  const rung = current.rung ?? 0;
  const rungBestValAcc = [...(current.rungBestValAcc ?? []).slice(0, rung), bestValAcc];
  const updated: SweepTrial = {
    ...current,
    rungBestValAcc,
    ...(rung < rungs.length - 1 ? { state: 'paused' as const } : {}),
  };
  return advanceHalving({
    ...sweep,
    trials: sweep.trials.map((t, i) => (i === trial ? updated : t)),
  });
}
