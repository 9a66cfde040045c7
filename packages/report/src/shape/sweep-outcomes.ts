import { sweepResults, type SweepResults } from '@fashion-lab/run';
import type { SweepReportData, SweepReportTrial } from '../sweep-report-data.js';
import type { TrialOutcome } from './sweep-axes.js';

/**
 * A trial's accuracies: a completed run's summary (what the statistics count); for a trial paused
 * or pruned by halving, only the best validation accuracy of the rungs it reached.
 */
export function trialOutcome(item: SweepReportTrial): TrialOutcome {
  const summary = item.run?.status === 'completed' ? item.run.summary : undefined;
  if (summary !== undefined) return { testAcc: summary.testAcc, bestValAcc: summary.bestValAcc };
  const rungs = item.trial.rungBestValAcc ?? [];
  return rungs.length === 0 ? {} : { bestValAcc: Math.max(...rungs) };
}

/** True when the trial's run completed with a summary: one of the seeds the statistics count. */
export function isCompleted(item: SweepReportTrial): boolean {
  return item.run?.status === 'completed' && item.run.summary !== undefined;
}

/** The run package's statistics of the sweep (the numbers the cli and the web show). */
export function sweepResultsOf(data: SweepReportData): SweepResults {
  return sweepResults(
    data.sweep.trials,
    data.trials.flatMap((item) => (item.run === undefined ? [] : [item.run])),
  );
}

/** The best config's best completed trial (highest test accuracy, then trial order). */
export function bestTrial(
  data: SweepReportData,
  results: SweepResults,
): SweepReportTrial | undefined {
  let best: SweepReportTrial | undefined;
  for (const item of data.trials) {
    if (item.trial.configKey !== results.best?.configKey || !isCompleted(item)) continue;
    if (best === undefined || item.run!.summary!.testAcc > best.run!.summary!.testAcc) best = item;
  }
  return best;
}
