import * as v from 'valibot';
import { at, parseWithSchema, type Where } from './parse-with-schema.js';
import {
  boolean,
  inRange,
  oneOf,
  positive,
  positiveInteger,
  record,
  type Fields,
} from './schema-pieces.js';

/**
 * The configuration of one training run: every field is a CLI flag and is stored in run.json, so a
 * run can always be reproduced (see `reproduceCommand`). The schema below is the one definition:
 * the types, the field list, the flags and every reader derive from it.
 */

/** Every model a config may name, simplest first (core's registry builds each). */
export const MODEL_NAMES = ['dense', 'cnn', 'cnn-regularized', 'cnn-strong'] as const;
/** Every optimizer a config may name. */
export const OPTIMIZER_NAMES = ['sgd', 'rmsprop', 'adam', 'nadam'] as const;
/** How the learning rate changes over the epochs of a run. */
export const CONFIG_LR_SCHEDULES = ['constant', 'cosine'] as const;
/** Every backend choice a config may hold ('auto' picks the fastest that loads). */
export const CONFIG_BACKEND_CHOICES = ['auto', 'node', 'wasm', 'cpu'] as const;
/** Every dataset a config may name. */
export const CONFIG_DATASET_NAMES = ['fashion-mnist', 'mnist'] as const;
/**
 * Which random changes training images get: 'flip' mirrors left-right; 'full' also shifts by up
 * to 2 pixels and blanks a random rectangle (see core's `AUGMENT_PRESETS`).
 */
export const CONFIG_AUGMENT_NAMES = ['off', 'flip', 'full'] as const;
/**
 * Test-time augmentation: 'flip' predicts each image and its left-right mirror and averages the
 * two probability vectors (validation, test and single predictions alike); 'off' the image alone.
 */
export const CONFIG_TTA_NAMES = ['off', 'flip'] as const;

export type ModelName = (typeof MODEL_NAMES)[number];
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
export type LrScheduleName = (typeof CONFIG_LR_SCHEDULES)[number];
export type BackendChoice = (typeof CONFIG_BACKEND_CHOICES)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
export type DatasetName = (typeof CONFIG_DATASET_NAMES)[number];
export type AugmentName = (typeof CONFIG_AUGMENT_NAMES)[number];
export type TtaName = (typeof CONFIG_TTA_NAMES)[number];

/**
 * An augmentation name; the booleans that run files held before augmentation had names still read
 * (true was flips, shifts and erasing: 'full'), so old runs stay readable and resumable.
 */
const augment = v.union(
  [
    oneOf(CONFIG_AUGMENT_NAMES),
    v.pipe(
      v.boolean(),
      v.transform((on): AugmentName => (on ? 'full' : 'off')),
    ),
  ],
  `one of ${CONFIG_AUGMENT_NAMES.map((name) => `'${name}'`).join(', ')}`,
);

/** Stop when validation accuracy has not improved for `patience` epochs. */
const earlyStopping = record({
  patience: positiveInteger,
  /** Put back the weights of the best epoch when stopping. */
  restoreBestWeights: boolean,
});

/** Multiply the learning rate by `factor` when validation loss stalls for `patience` epochs. */
const reduceLrOnPlateau = record({
  factor: inRange(0, 1, { min: true, max: true }),
  patience: positiveInteger,
  minLr: inRange(0, Number.MAX_VALUE),
});

const seed = v.pipe(
  v.number('an integer in [0, 4294967295]'),
  v.integer('an integer in [0, 4294967295]'),
  v.minValue(0, 'an integer in [0, 4294967295]'),
  v.maxValue(0xffffffff, 'an integer in [0, 4294967295]'),
);

/** Every config field's schema, in the order run.json, the CLI and `reproduceCommand` list them. */
const CONFIG_FIELDS = {
  model: oneOf(MODEL_NAMES),
  optimizer: oneOf(OPTIMIZER_NAMES),
  learningRate: positive,
  /**
   * 'cosine': epoch e of E trains at learningRate * (1 + cos(pi * (e - 1) / E)) / 2, from the full
   * rate down to a few percent of it. Absent: 'constant'.
   */
  lrSchedule: v.exactOptional(oneOf(CONFIG_LR_SCHEDULES)),
  /** SGD only. */
  momentum: v.exactOptional(inRange(0, 1, { max: true })),
  epochs: positiveInteger,
  batchSize: positiveInteger,
  /** Fraction of the (limited) training images held out for validation, after a seeded shuffle. */
  validationSplit: inRange(0, 1, { max: true }),
  /** Caps the training images used in all (training plus validation), applied before the split. */
  limit: v.exactOptional(positiveInteger),
  seed,
  augment,
  /** How images are predicted; absent (run files from before it existed): 'off'. */
  tta: v.exactOptional(oneOf(CONFIG_TTA_NAMES)),
  earlyStopping: v.exactOptional(earlyStopping),
  reduceLrOnPlateau: v.exactOptional(reduceLrOnPlateau),
  workers: positiveInteger,
  backend: oneOf(CONFIG_BACKEND_CHOICES),
  dataset: oneOf(CONFIG_DATASET_NAMES),
};

/** A complete config as run.json stores it; unknown fields (a newer build's) are kept. */
export const TrainConfigSchema = record(CONFIG_FIELDS);

/** The TypeScript shape of a config: exactly the schema's fields. */
export type TrainConfig = Fields<typeof CONFIG_FIELDS>;
export type EarlyStoppingConfig = v.InferOutput<typeof earlyStopping>;
export type ReduceLrOnPlateauConfig = v.InferOutput<typeof reduceLrOnPlateau>;

/**
 * Some config fields, as a study file lists them: strict, since a typo there would otherwise be
 * silently ignored.
 */
export const PartialConfigSchema = v.partial(v.strictObject(CONFIG_FIELDS, 'an object'));

/** Every key of TrainConfig, in the order run.json and the CLI list them. */
export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[];

/** Validates the value of one config field (`where` names it in errors). */
export function validateConfigField<K extends keyof TrainConfig>(
  key: K,
  value: unknown,
  where: Where,
): NonNullable<TrainConfig[K]> {
  const field = CONFIG_FIELDS[key];
  const schema = ('wrapped' in field ? field.wrapped : field) as v.GenericSchema;
  return parseWithSchema(schema, value, where) as NonNullable<TrainConfig[K]>;
}

/** Validates every field a partial config holds; unknown keys are rejected (study files). */
export function validatePartialConfig(value: unknown, where: Where): Partial<TrainConfig> {
  return parseWithSchema(PartialConfigSchema, value, where) as Partial<TrainConfig>;
}

/** Validates a complete TrainConfig (as stored in run.json), naming the file and field on failure. */
export function validateTrainConfig(value: unknown, where: Where): TrainConfig {
  return parseWithSchema(TrainConfigSchema, value, where) as TrainConfig;
}

/** The path of a config nested in a file, e.g. `config` in run.json. */
export function configWhere(file: string, path = 'config'): Where {
  return at({ file, path: '' }, path);
}
