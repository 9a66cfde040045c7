import { max } from 'd3-array';
import { effectiveStatus, type RunJson } from '@fashion-lab/run';
import type { RowProgress, RunErrorRow, RunRow, RunsTableRow } from './run-row';
import { epochLines, runProgress } from './run-progress';
import type { MetricsLine } from './run-types';

/**
 * What the runs list keeps of one readable run between requests: its row without the parts that
 * depend on the time of the request (the status, and so whether progress shows).
 */
export interface RunSummary {
  ok: true;
  row: Omit<RunRow, 'status' | 'progress'>;
  /** Where the metrics stand; shown while the run is running or stale. */
  progress: RowProgress | null;
  /** The stored status; a `running` run keeps its run.json, whose pid and heartbeat decide. */
  stored: { status: Exclude<RunJson['status'], 'running'> } | { status: 'running'; run: RunJson };
  /** run.json's summary as written (NaN kept), for a sweep's statistics; absent until it ends. */
  result?: NonNullable<RunJson['summary']>;
}

/** A summary, or the row of a run whose run.json cannot be read. */
export type CachedRunSummary = RunSummary | RunErrorRow;

/** Sparklines are 80 px wide: more points than that draw nothing more. */
export const SPARKLINE_POINTS = 80;

/** The number, or null when it is NaN or infinite (as JSON would have it). */
function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

/** Up to `count` evenly spaced values of `values`, the first and the last included. */
function evenlySpaced(values: readonly number[], count: number): number[] {
  if (values.length <= count) return [...values];
  return Array.from(
    { length: count },
    (_, i) => values[Math.round((i * (values.length - 1)) / (count - 1))]!,
  );
}

/**
 * Summarises a run for the runs list from its run.json and metrics lines, once per change of its
 * files. Sparkline values keep four decimals (a 20 px sparkline shows two), so the list stays
 * small with thousands of runs.
 */
export function summarizeRun(run: RunJson, lines: readonly MetricsLine[]): RunSummary {
  const epochs = epochLines(lines);
  const valAcc = epochs.map((line) => line.valAcc);
  const seconds =
    run.summary?.seconds ??
    (epochs.length > 0 ? epochs.reduce((sum, line) => sum + line.seconds, 0) : null);
  const progress = runProgress(lines, run.config.epochs);
  return {
    ok: true,
    row: {
      ok: true,
      id: run.runId,
      experiment: run.experiment ?? null,
      model: run.config.model,
      optimizer: run.config.optimizer,
      learningRate: run.config.learningRate,
      dataset: run.config.dataset,
      tta: run.config.tta ?? 'off',
      backend: run.backend,
      // d3's max skips a diverged (NaN) epoch, where Math.max would make the whole answer NaN.
      bestValAcc: finite(run.summary?.bestValAcc ?? max(valAcc)),
      testAcc: finite(run.summary?.testAcc),
      seconds: finite(seconds),
      createdAt: run.createdAt,
      valAccHistory: evenlySpaced(valAcc, SPARKLINE_POINTS).map((value) =>
        finite(Math.round(value * 1e4) / 1e4),
      ),
      ...(run.sweep === undefined ? {} : { sweep: run.sweep }),
    },
    progress:
      progress === null
        ? null
        : {
            epoch: progress.epoch,
            epochs: progress.epochs,
            batch: progress.batch,
            batches: progress.batches,
            fraction: progress.fraction,
          },
    stored: run.status === 'running' ? { status: 'running', run } : { status: run.status },
    ...(run.summary === undefined ? {} : { result: run.summary }),
  };
}

/**
 * The row of a summarised run at time `now` on machine `host`: a `running` run whose process is
 * gone or silent is stale (see `effectiveStatus`), and progress shows only for running and stale
 * runs.
 */
export function rowAt(
  summary: CachedRunSummary,
  now: Date,
  isAlive: (pid: number) => boolean,
  host?: string,
): RunsTableRow {
  if (!summary.ok) return summary;
  const status =
    summary.stored.status === 'running'
      ? effectiveStatus(summary.stored.run, now, isAlive, host)
      : summary.stored.status;
  const live = status === 'running' || status === 'stale';
  return { ...summary.row, status, progress: live ? summary.progress : null };
}
