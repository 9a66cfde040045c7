import type { RunSweepRef, TtaName } from '@fashion-lab/run';
import type { RunProgress } from './run-progress';
import type { RunStatus } from './run-types';

/** How far a running run is, as its status badge tells it. */
export type RowProgress = Pick<RunProgress, 'epoch' | 'epochs' | 'batch' | 'batches' | 'fraction'>;

/**
 * What the browser needs for one row of the runs table (and nothing more). Plain JSON: a number
 * that is not finite (a diverged run) is null, so the row reads the same after `/api/runs`.
 */
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
  progress: RowProgress | null;
  bestValAcc: number | null;
  testAcc: number | null;
  seconds: number | null;
  createdAt: string;
  /** Validation accuracy per epoch (evenly spaced epochs of a long run), for the sparkline. */
  valAccHistory: (number | null)[];
  /** The sweep trial the run is; absent (not null, to keep the list small) for other runs. */
  sweep?: RunSweepRef;
}

/** A run directory that could not be read: the row shows the reason instead. */
export interface RunErrorRow {
  ok: false;
  id: string;
  error: string;
}

export type RunsTableRow = RunRow | RunErrorRow;
