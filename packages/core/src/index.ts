// --- LEAD: configuration, events and the training loop ---
export type * from './config.js';
export type * from './events.js';
export type * from './checkpoint.js';
export { DEFAULT_MODEL, defaultConfig } from './training/config-defaults.js';
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
export type { ModelDefaults, ModelSpec } from './models/model-spec.js';
export { MODELS, MODEL_NAMES } from './models/registry.js';
export { countParams, summarizeLayers } from './models/summary.js';
export { reseedDropout } from './models/dropout-seeds.js';
export {
  createOptimizer,
  OPTIMIZERS,
  OPTIMIZER_NAMES,
  type OptimizerSpec,
} from './optimizers/registry.js';
export { getLearningRate, setLearningRate } from './optimizers/learning-rate.js';
export {
  getOptimizerState,
  OptimizerStateError,
  setOptimizerState,
} from './optimizers/optimizer-state.js';
export { NADAM_DEFAULTS, NadamOptimizer, NadamStateError } from './optimizers/nadam.js';
export { registerWasmTrainingKernels } from './kernels/register-wasm-training-kernels.js';
export { BackendUnavailableError } from './backend/backend-unavailable-error.js';
export { silenceTfjsNodeHint } from './backend/silence-node-hint.js';
// --- end ENGINE ---

// --- RUN: run-file schemas, ids, commands, evaluation, preprocessing, analysis, studies, reporting ---
export type { Evaluation, RunJson, Sample } from './run/schema.js';
export {
  RUN_SCHEMA_VERSION,
  validateEvaluation,
  validateLayerSummary,
  validateRunJson,
  validateRunSummary,
  validateSample,
  validateTrainingState,
} from './run/schema.js';
export { RunFileError } from './run/run-file-error.js';
export type { Where } from './run/checks.js';
export {
  CONFIG_AUGMENT_NAMES,
  CONFIG_BACKEND_CHOICES,
  CONFIG_DATASET_NAMES,
  CONFIG_KEYS,
  CONFIG_MODEL_NAMES,
  CONFIG_OPTIMIZER_NAMES,
  validateConfigField,
  validatePartialConfig,
  validateTrainConfig,
} from './run/config-schema.js';
export { parseMetricsLines, validateMetricsLine, type SkippedLine } from './run/metrics-lines.js';
export { createRunId, experimentId, isSafeRunId, RUN_ID_PATTERN, utcStamp } from './run/ids.js';
export {
  CONFIG_FLAGS,
  ConfigFlagError,
  configToArgs,
  DEFAULT_REDUCE_LR_ON_PLATEAU,
  parseConfigFlags,
  type ConfigFlag,
} from './run/config-flags.js';
export { reproduceCommand } from './run/reproduce-command.js';
export { effectiveStatus, STALE_AFTER_MS } from './run/status.js';
export {
  DEFAULT_QUICK,
  parseStudyFile,
  SEED_STUDY,
  STUDIES,
  studyConfigs,
  type StudyDefinition,
  type StudyRunSpec,
} from './run/study.js';
export { decodeBase64, encodeBase64 } from './evaluation/base64.js';
export { evaluatePredictions, SAMPLES_PER_CELL } from './evaluation/evaluate-predictions.js';
export { crossEntropyFromProbs, evaluateModel } from './evaluation/evaluate-model.js';
export { mostConfusedPairs, type ConfusedPair } from './evaluation/most-confused-pairs.js';
export { preprocessBitmap, type Bitmap } from './preprocess/preprocess-bitmap.js';
export { curves, type BatchPoint, type Curves } from './analysis/curves.js';
export { bestEpoch } from './analysis/best-epoch.js';
export { normalizedConfusion } from './analysis/normalized-confusion.js';
export { emaSmooth } from './analysis/smoothing.js';
export { comparisonRows, type ComparisonRow } from './analysis/comparison.js';
export { toAsyncIterable } from './reporting/to-async-iterable.js';
export { combineReporters } from './reporting/combine-reporters.js';
// --- end RUN ---
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
