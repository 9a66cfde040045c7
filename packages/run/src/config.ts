/**
 * The configuration of one training run: every field is a CLI flag and is stored in run.json,
 * so a run can always be reproduced (see `reproduceCommand`).
 */
export type ModelName = 'dense' | 'cnn' | 'cnn-regularized' | 'cnn-strong';
export type OptimizerName = 'sgd' | 'rmsprop' | 'adam' | 'nadam';
/** How the learning rate changes over the epochs of a run. */
export type LrScheduleName = 'constant' | 'cosine';
export type BackendName = 'node' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export type DatasetName = 'fashion-mnist' | 'mnist';
/**
 * Which random changes training images get: 'flip' mirrors left-right; 'full' also shifts by up to
 * 2 pixels and blanks a random rectangle (see `AUGMENT_PRESETS`). Run files written before there
 * were names hold `true` (read as 'full') or `false` ('off').
 */
export type AugmentName = 'off' | 'flip' | 'full';
/**
 * Test-time augmentation: 'flip' predicts each image and its left-right mirror and averages the two
 * probability vectors (validation, test and single predictions alike); 'off' predicts the image alone.
 */
export type TtaName = 'off' | 'flip';

/** Stop when validation accuracy has not improved for `patience` epochs. */
export interface EarlyStoppingConfig {
  patience: number;
  /** Put back the weights of the best epoch when stopping. */
  restoreBestWeights: boolean;
}

/** Multiply the learning rate by `factor` when validation loss stalls for `patience` epochs. */
export interface ReduceLrOnPlateauConfig {
  factor: number;
  patience: number;
  minLr: number;
}

export interface TrainConfig {
  model: ModelName;
  optimizer: OptimizerName;
  learningRate: number;
  /**
   * 'cosine': epoch e of E trains at learningRate * (1 + cos(pi * (e - 1) / E)) / 2, from the full
   * rate down to a few percent of it. Absent: 'constant'.
   */
  lrSchedule?: LrScheduleName;
  /** SGD only. */
  momentum?: number;
  epochs: number;
  batchSize: number;
  /** Fraction of the (limited) training images held out for validation, after a seeded shuffle. */
  validationSplit: number;
  /** Caps the training images used in all (training plus validation), applied before the split. */
  limit?: number;
  seed: number;
  augment: AugmentName;
  /** How images are predicted; absent (run files from before it existed): 'off'. */
  tta?: TtaName;
  earlyStopping?: EarlyStoppingConfig;
  reduceLrOnPlateau?: ReduceLrOnPlateauConfig;
  workers: number;
  backend: BackendChoice;
  dataset: DatasetName;
}
