// --- LEAD: configuration, events and the training loop ---
export { AUGMENT_PRESETS, describeAugmentation } from './training/augment-presets.js';
export { ConfigError, validateConfig } from './training/validate-config.js';
export { train, type TrainOptions } from './training/train.js';
export { ReporterChain } from './training/reporter-chain.js';
export { accuracyFromProbs, measure } from './training/measure.js';
export {
  predictBatch,
  predictProbabilities,
  type PredictOptions,
} from './evaluation/predict-probabilities.js';
// --- end LEAD ---

// --- ENGINE: models, optimizers, backends, WASM training kernels ---
export type { ModelSpec } from './models/model-spec.js';
export { MODELS } from './models/registry.js';
export { countParams, summarizeLayers } from './models/summary.js';
export { createOptimizer } from './optimizers/registry.js';
export { getLearningRate, setLearningRate } from './optimizers/learning-rate.js';
export {
  getOptimizerState,
  OptimizerStateError,
  setOptimizerState,
} from './optimizers/optimizer-state.js';
export { NADAM_DEFAULTS, NadamOptimizer, NadamStateError } from './optimizers/nadam.js';
export { BackendUnavailableError } from './backend/backend-unavailable-error.js';
// --- end ENGINE ---

// --- evaluation and preprocessing ---
export { evaluatePredictions, SAMPLES_PER_CELL } from './evaluation/evaluate-predictions.js';
export { crossEntropyFromProbs, evaluateModel } from './evaluation/evaluate-model.js';
export { preprocessBitmap, type Bitmap } from './preprocess/preprocess-bitmap.js';
// --- PERFORMANCE: how a training step is computed (one thread, or data-parallel replicas) ---
export {
  createInProcessTrainStep,
  type StepResult,
  type TrainStep,
  type TrainStepFactory,
  type TrainStepOptions,
} from './training/train-step.js';
export { GradientReplica, shardSizes } from './training/parallel/gradient-replica.js';
// --- end PERFORMANCE ---
