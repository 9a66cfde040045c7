import * as v from 'valibot';
import { TrainConfigSchema, type TrainConfig } from './config.js';
import { parseWithSchema } from './parse-with-schema.js';
import {
  anyString,
  arrayOf,
  fraction,
  integer,
  metric,
  nonEmptyString,
  nonNegativeInteger,
  oneOf,
  record,
  seconds,
  timestamp,
  type Fields,
} from './schema-pieces.js';

/** The version of the run-directory format this code writes and reads. */
export const RUN_SCHEMA_VERSION = 1;

/** Where a run stands, as run.json records it. */
export const RUN_STATUSES = ['running', 'completed', 'interrupted', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One row of the model's Keras-style layer table. */
export const LayerSummarySchema = record({
  name: nonEmptyString,
  type: nonEmptyString,
  /** e.g. [null, 26, 26, 32]; null is the batch dimension. */
  outputShape: arrayOf(v.nullable(nonNegativeInteger)),
  params: nonNegativeInteger,
});

/** The result of a completed, evaluated run. */
export const RunSummarySchema = record({
  testLoss: metric,
  testAcc: fraction,
  /**
   * For a run that predicts with test-time flips: the test accuracy of the same model predicting
   * each image alone, to show what the flips add. Absent otherwise.
   */
  testAccWithoutTta: v.exactOptional(fraction),
  bestValAcc: metric,
  bestEpoch: nonNegativeInteger,
  seconds,
});

/** The sweep trial a run is: `runs/sweeps/<sweepId>/sweep.json` lists it as trial `trial`. */
export const RunSweepRefSchema = record({
  sweepId: nonEmptyString,
  /** The trial's 0-based index in the sweep's trials. */
  trial: nonNegativeInteger,
});

const RUN_JSON_FIELDS = {
  schemaVersion: v.literal(RUN_SCHEMA_VERSION, `${RUN_SCHEMA_VERSION} (this version's format)`),
  runId: nonEmptyString,
  /** `<study>-<UTC yyyymmdd-HHMM>` when the run belongs to a study invocation. */
  experiment: v.exactOptional(nonEmptyString),
  /** Present when the run is a trial of a sweep (runs from before sweeps have none). */
  sweep: v.exactOptional(RunSweepRefSchema),
  status: oneOf(RUN_STATUSES),
  /** The process writing the run (stale detection). */
  pid: integer,
  /** The machine that process runs on (a pid is judged only there); absent in older runs. */
  hostname: v.exactOptional(nonEmptyString),
  /** ISO time of the last sign of life; older than a minute while running means stale. */
  heartbeatAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  config: TrainConfigSchema,
  /** The backend actually used. */
  backend: nonEmptyString,
  params: nonNegativeInteger,
  layers: arrayOf(LayerSummarySchema),
  /** e.g. { tfjs: '4.22.0', node: 'v20.19.0', 'fashion-lab': '0.1.0' }. */
  versions: v.record(v.string(), anyString, 'an object'),
  /** The CLI command that reproduces the run (`reproduceCommand(config)`). */
  command: nonEmptyString,
  /** Why the run failed. */
  error: v.exactOptional(anyString),
  /** Present once the run completed and was evaluated. */
  summary: v.exactOptional(RunSummarySchema),
};

/** runs/<runId>/run.json: what a run is, where it stands and how to reproduce it. */
export const RunJsonSchema = record(RUN_JSON_FIELDS);

export type LayerSummary = Fields<typeof LayerSummarySchema.entries>;
export type RunSummary = Fields<typeof RunSummarySchema.entries>;
export type RunSweepRef = Fields<typeof RunSweepRefSchema.entries>;
export type RunJson = Omit<
  Fields<typeof RUN_JSON_FIELDS>,
  'config' | 'layers' | 'summary' | 'sweep'
> & {
  config: TrainConfig;
  layers: LayerSummary[];
  summary?: RunSummary;
  sweep?: RunSweepRef;
};

/**
 * Validates a parsed run.json; throws RunFileError naming `file` and the field
 * ("runs/x/run.json: config.epochs must be a positive integer, got -1"). Unknown fields, a newer
 * build's, are kept, so an older build reads (and rewrites) a newer run without losing them.
 */
export function validateRunJson(value: unknown, file: string): RunJson {
  return parseWithSchema(RunJsonSchema, value, { file, path: '' }) as RunJson;
}
