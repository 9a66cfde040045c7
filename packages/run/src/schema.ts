import type { TrainingState } from './checkpoint.js';
import type { TrainConfig } from './config.js';
import type { LayerSummary, RunStatus, RunSummary } from './events.js';
import { base64DecodedLength } from './base64.js';
import {
  arrayOf,
  at,
  fail,
  field,
  finite,
  inRange,
  integer,
  metric,
  nonNegativeInteger,
  object,
  oneOf,
  optionalField,
  string,
  timestamp,
  type Where,
} from './checks.js';
import { validateTrainConfig } from './config-schema.js';

/** The version of the run-directory format this code writes and reads. */
export const RUN_SCHEMA_VERSION = 1;

/** runs/<runId>/run.json: what a run is, where it stands and how to reproduce it. */
export interface RunJson {
  schemaVersion: 1;
  runId: string;
  /** `<study>-<UTC yyyymmdd-HHMM>` when the run belongs to a study invocation. */
  experiment?: string;
  status: RunStatus;
  /** The process writing the run (stale detection). */
  pid: number;
  /** ISO time of the last sign of life; older than a minute while running means stale. */
  heartbeatAt: string;
  createdAt: string;
  updatedAt: string;
  config: TrainConfig;
  /** The backend actually used. */
  backend: string;
  params: number;
  layers: LayerSummary[];
  /** e.g. { tfjs: '4.22.0', node: 'v20.19.0', 'fashion-lab': '0.1.0' }. */
  versions: Record<string, string>;
  /** The CLI command that reproduces the run (`reproduceCommand(config)`). */
  command: string;
  /** Why the run failed. */
  error?: string;
  /** Present once the run completed and was evaluated. */
  summary?: RunSummary;
}

/** One test image kept for galleries: a cell of the confusion matrix can be drilled into. */
export interface Sample {
  /** Index in the test set. */
  index: number;
  label: number;
  predicted: number;
  /** The model's 10 class probabilities. */
  probs: number[];
  /** base64 of the 784 image bytes. */
  pixels: string;
}

/** runs/<runId>/evaluation.json: the final model on the full test set. */
export interface Evaluation {
  testLoss: number;
  testAcc: number;
  /** confusion[true][predicted] counts, 10x10. */
  confusion: number[][];
  perClass: { label: number; precision: number; recall: number; f1: number }[];
  /** base64 of one byte per test image: the predicted class. */
  predictions: string;
  /** Up to 12 per (label, predicted) cell, most confident first. */
  samples: Sample[];
}

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'interrupted', 'failed'];
const NUM_CLASSES = 10;
const IMAGE_PIXELS = 784;

/** A probability or accuracy in [0, 1] (null, i.e. NaN from a diverged run, allowed). */
function fraction(value: unknown, where: Where): number {
  return value === null ? Number.NaN : inRange(value, where, 0, 1);
}

function classIndex(value: unknown, where: Where): number {
  const n = nonNegativeInteger(value, where);
  if (n >= NUM_CLASSES) fail(where, `a class index 0..${NUM_CLASSES - 1}`, value);
  return n;
}

function base64Of(length: number | undefined, what: string) {
  return (value: unknown, where: Where): string => {
    const text = string(value, where, true);
    const decoded = base64DecodedLength(text);
    if (decoded === undefined) fail(where, `base64 of ${what}`, value);
    if (length !== undefined && decoded !== length) {
      fail(where, `base64 of ${length} bytes (${what})`, `${decoded} bytes`);
    }
    return text;
  };
}

/** Validates one row of a layer table. */
export function validateLayerSummary(value: unknown, where: Where): LayerSummary {
  const obj = object(value, where);
  return {
    name: field(obj, 'name', where, string),
    type: field(obj, 'type', where, string),
    outputShape: field(obj, 'outputShape', where, (v, w) =>
      arrayOf(v, w, (d, dw) => (d === null ? null : nonNegativeInteger(d, dw))),
    ),
    params: field(obj, 'params', where, nonNegativeInteger),
  };
}

/** Validates the summary of a completed run. */
export function validateRunSummary(value: unknown, where: Where): RunSummary {
  const obj = object(value, where);
  const testAccWithoutTta = optionalField(obj, 'testAccWithoutTta', where, fraction);
  return {
    testLoss: field(obj, 'testLoss', where, metric),
    testAcc: field(obj, 'testAcc', where, fraction),
    ...(testAccWithoutTta === undefined ? {} : { testAccWithoutTta }),
    bestValAcc: field(obj, 'bestValAcc', where, metric),
    bestEpoch: field(obj, 'bestEpoch', where, nonNegativeInteger),
    seconds: field(obj, 'seconds', where, (v, w) => inRange(v, w, 0, Number.MAX_VALUE)),
  };
}

/**
 * Validates a parsed run.json; throws RunFileError naming `file` and the field
 * ("runs/x/run.json: config.epochs must be a positive integer, got -1"). Unknown fields are dropped.
 */
export function validateRunJson(value: unknown, file: string): RunJson {
  const where: Where = { file, path: '' };
  const obj = object(value, where);
  field(obj, 'schemaVersion', where, (v, w) =>
    v === RUN_SCHEMA_VERSION ? v : fail(w, `${RUN_SCHEMA_VERSION} (this version's format)`, v),
  );
  const experiment = optionalField(obj, 'experiment', where, string);
  const error = optionalField(obj, 'error', where, (v, w) => string(v, w, true));
  const summary = optionalField(obj, 'summary', where, validateRunSummary);
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    runId: field(obj, 'runId', where, string),
    ...(experiment === undefined ? {} : { experiment }),
    status: field(obj, 'status', where, (v, w) => oneOf(v, w, STATUSES)),
    pid: field(obj, 'pid', where, integer),
    heartbeatAt: field(obj, 'heartbeatAt', where, timestamp),
    createdAt: field(obj, 'createdAt', where, timestamp),
    updatedAt: field(obj, 'updatedAt', where, timestamp),
    config: validateTrainConfig(obj['config'], at(where, 'config')),
    backend: field(obj, 'backend', where, string),
    params: field(obj, 'params', where, nonNegativeInteger),
    layers: field(obj, 'layers', where, (v, w) => arrayOf(v, w, validateLayerSummary)),
    versions: field(obj, 'versions', where, (v, w) => {
      const versions = object(v, w);
      for (const key of Object.keys(versions)) string(versions[key], at(w, key), true);
      return { ...(versions as Record<string, string>) };
    }),
    command: field(obj, 'command', where, string),
    ...(error === undefined ? {} : { error }),
    ...(summary === undefined ? {} : { summary }),
  };
}

/** Validates one gallery sample. */
export function validateSample(value: unknown, where: Where): Sample {
  const obj = object(value, where);
  return {
    index: field(obj, 'index', where, nonNegativeInteger),
    label: field(obj, 'label', where, classIndex),
    predicted: field(obj, 'predicted', where, classIndex),
    probs: field(obj, 'probs', where, (v, w) => arrayOf(v, w, fraction, NUM_CLASSES)),
    pixels: field(obj, 'pixels', where, base64Of(IMAGE_PIXELS, 'a 28x28 image')),
  };
}

/**
 * Validates a parsed evaluation.json: a 10x10 confusion matrix, 10 per-class rows, predictions
 * with one byte per counted test image, well-formed samples.
 */
export function validateEvaluation(value: unknown, file: string): Evaluation {
  const where: Where = { file, path: '' };
  const obj = object(value, where);
  const confusion = field(obj, 'confusion', where, (v, w) =>
    arrayOf(v, w, (row, rw) => arrayOf(row, rw, nonNegativeInteger, NUM_CLASSES), NUM_CLASSES),
  );
  const total = confusion.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  return {
    testLoss: field(obj, 'testLoss', where, metric),
    testAcc: field(obj, 'testAcc', where, fraction),
    confusion,
    perClass: field(obj, 'perClass', where, (v, w) =>
      arrayOf(
        v,
        w,
        (row, rw) => {
          const r = object(row, rw);
          return {
            label: field(r, 'label', rw, classIndex),
            precision: field(r, 'precision', rw, fraction),
            recall: field(r, 'recall', rw, fraction),
            f1: field(r, 'f1', rw, fraction),
          };
        },
        NUM_CLASSES,
      ),
    ),
    predictions: field(
      obj,
      'predictions',
      where,
      base64Of(total, 'one predicted class per image in the confusion matrix'),
    ),
    samples: field(obj, 'samples', where, (v, w) => arrayOf(v, w, validateSample)),
  };
}

/** Validates a checkpoint's state.json. */
export function validateTrainingState(value: unknown, file: string): TrainingState {
  const where: Where = { file, path: '' };
  const obj = object(value, where);
  return {
    epoch: field(obj, 'epoch', where, nonNegativeInteger),
    rngState: field(obj, 'rngState', where, (v, w) => arrayOf(v, w, finite)),
    learningRate: field(obj, 'learningRate', where, finite),
    // JSON has no Infinity: the starting bests are written as null and come back as +-Infinity.
    bestValAcc: field(obj, 'bestValAcc', where, (v, w) => (v === null ? -Infinity : finite(v, w))),
    bestEpoch: field(obj, 'bestEpoch', where, nonNegativeInteger),
    epochsWithoutImprovement: field(obj, 'epochsWithoutImprovement', where, nonNegativeInteger),
    plateauEpochs: field(obj, 'plateauEpochs', where, nonNegativeInteger),
    bestValLoss: field(obj, 'bestValLoss', where, (v, w) => (v === null ? Infinity : finite(v, w))),
    seconds: field(obj, 'seconds', where, (v, w) => inRange(v, w, 0, Number.MAX_VALUE)),
  };
}
