import { curves, isSafeRunId, SWEEP_FILE } from '@fashion-lab/run';
import {
  listSweeps,
  readMetrics,
  readSweep,
  readSweepTrialRuns,
  RUN_FILES,
  RunReadError,
  sweepDir,
} from '@fashion-lab/run/node';
import { join, sep } from 'node:path';
import type { ReportProblem } from '../report-data.js';
import type { SweepReportData, SweepReportTrial } from '../sweep-report-data.js';

/** No sweep of that id in the runs folder: the message names both and the sweeps there are. */
export class SweepNotFoundError extends Error {
  override readonly name = 'SweepNotFoundError';

  constructor(
    readonly sweepId: string,
    readonly runsDir: string,
    sweepIds: readonly string[],
  ) {
    super(
      `No sweep ${sweepId} in ${runsDir}: ` +
        (sweepIds.length === 0
          ? 'it holds no sweeps (start one with npx nx run cli:sweep) or pass --runs-dir.'
          : `sweeps found: ${sweepIds.join(', ')}.`),
    );
  }
}

/** Error messages name files by absolute path; the report names them relative to their run. */
function relative(message: string, runDir: string): string {
  return message.split(`${runDir}${sep}`).join('');
}

/** True when the sweep's folder itself is missing (not just a damaged sweep.json in it). */
function isMissingSweep(error: unknown, file: string, sweepIds: readonly string[], id: string) {
  return error instanceof RunReadError && error.file === file && !sweepIds.includes(id);
}

/**
 * Reads a sweep for its report: sweep.json, every trial's run.json and epochs, and what could not
 * be read (listed, not thrown). Throws SweepNotFoundError for an unknown id and the run package's
 * error, naming the file, for a damaged sweep.json.
 */
export async function loadSweepReportData(options: {
  runsDir: string;
  sweepId: string;
}): Promise<SweepReportData> {
  const { runsDir, sweepId } = options;
  const known = async () => (await listSweeps(runsDir)).map((entry) => entry.sweepId).sort();
  if (!isSafeRunId(sweepId)) throw new SweepNotFoundError(sweepId, runsDir, await known());
  const dir = sweepDir(runsDir, sweepId);
  let sweep;
  try {
    sweep = await readSweep(dir);
  } catch (error) {
    const sweepIds = await known();
    if (isMissingSweep(error, join(dir, SWEEP_FILE), sweepIds, sweepId)) {
      throw new SweepNotFoundError(sweepId, runsDir, sweepIds);
    }
    throw error;
  }
  const runs = await readSweepTrialRuns(sweep, runsDir);
  const problems: ReportProblem[] = [];
  const trials = await Promise.all(
    sweep.trials.map(async (trial, index): Promise<SweepReportTrial> => {
      const entry = runs[index]!;
      const runDir = join(runsDir, trial.runId);
      if (!entry.ok) {
        // A trial not yet started has no run directory: that is its state, not a problem.
        if (trial.state !== 'pending') {
          problems.push({ dir: trial.runId, reason: relative(entry.error, runDir) });
        }
        return { trial, epochs: [] };
      }
      try {
        const metrics = await readMetrics(runDir);
        for (const skipped of metrics.skipped) {
          // The run package's reasons mostly name the file and line already.
          const reason = relative(skipped.reason, runDir);
          problems.push({
            dir: trial.runId,
            reason: reason.includes(RUN_FILES.metrics)
              ? `${reason}; the line was skipped`
              : `${RUN_FILES.metrics} line ${skipped.line} skipped: ${reason}`,
          });
        }
        return { trial, run: entry.run, epochs: curves(metrics.lines).epochs };
      } catch (error) {
        problems.push({ dir: trial.runId, reason: relative((error as Error).message, runDir) });
        return { trial, run: entry.run, epochs: [] };
      }
    }),
  );
  // Promise.all pushes problems in completion order: sort for a deterministic report.
  problems.sort((a, b) =>
    a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0,
  );
  return { sweep, trials, problems };
}
