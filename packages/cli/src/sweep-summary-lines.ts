import { join } from 'node:path';
import {
  configLine,
  sweepResults,
  sweepSentence,
  type SweepJson,
  type SweepResults,
  type TrialRun,
} from '@fashion-lab/run';
import { readRun } from '@fashion-lab/run/node';

/** The sweep's statistics from its trials' run.json files (a run not readable counts as missing). */
export async function readSweepResults(sweep: SweepJson, runsDir: string): Promise<SweepResults> {
  const runs = await Promise.all(
    sweep.trials.map((trial) =>
      readRun(join(runsDir, trial.runId)).then(
        (run): TrialRun => run,
        () => undefined,
      ),
    ),
  );
  return sweepResults(
    sweep.trials,
    runs.filter((run) => run !== undefined),
  );
}

/** What a sweep command prints at the end: one `mean ± std (n = k)` line per config, the answer. */
export function sweepSummaryLines(results: SweepResults): string[] {
  return [...results.configs.map(configLine), '', sweepSentence(results)];
}
