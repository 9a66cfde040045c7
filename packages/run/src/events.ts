import type { ModelArtifacts } from './model-artifacts.js';
import type { Checkpoint } from './checkpoint.js';
import type { TrainConfig } from './config.js';
import type { Evaluation } from './schema.js';

/** One row of the model's Keras-style layer table. */
export interface LayerSummary {
  name: string;
  type: string;
  /** e.g. [null, 26, 26, 32]; null is the batch dimension. */
  outputShape: (number | null)[];
  params: number;
}

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

/**
 * Everything training reports, as one discriminated union. The `epoch` and `batch` members are
 * exactly the lines of `metrics.jsonl`, so live and persisted readers share one definition.
 */
export interface RunStartEvent {
  type: 'run-start';
  runId: string;
  /** `<study>-<UTC timestamp>` when the run is part of a study. */
  experiment?: string;
  config: TrainConfig;
  /** The backend actually in use. */
  backend: string;
  params: number;
  layers: LayerSummary[];
  trainCount: number;
  validationCount: number;
  testCount: number;
  /** 1 for a new run; the next epoch to train when resuming. */
  startEpoch: number;
  batchesPerEpoch: number;
}

export interface EpochStartEvent {
  type: 'epoch-start';
  epoch: number;
  epochs: number;
}

export interface BatchEvent {
  type: 'batch';
  epoch: number;
  /** 1-based index of the batch just finished. */
  batch: number;
  batches: number;
  loss: number;
  acc: number;
  samplesPerSec: number;
}

export interface EpochEvent {
  type: 'epoch';
  epoch: number;
  loss: number;
  acc: number;
  valLoss: number;
  valAcc: number;
  lr: number;
  seconds: number;
}

export interface CheckpointEvent {
  type: 'checkpoint';
  epoch: number;
}

export interface RunSummary {
  testLoss: number;
  testAcc: number;
  /**
   * For a run that predicts with test-time flips: the test accuracy of the same model predicting
   * each image alone, to show what the flips add. Absent otherwise.
   */
  testAccWithoutTta?: number;
  bestValAcc: number;
  bestEpoch: number;
  seconds: number;
}

export interface RunEndEvent {
  type: 'run-end';
  status: Exclude<RunStatus, 'running'>;
  /** Present when the run completed and was evaluated. */
  summary?: RunSummary;
  /** Present when status is 'failed'. */
  error?: string;
}

export interface ErrorEvent {
  type: 'error';
  message: string;
}

export type TrainingEvent =
  | RunStartEvent
  | EpochStartEvent
  | BatchEvent
  | EpochEvent
  | CheckpointEvent
  | RunEndEvent
  | ErrorEvent;

/** The lines of metrics.jsonl. */
export type MetricsLine = EpochEvent | BatchEvent;

/**
 * A front end or a persister: every hook is optional and awaited in turn (the tfjs callback /
 * vitest reporter pattern). Implement only what you render or store.
 */
export interface Reporter {
  onRunStart?(event: RunStartEvent): void | Promise<void>;
  onEpochStart?(event: EpochStartEvent): void | Promise<void>;
  onBatchEnd?(event: BatchEvent): void | Promise<void>;
  onEpochEnd?(event: EpochEvent): void | Promise<void>;
  /** After every epoch; `checkpoint` is everything `resume` needs, already serialized. */
  onCheckpoint?(event: CheckpointEvent, checkpoint: Checkpoint): void | Promise<void>;
  /** `result` holds the final model and its evaluation when the run completed. */
  onRunEnd?(event: RunEndEvent, result: RunResult): void | Promise<void>;
  onError?(event: ErrorEvent): void | Promise<void>;
}

/** What a finished run produced besides its events. */
export interface RunResult {
  model?: ModelArtifacts;
  evaluation?: Evaluation;
}
