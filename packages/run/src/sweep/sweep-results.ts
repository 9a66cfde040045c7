import type { TrainConfig } from '../config.js';
import type { RunJson } from '../run-json.js';
import { sampleStatistics, type SampleStatistics } from './sample-statistics.js';
import { welchTTest, type WelchTest } from './welch-t-test.js';

/** A lead counts as larger than the noise when Welch's two-sided p is below this. */
export const SIGNIFICANCE_LEVEL = 0.05;

/** What the statistics need of a trial: its config and its run (from sweep.json). */
export type TrialRef = { configKey: string; point: Partial<TrainConfig>; runId: string };

/** What they need of a run: run.json's status and summary (from `readRun`). */
export type TrialRun = Pick<RunJson, 'runId' | 'status' | 'summary'>;

/** One config of a sweep over its seeds. */
export interface ConfigResult {
  configKey: string;
  point: Partial<TrainConfig>;
  /** How many trials the config has, and how many of them completed with a summary. */
  trials: number;
  completed: number;
  testAcc: SampleStatistics;
  bestValAcc: SampleStatistics;
}

/** How the best config's lead over the runner-up compares with the noise across seeds. */
export interface Lead {
  /** Best minus runner-up mean test accuracy, in percentage points. */
  points: number;
  /** Welch's t-test on their test accuracies; absent when either has fewer than 2 seeds. */
  test?: WelchTest;
  /** p < SIGNIFICANCE_LEVEL; absent when it cannot be told (fewer than 2 seeds). */
  largerThanNoise?: boolean;
}

/** A sweep's answer: every config's statistics, the best one and whether its lead is real. */
export interface SweepResults {
  /** In sweep order, configs without a completed trial included (n = 0). */
  configs: ConfigResult[];
  /** The configs with a completed trial, best mean test accuracy first (ties: sweep order). */
  ranking: ConfigResult[];
  /** Absent until some trial completed. */
  best?: ConfigResult;
  runnerUp?: ConfigResult;
  /** Present when there is a runner-up. */
  lead?: Lead;
}

/**
 * Per config over its seeds: n, mean, standard deviation and 95% confidence interval of test and
 * best validation accuracy, from the trials' run.json files (only completed runs with a summary
 * count; runs missing from `runs` count as not completed). The best config has the highest mean
 * test accuracy; a config with no completed trial is listed with n = 0 and never ranked. Pure, so
 * every front end computes the same answer from what it read.
 */
export function sweepResults(trials: readonly TrialRef[], runs: Iterable<TrialRun>): SweepResults {
  const byId = new Map<string, TrialRun>();
  for (const run of runs) byId.set(run.runId, run);
  const groups = new Map<
    string,
    { point: Partial<TrainConfig>; trials: number; summaries: NonNullable<TrialRun['summary']>[] }
  >();
  for (const trial of trials) {
    const group = groups.get(trial.configKey) ?? { point: trial.point, trials: 0, summaries: [] };
    groups.set(trial.configKey, group);
    group.trials++;
    const run = byId.get(trial.runId);
    if (run?.status === 'completed' && run.summary !== undefined) group.summaries.push(run.summary);
  }
  const configs = [...groups].map(
    ([configKey, group]): ConfigResult => ({
      configKey,
      point: group.point,
      trials: group.trials,
      completed: group.summaries.length,
      testAcc: sampleStatistics(group.summaries.map((summary) => summary.testAcc)),
      bestValAcc: sampleStatistics(group.summaries.map((summary) => summary.bestValAcc)),
    }),
  );
  const ranking = configs
    .filter((config) => config.testAcc.mean !== undefined)
    .sort((a, b) => (b.testAcc.mean ?? 0) - (a.testAcc.mean ?? 0));
  const [best, runnerUp] = ranking;
  return {
    configs,
    ranking,
    ...(best === undefined ? {} : { best }),
    ...(best === undefined || runnerUp === undefined
      ? {}
      : { runnerUp, lead: leadOf(best.testAcc, runnerUp.testAcc) }),
  };
}

function leadOf(best: SampleStatistics, runnerUp: SampleStatistics): Lead {
  const points = ((best.mean ?? 0) - (runnerUp.mean ?? 0)) * 100;
  const test =
    best.std === undefined || runnerUp.std === undefined
      ? undefined
      : welchTTest(
          { n: best.n, mean: best.mean ?? 0, std: best.std },
          { n: runnerUp.n, mean: runnerUp.mean ?? 0, std: runnerUp.std },
        );
  return test === undefined
    ? { points }
    : { points, test, largerThanNoise: test.p < SIGNIFICANCE_LEVEL };
}
