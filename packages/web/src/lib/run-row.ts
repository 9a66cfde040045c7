import { max } from 'd3-array';
import type { RunJson, TtaName } from '@fashion-lab/run';
import type { MetricsLine, RunStatus } from './run-types';
import { epochLines, runProgress, type RunProgress } from './run-progress';

/** What the browser needs for one row of the runs table (and nothing more). */
export interface RunRow {
  ok: true;
  id: string;
  experiment: string | null;
  model: string;
  optimizer: string;
  learningRate: number;
  dataset: string;
  /** How the run's model predicts (its test-time augmentation). */
  tta: TtaName;
  backend: string;
  status: RunStatus | 'stale';
  /** Set while the run is running (or stale), from its latest metrics line. */
  progress: RunProgress | null;
  bestValAcc: number | null;
  testAcc: number | null;
  seconds: number | null;
  createdAt: string;
  /** Validation accuracy per epoch, for the sparkline. */
  valAccHistory: number[];
}

/** A run directory that could not be read: the row shows the reason instead. */
export interface RunErrorRow {
  ok: false;
  id: string;
  error: string;
}

export type RunsTableRow = RunRow | RunErrorRow;

/** Builds a runs-table row from a run's run.json, its effective status and its metrics lines. */
export function toRunRow(
  run: RunJson,
  status: RunStatus | 'stale',
  lines: readonly MetricsLine[],
): RunRow {
  const epochs = epochLines(lines);
  const valAccHistory = epochs.map((line) => line.valAcc);
  const bestValAcc =
    // d3's max skips a diverged (NaN) epoch, where Math.max would make the whole answer NaN.
    run.summary?.bestValAcc ?? max(valAccHistory) ?? null;
  const seconds =
    run.summary?.seconds ??
    (epochs.length > 0 ? epochs.reduce((sum, line) => sum + line.seconds, 0) : null);
  const live = status === 'running' || status === 'stale';
  return {
    ok: true,
    id: run.runId,
    experiment: run.experiment ?? null,
    model: run.config.model,
    optimizer: run.config.optimizer,
    learningRate: run.config.learningRate,
    dataset: run.config.dataset,
    tta: run.config.tta ?? 'off',
    backend: run.backend,
    status,
    progress: live ? runProgress(lines, run.config.epochs) : null,
    bestValAcc,
    testAcc: run.summary?.testAcc ?? null,
    seconds,
    createdAt: run.createdAt,
    valAccHistory,
  };
}
