import { join } from 'node:path';
import type { RunJson } from '../run-json.js';
import type { SweepJson } from '../sweep/sweep-json.js';
import { sweepResults, type SweepResults } from '../sweep/sweep-results.js';
import { readRun } from './run-readers.js';

/**
 * Each trial's run.json in trial order, or why it cannot be read (a trial not yet claimed has no
 * run directory: its reason says run.json does not exist). Never throws for one bad run.
 */
export async function readSweepTrialRuns(
  sweep: SweepJson,
  runsDir: string,
): Promise<({ ok: true; run: RunJson } | { ok: false; error: string })[]> {
  return Promise.all(
    sweep.trials.map((trial) =>
      readRun(join(runsDir, trial.runId)).then(
        (run) => ({ ok: true as const, run }),
        (error: unknown) => ({
          ok: false as const,
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
    ),
  );
}

/** The sweep's statistics from its trials' run.json files (a run not readable counts as missing). */
export async function readSweepResults(sweep: SweepJson, runsDir: string): Promise<SweepResults> {
  const runs = await readSweepTrialRuns(sweep, runsDir);
  return sweepResults(
    sweep.trials,
    runs.flatMap((entry) => (entry.ok ? [entry.run] : [])),
  );
}
