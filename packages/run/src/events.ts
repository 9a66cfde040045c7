import type { ModelArtifacts } from './model-artifacts.js';
import type { Checkpoint } from './checkpoint.js';
import type { TrainConfig } from './config.js';
import type { Evaluation } from './evaluation.js';
import type { Embedding } from './embedding.js';
import type { Explain } from './explain.js';
import type { BatchEvent, EpochEvent, MetricsLine } from './metrics-lines.js';
import type { LayerSummary, RunStatus, RunSummary } from './run-json.js';

export type { BatchEvent, EpochEvent, LayerSummary, MetricsLine, RunStatus, RunSummary };

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

export interface CheckpointEvent {
  type: 'checkpoint';
  epoch: number;
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
  /** Saliency heatmaps of the evaluation samples (absent when the run skips explanations). */
  explain?: Explain;
  /** The test set's 2D map (absent when the run skips explanations). */
  embedding?: Embedding;
}
