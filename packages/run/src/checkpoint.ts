import type { ModelArtifacts, ModelWeights, WeightSpec } from './model-artifacts.js';
import { parseWithSchema } from './parse-with-schema.js';
import {
  arrayOf,
  finite,
  nonNegativeInteger,
  nullAs,
  record,
  seconds,
  type Fields,
} from './schema-pieces.js';

const STATE_FIELDS = {
  /** Epochs completed so far (the next epoch to train is `epoch + 1`). */
  epoch: nonNegativeInteger,
  /** State of the run's seeded generator after `epoch` epochs (data order, augmentation, dropout). */
  rngState: arrayOf(finite),
  learningRate: finite,
  // JSON has no Infinity: the starting bests are written as null and come back as +-Infinity.
  bestValAcc: nullAs(finite, -Infinity),
  bestEpoch: nonNegativeInteger,
  /** Epochs since validation accuracy last improved (early stopping). */
  epochsWithoutImprovement: nonNegativeInteger,
  /** Epochs since validation loss last improved (reduce-on-plateau). */
  plateauEpochs: nonNegativeInteger,
  bestValLoss: nullAs(finite, Infinity),
  /** Seconds of training so far, across resumes. */
  seconds,
};

/** A checkpoint's state.json: what training needs besides weights to continue where it stopped. */
export const TrainingStateSchema = record(STATE_FIELDS);
export type TrainingState = Fields<typeof STATE_FIELDS>;

/** Validates a checkpoint's state.json. */
export function validateTrainingState(value: unknown, file: string): TrainingState {
  return parseWithSchema(TrainingStateSchema, value, { file, path: '' }) as TrainingState;
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
  /**
   * The model's weights at `state.bestEpoch`, what early stopping restores: present while
   * `earlyStopping.restoreBestWeights` is set and a best epoch exists. Earlier versions wrote none.
   */
  bestWeights?: ModelWeights;
}
