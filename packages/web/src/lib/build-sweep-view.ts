import {
  formatMeanStd,
  sweepResults,
  sweepSentence,
  TRIAL_STATES,
  type SweepJson,
  type TrialRun,
} from '@fashion-lab/run';
import { rowAt, type CachedRunSummary } from './run-summary';
import { sweepAxes, trialAxisValues } from './sweep-axes';
import type { ConfigView, SweepView, TrialCounts, TrialView } from './sweep-view';

/** What the view needs besides the files: when it is, and how a run's liveness is judged. */
export interface ViewClock {
  now: Date;
  isAlive: (pid: number) => boolean;
  host?: string;
}

/** The states in which a trial has yet to end: while one is, the sweep is live. */
const UNFINISHED = new Set(['pending', 'running', 'paused']);

/**
 * The sweep page's view of `sweep` from its trials' run summaries (`summaries[i]` is trial i's
 * run, an error summary when it does not exist yet). The statistics and the sentence are the run
 * package's `sweepResults` and `sweepSentence` over the runs' own run.json summaries, so the page
 * shows the numbers the cli prints.
 */
export function buildSweepView(
  sweep: SweepJson,
  summaries: readonly CachedRunSummary[],
  clock: ViewClock,
): SweepView {
  const runs: TrialRun[] = [];
  const partial = sweep.trials.map((trial, i) => {
    const summary = summaries[i];
    const row =
      summary === undefined ? undefined : rowAt(summary, clock.now, clock.isAlive, clock.host);
    if (summary?.ok) {
      runs.push({
        runId: trial.runId,
        status: summary.stored.status,
        ...(summary.result === undefined ? {} : { summary: summary.result }),
      });
    }
    const ok = row?.ok === true ? row : undefined;
    return {
      trial,
      runStatus: ok?.status ?? null,
      outcome: { testAcc: ok?.testAcc ?? null, bestValAcc: ok?.bestValAcc ?? null },
      epoch:
        ok?.status === 'running' && ok.progress !== null
          ? { epoch: ok.progress.epoch, epochs: ok.progress.epochs }
          : null,
    };
  });
  const axes = sweepAxes(
    sweep,
    partial.map((entry) => entry.outcome),
  );
  const trials = partial.map(
    ({ trial, runStatus, outcome, epoch }): TrialView => ({
      trial: trial.trial,
      runId: trial.runId,
      configKey: trial.configKey,
      seed: trial.seed,
      state: trial.state,
      runStatus,
      ...outcome,
      epoch,
      ...(trial.error === undefined ? {} : { error: trial.error }),
      values: trialAxisValues(axes, trial, outcome),
    }),
  );
  const results = sweepResults(sweep.trials, runs);
  const configs = results.configs.map(
    (config): ConfigView => ({
      configKey: config.configKey,
      trials: config.trials,
      completed: config.completed,
      testAcc: config.testAcc,
      bestValAcc: config.bestValAcc,
      testText: formatMeanStd(config.testAcc),
      bestValText: formatMeanStd(config.bestValAcc),
    }),
  );
  const counts = Object.fromEntries(TRIAL_STATES.map((state) => [state, 0])) as TrialCounts;
  for (const trial of sweep.trials) counts[trial.state]++;
  return {
    ok: true,
    sweepId: sweep.sweepId,
    name: sweep.spec.name,
    ...(sweep.spec.description === undefined ? {} : { description: sweep.spec.description }),
    createdAt: sweep.createdAt,
    updatedAt: sweep.updatedAt,
    sentence: sweepSentence(results),
    bestConfigKey: results.best?.configKey ?? null,
    axes,
    trials,
    configs,
    counts,
    live: sweep.trials.some((trial) => UNFINISHED.has(trial.state)),
  };
}
