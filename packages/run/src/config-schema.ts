import type {
  AugmentName,
  BackendChoice,
  DatasetName,
  EarlyStoppingConfig,
  LrScheduleName,
  ModelName,
  OptimizerName,
  ReduceLrOnPlateauConfig,
  TrainConfig,
  TtaName,
} from './config.js';
import {
  at,
  boolean,
  field,
  inRange,
  fail,
  object,
  oneOf,
  optionalField,
  positive,
  positiveInteger,
  type Where,
} from './checks.js';

// Records keyed by the union, so adding a name to config.ts without listing it here fails to compile.
const MODELS: Record<ModelName, true> = {
  dense: true,
  cnn: true,
  'cnn-regularized': true,
  'cnn-strong': true,
};
const OPTIMIZERS: Record<OptimizerName, true> = {
  sgd: true,
  rmsprop: true,
  adam: true,
  nadam: true,
};
const LR_SCHEDULES: Record<LrScheduleName, true> = { constant: true, cosine: true };
const BACKENDS: Record<BackendChoice, true> = { auto: true, node: true, wasm: true, cpu: true };
const DATASETS: Record<DatasetName, true> = { 'fashion-mnist': true, mnist: true };
const AUGMENTS: Record<AugmentName, true> = { off: true, flip: true, full: true };
const TTAS: Record<TtaName, true> = { off: true, flip: true };

/** Every model name a config may hold, for validation (the model registry has the details). */
export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];
/** Every optimizer name a config may hold. */
export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as OptimizerName[];
/** Every learning-rate schedule a config may name. */
export const CONFIG_LR_SCHEDULES = Object.keys(LR_SCHEDULES) as LrScheduleName[];
/** Every backend choice a config may hold. */
export const CONFIG_BACKEND_CHOICES = Object.keys(BACKENDS) as BackendChoice[];
/** Every dataset a config may name. */
export const CONFIG_DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
/** Every augmentation a config may name. */
export const CONFIG_AUGMENT_NAMES = Object.keys(AUGMENTS) as AugmentName[];
/** Every test-time augmentation a config may name. */
export const CONFIG_TTA_NAMES = Object.keys(TTAS) as TtaName[];

/**
 * An augmentation name; the booleans that run files held before augmentation had names still read
 * (true was flips, shifts and erasing: 'full'), so old runs stay readable and resumable.
 */
function validateAugment(value: unknown, where: Where): AugmentName {
  if (typeof value === 'boolean') return value ? 'full' : 'off';
  return oneOf(value, where, CONFIG_AUGMENT_NAMES);
}

/** Validates an early-stopping block. */
export function validateEarlyStopping(value: unknown, where: Where): EarlyStoppingConfig {
  const obj = object(value, where);
  return {
    patience: field(obj, 'patience', where, positiveInteger),
    restoreBestWeights: field(obj, 'restoreBestWeights', where, boolean),
  };
}

/** Validates a reduce-on-plateau block: factor in (0, 1), patience >= 1, minLr >= 0. */
export function validateReduceLrOnPlateau(value: unknown, where: Where): ReduceLrOnPlateauConfig {
  const obj = object(value, where);
  return {
    factor: field(obj, 'factor', where, (v, w) => inRange(v, w, 0, 1, { min: true, max: true })),
    patience: field(obj, 'patience', where, positiveInteger),
    minLr: field(obj, 'minLr', where, (v, w) => inRange(v, w, 0, Number.MAX_VALUE)),
  };
}

type ConfigChecks = {
  [K in keyof TrainConfig]-?: (value: unknown, where: Where) => TrainConfig[K];
};

const CONFIG_CHECKS: ConfigChecks = {
  model: (v, w) => oneOf(v, w, MODEL_NAMES),
  optimizer: (v, w) => oneOf(v, w, OPTIMIZER_NAMES),
  learningRate: positive,
  lrSchedule: (v, w) => oneOf(v, w, CONFIG_LR_SCHEDULES),
  momentum: (v, w) => inRange(v, w, 0, 1, { max: true }),
  epochs: positiveInteger,
  batchSize: positiveInteger,
  validationSplit: (v, w) => inRange(v, w, 0, 1, { max: true }),
  limit: positiveInteger,
  seed: (v, w) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      fail(w, 'an integer in [0, 4294967295]', v);
    }
    return v;
  },
  augment: validateAugment,
  tta: (v, w) => oneOf(v, w, CONFIG_TTA_NAMES),
  earlyStopping: validateEarlyStopping,
  reduceLrOnPlateau: validateReduceLrOnPlateau,
  workers: positiveInteger,
  backend: (v, w) => oneOf(v, w, CONFIG_BACKEND_CHOICES),
  dataset: (v, w) => oneOf(v, w, CONFIG_DATASET_NAMES),
};

/** Validates the value of one config field (`where` names it in errors). */
export function validateConfigField<K extends keyof TrainConfig>(
  key: K,
  value: unknown,
  where: Where,
): NonNullable<TrainConfig[K]> {
  return (CONFIG_CHECKS[key] as (value: unknown, where: Where) => NonNullable<TrainConfig[K]>)(
    value,
    where,
  );
}

/**
 * Validates every field a partial config holds (unknown keys are rejected, since a typo in a study
 * file would otherwise be silently ignored). Use `validateTrainConfig` for a complete one.
 */
export function validatePartialConfig(value: unknown, where: Where): Partial<TrainConfig> {
  const obj = object(value, where);
  for (const key of Object.keys(obj)) {
    if (!(key in CONFIG_CHECKS)) {
      fail(
        at(where, key),
        `absent (unknown field; known fields: ${CONFIG_KEYS.join(', ')})`,
        obj[key],
      );
    }
  }
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const v = optionalField(
      obj,
      key,
      where,
      CONFIG_CHECKS[key] as (v: unknown, w: Where) => unknown,
    );
    if (v !== undefined) config[key] = v;
  }
  return config as Partial<TrainConfig>;
}

/** Every key of TrainConfig, in the order run.json and the CLI list them. */
export const CONFIG_KEYS = [
  'model',
  'optimizer',
  'learningRate',
  'lrSchedule',
  'momentum',
  'epochs',
  'batchSize',
  'validationSplit',
  'limit',
  'seed',
  'augment',
  'tta',
  'earlyStopping',
  'reduceLrOnPlateau',
  'workers',
  'backend',
  'dataset',
] as const satisfies readonly (keyof TrainConfig)[];

const REQUIRED_KEYS = [
  'model',
  'optimizer',
  'learningRate',
  'epochs',
  'batchSize',
  'validationSplit',
  'seed',
  'augment',
  'workers',
  'backend',
  'dataset',
] as const satisfies readonly (keyof TrainConfig)[];

/** Validates a complete TrainConfig (as stored in run.json), naming the file and field on failure. */
export function validateTrainConfig(value: unknown, where: Where): TrainConfig {
  const config = validatePartialConfig(value, where);
  for (const key of REQUIRED_KEYS) {
    // The field's own check on the missing value gives the right "must be ..., got nothing".
    if (config[key] === undefined) CONFIG_CHECKS[key](undefined, at(where, key));
  }
  return config as TrainConfig;
}

/** The path of a config nested in a file, e.g. `config` in run.json. */
export function configWhere(file: string, path = 'config'): Where {
  return at({ file, path: '' }, path);
}
