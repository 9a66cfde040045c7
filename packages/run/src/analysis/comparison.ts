import type { EpochEvent } from '../events.js';
import type { RunJson } from '../run-json.js';
import { bestEpoch } from './best-epoch.js';

/** One row of the study comparison table (the report's and the web's optimizer table). */
export interface ComparisonRow {
  runId: string;
  experiment: string | undefined;
  model: string;
  optimizer: string;
  learningRate: number;
  params: number;
  /** Epochs trained (early stopping may end a run before config.epochs). */
  epochs: number;
  /** Training seconds; undefined until the run has a summary. */
  seconds: number | undefined;
  backend: string;
  bestValAcc: number | undefined;
  testAcc: number | undefined;
  testLoss: number | undefined;
  status: RunJson['status'];
}

/**
 * Builds the comparison table for a set of runs, in the order given. `epochs` (the run's epoch
 * curve) fills in what a run without a summary lacks: epochs so far and its best validation accuracy.
 */
export function comparisonRows(
  runs: readonly { run: RunJson; epochs?: readonly EpochEvent[] }[],
): ComparisonRow[] {
  return runs.map(({ run, epochs }) => {
    const best = epochs === undefined ? undefined : bestEpoch(epochs);
    return {
      runId: run.runId,
      experiment: run.experiment,
      model: run.config.model,
      optimizer: run.config.optimizer,
      learningRate: run.config.learningRate,
      params: run.params,
      epochs: epochs?.length ?? (run.status === 'completed' ? run.config.epochs : 0),
      seconds:
        run.summary?.seconds ??
        (epochs === undefined ? undefined : epochs.reduce((s, e) => s + e.seconds, 0)),
      backend: run.backend,
      bestValAcc: run.summary?.bestValAcc ?? best?.valAcc,
      testAcc: run.summary?.testAcc,
      testLoss: run.summary?.testLoss,
      status: run.status,
    };
  });
}
