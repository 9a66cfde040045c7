import type { ModelName, TrainConfig } from './config.js';
import { OPTIMIZER_TABLE } from './optimizer-table.js';
import { defaultConfig } from './config-defaults.js';
import * as v from 'valibot';
import { MODEL_NAMES, PartialConfigSchema } from './config.js';
import { at, fail, parseWithSchema, type Where } from './parse-with-schema.js';
import { anyString, arrayOf, nonEmptyString, oneOf, positiveInteger } from './schema-pieces.js';
import { isSafeRunId } from './ids.js';
import { parseJsonText } from './json-syntax-error-location.js';

/** One run of a study: the model plus whatever differs from that model's defaults. */
export type StudyRunSpec = Partial<TrainConfig> & { model: ModelName };

/** A named list of runs, trained one after another as one experiment. */
export interface StudyDefinition {
  /** Becomes the experiment id's prefix: `<name>-<UTC yyyymmdd-HHMM>`. */
  name: string;
  description: string;
  runs: StudyRunSpec[];
  /** What `--quick` changes in every run: a few thousand images, an epoch or two. */
  quick: { limit: number; epochs: number };
}

/** Quick studies: 6,000 images and 2 epochs a run, a few minutes for the seed study on 2 cores. */
export const DEFAULT_QUICK = { limit: 6000, epochs: 2 } as const;

/**
 * The seed study: the dense net under each optimizer, the CNN with Adam, and the regularized CNN
 * with Adam at its own lower default rate. Learning rates come from the optimizer registry.
 */
export const SEED_STUDY: StudyDefinition = {
  name: 'seed-study',
  description:
    'Dense net with SGD, RMSProp, Adam and Nadam; CNN with Adam; regularized CNN with Adam at a lower rate.',
  runs: [
    ...(['sgd', 'rmsprop', 'adam', 'nadam'] as const).map(
      (optimizer): StudyRunSpec => ({
        model: 'dense',
        optimizer,
        learningRate: OPTIMIZER_TABLE[optimizer].defaultLearningRate,
      }),
    ),
    { model: 'cnn', optimizer: 'adam', learningRate: OPTIMIZER_TABLE.adam.defaultLearningRate },
    // The model's own default rate is the lower one it was tuned with.
    { model: 'cnn-regularized', optimizer: 'adam' },
  ],
  quick: { ...DEFAULT_QUICK },
};

/** Every built-in study by name. */
export const STUDIES: Readonly<Record<string, StudyDefinition>> = { [SEED_STUDY.name]: SEED_STUDY };

/**
 * The complete configs of a study's runs, in order: model defaults, then `defaults` for the run's
 * model (e.g. the machine's worker count), then the run's fields, then `overrides` (e.g. the CLI's
 * --backend or --seed), then the quick limits when `quick`.
 */
export function studyConfigs(
  study: StudyDefinition,
  options: {
    quick?: boolean;
    defaults?: (model: ModelName) => Partial<TrainConfig>;
    overrides?: Partial<TrainConfig>;
  } = {},
): TrainConfig[] {
  return study.runs.map((run) =>
    defaultConfig(run.model, {
      ...options.defaults?.(run.model),
      ...run,
      ...options.overrides,
      ...(options.quick ? { limit: study.quick.limit, epochs: study.quick.epochs } : {}),
    }),
  );
}

/** `dir/my-study.json` -> `my-study`, without node:path (this runs in browsers too). */
function baseName(file: string): string {
  const name = file.split(/[\\/]/).at(-1) ?? file;
  return name.replace(/\.json$/i, '');
}

/** One run in a study file: config fields (strict: a typo is a mistake), naming its model. */
const StudyRunSchema = v.strictObject(
  { ...PartialConfigSchema.entries, model: v.pipe(v.string('a model name'), oneOf(MODEL_NAMES)) },
  'an object',
);

/** A study file in its long form; strict, like its runs. */
const StudyFileSchema = v.strictObject(
  {
    name: v.exactOptional(nonEmptyString),
    description: v.exactOptional(anyString),
    runs: v.pipe(arrayOf(StudyRunSchema), v.minLength(1, 'a non-empty list of runs')),
    quick: v.exactOptional(
      v.strictObject({ limit: positiveInteger, epochs: positiveInteger }, 'an object'),
    ),
  },
  'an object',
);

/**
 * Validates a user's study file: either a JSON array of partial configs (each naming its `model`),
 * or `{ name?, description?, runs: [...], quick?: { limit, epochs } }`. Errors name the file and
 * the field, e.g. "studies/lr.json: runs[2].learningRate must be a positive number, got 0".
 */
export function parseStudyFile(json: unknown, file: string): StudyDefinition {
  const where: Where = { file, path: '' };
  const value = parseJsonText(json, where);
  const study = parseWithSchema(
    StudyFileSchema,
    Array.isArray(value) ? { runs: value } : value,
    where,
  );
  const name = study.name ?? baseName(file);
  if (!isSafeRunId(name)) fail(at(where, 'name'), 'letters, digits, - and _ only', name);
  return {
    name,
    description: study.description ?? `Study from ${file}`,
    runs: study.runs as StudyRunSpec[],
    quick: study.quick ?? { ...DEFAULT_QUICK },
  };
}
