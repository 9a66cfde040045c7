import type { SweepJson, SweepTrial } from '@fashion-lab/run';
import type { ReportProblem } from './report-data.js';
import type { EpochEvent, RunJson } from './run-types.js';

/** One trial of the sweep with its run, when the run exists and reads. */
export interface SweepReportTrial {
  trial: SweepTrial;
  /** The trial's run.json; absent before the trial is claimed or when it cannot be read. */
  run?: RunJson;
  /** The epoch lines of its metrics.jsonl (one per epoch, the last attempt of each). */
  epochs: EpochEvent[];
}

/** Everything buildSweepReport needs, already read from disk: the report itself does no I/O. */
export interface SweepReportData {
  sweep: SweepJson;
  /** In trial order. */
  trials: SweepReportTrial[];
  /** Trial runs, or their files, that could not be read, with the reasons. */
  problems: ReportProblem[];
}
