/**
 * The parts of the run-directory contract (DESIGN.md) the report reads. They mirror core's run
 * schema field for field, so a RunJson from core's readers is assignable to them.
 */

/** One row of a model's layer table. */
export interface LayerSummary {
  name: string;
  type: string;
  outputShape: (number | null)[];
  params: number;
}

export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';

export interface RunSummary {
  testLoss: number;
  testAcc: number;
  bestValAcc: number;
  bestEpoch: number;
  seconds: number;
}

/** The config fields the report shows; run.json holds more (every CLI flag). */
export interface RunConfig {
  model: string;
  optimizer: string;
  learningRate: number;
  momentum?: number;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  limit?: number;
  seed: number;
  augment: boolean;
  backend: string;
  dataset: string;
}

/** run.json. */
export interface RunJson {
  schemaVersion: 1;
  runId: string;
  experiment?: string;
  status: RunStatus;
  pid: number;
  heartbeatAt: string;
  createdAt: string;
  updatedAt: string;
  config: RunConfig;
  backend: string;
  params: number;
  layers: LayerSummary[];
  versions: Record<string, string>;
  command: string;
  error?: string;
  summary?: RunSummary;
}

/** An epoch line of metrics.jsonl. */
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

/** A stored test image with the model's answer. */
export interface Sample {
  index: number;
  label: number;
  predicted: number;
  probs: number[];
  /** base64 of 784 bytes. */
  pixels: string;
}

/** evaluation.json. */
export interface Evaluation {
  testLoss: number;
  testAcc: number;
  confusion: number[][];
  perClass: { label: number; precision: number; recall: number; f1: number }[];
  predictions: string;
  samples: Sample[];
}
