import type { ModelArtifacts, WeightSpec } from './model-artifacts.js';

/** What training needs besides weights to continue exactly where it stopped. */
export interface TrainingState {
  /** Epochs completed so far (the next epoch to train is `epoch + 1`). */
  epoch: number;
  /** State of the run's seeded generator after `epoch` epochs (data order, augmentation, dropout). */
  rngState: number[];
  learningRate: number;
  bestValAcc: number;
  bestEpoch: number;
  /** Epochs since validation accuracy last improved (early stopping). */
  epochsWithoutImprovement: number;
  /** Epochs since validation loss last improved (reduce-on-plateau). */
  plateauEpochs: number;
  bestValLoss: number;
  /** Seconds of training so far, across resumes. */
  seconds: number;
}

/** Serialized optimizer slots (moments, accumulators), in the optimizer's own weight order. */
export interface OptimizerState {
  weightSpecs: WeightSpec[];
  weightData: ArrayBuffer;
}

/** A resumable snapshot: handed to `Reporter.onCheckpoint` already serialized, so persisting is plain I/O. */
export interface Checkpoint {
  model: ModelArtifacts;
  optimizer: OptimizerState;
  state: TrainingState;
}
