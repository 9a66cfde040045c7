// The run-directory contract: what a run is and how its files read. Runs anywhere (Node and the
// browser) and loads no tfjs; Node-only I/O is in `@fashion-lab/run/node`.
export type * from './config.js';
export type * from './events.js';
export type * from './run-json.js';
export type * from './evaluation.js';
export type * from './explain.js';
export type * from './embedding.js';
export type * from './metrics-lines.js';
export type * from './checkpoint.js';
export type * from './model-artifacts.js';
export { MODEL_TABLE, type ModelDefaults, type ModelInfo } from './model-table.js';
export { OPTIMIZER_TABLE, type OptimizerInfo } from './optimizer-table.js';
export { DEFAULT_MODEL, defaultConfig, defaultTta } from './config-defaults.js';
export {
  MODEL_NAMES,
  OPTIMIZER_NAMES,
  CONFIG_AUGMENT_NAMES,
  CONFIG_BACKEND_CHOICES,
  CONFIG_DATASET_NAMES,
  CONFIG_KEYS,
  CONFIG_LR_SCHEDULES,
  CONFIG_TTA_NAMES,
  PartialConfigSchema,
  TrainConfigSchema,
  validateConfigField,
  validatePartialConfig,
  validateTrainConfig,
} from './config.js';
export {
  RUN_SCHEMA_VERSION,
  RUN_STATUSES,
  RunJsonSchema,
  RunSweepRefSchema,
  validateRunJson,
} from './run-json.js';
export { EvaluationSchema, validateEvaluation } from './evaluation.js';
export { EXPLAIN_METHODS, ExplainSchema, HeatmapSchema, validateExplain } from './explain.js';
export { decodePoints, EmbeddingSchema, encodePoints, validateEmbedding } from './embedding.js';
export { TrainingStateSchema, validateTrainingState } from './checkpoint.js';
export { WEIGHT_DTYPES } from './model-artifacts.js';
export { describeValue, RunFileError } from './run-file-error.js';
export { parseWithSchema, type Where } from './parse-with-schema.js';
export { MetricsLineSchema, parseMetricsLines, validateMetricsLine } from './metrics-lines.js';
export {
  createRunId,
  experimentId,
  isSafeRunId,
  RUN_ID_PATTERN,
  SWEEPS_DIR,
  utcStamp,
} from './ids.js';
export {
  CONFIG_FLAGS,
  ConfigFlagError,
  configFlagName,
  configToArgs,
  DEFAULT_REDUCE_LR_ON_PLATEAU,
  type ConfigFlag,
} from './config-flags.js';
export { reproduceCommand } from './reproduce-command.js';
export { effectiveStatus, STALE_AFTER_MS } from './status.js';
export {
  DEFAULT_QUICK,
  parseStudyFile,
  SEED_STUDY,
  STUDIES,
  studyConfigs,
  type StudyDefinition,
  type StudyRunSpec,
} from './study.js';
export { base64DecodedLength, decodeBase64, encodeBase64 } from './base64.js';
export { curves, type BatchPoint, type Curves } from './analysis/curves.js';
export { bestEpoch } from './analysis/best-epoch.js';
export { normalizedConfusion } from './analysis/normalized-confusion.js';
export { emaSmooth } from './analysis/smoothing.js';
export { comparisonRows, type ComparisonRow } from './analysis/comparison.js';
export { mostConfusedPairs, type ConfusedPair } from './analysis/most-confused-pairs.js';
// Sweeps: the spec, its expansion into trials, sweep.json, successive halving, the statistics.
export {
  MAX_SWEEP_TRIALS,
  parseSweepSpec,
  SweepSpecSchema,
  type SweepHalving,
  type SweepSpec,
} from './sweep/sweep-spec.js';
export {
  DISTRIBUTION_NAMES,
  distinctPoints,
  isRandomSearch,
  spaceEntries,
  type DistributionName,
  type SpaceDimension,
  type SpaceDistribution,
  type SweepSpace,
  type SweepValue,
} from './sweep/sweep-space.js';
export {
  numericKind,
  SWEEP_FIELDS,
  type NumericKind,
  type SweepField,
} from './sweep/space-fields.js';
export { BASE_CONFIG_KEY, configKey } from './sweep/config-key.js';
export { sweepIdFor, trialRunId } from './sweep/sweep-ids.js';
export { gridPoints } from './sweep/grid-points.js';
export { drawPoints } from './sweep/draw-points.js';
export { expandSweep, sweepPoints, type SweepTrialPlan } from './sweep/expand-sweep.js';
export {
  planSweep,
  SWEEP_FILE,
  SWEEP_SCHEMA_VERSION,
  SweepJsonSchema,
  TRIAL_STATES,
  validateSweepJson,
  type SweepJson,
  type SweepTrial,
  type TrialState,
} from './sweep/sweep-json.js';
export { rungEpochs } from './sweep/rung-epochs.js';
export { bestValAccThrough } from './sweep/best-val-acc-through.js';
export { ashaDecisions, type HalvingDecisions, type RungProgress } from './sweep/asha-decisions.js';
export {
  advanceHalving,
  recordRungResult,
  rungProgress,
  trialsByConfig,
} from './sweep/sweep-halving.js';
export { sampleStatistics, type SampleStatistics } from './sweep/sample-statistics.js';
export { accuracyInterval } from './sweep/accuracy-interval.js';
export { welchTTest, type SampleSummary, type WelchTest } from './sweep/welch-t-test.js';
export {
  SIGNIFICANCE_LEVEL,
  sweepResults,
  type ConfigResult,
  type Lead,
  type SweepResults,
  type TrialRef,
  type TrialRun,
} from './sweep/sweep-results.js';
export {
  configLine,
  formatMeanStd,
  formatPValue,
  sweepSentence,
} from './sweep/sweep-summary-text.js';
