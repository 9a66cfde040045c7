import * as v from 'valibot';
import { TrainConfigSchema } from '../config.js';
import { isSafeRunId } from '../ids.js';
import { parseWithSchema } from '../parse-with-schema.js';
import {
  anyString,
  arrayOf,
  boolean,
  fraction,
  nonEmptyString,
  nonNegativeInteger,
  oneOf,
  plainObject,
  positiveInteger,
  record,
  timestamp,
} from '../schema-pieces.js';
import { expandSweep, type SweepTrialPlan } from './expand-sweep.js';
import { rungEpochs } from './rung-epochs.js';
import { sweepIdFor } from './sweep-ids.js';
import type { SweepSpec } from './sweep-spec.js';

/** The version of the sweep.json format this code writes and reads. */
export const SWEEP_SCHEMA_VERSION = 1;

/** The file in `runs/sweeps/<sweepId>/`. */
export const SWEEP_FILE = 'sweep.json';

/**
 * Where a trial stands. 'pending': waiting to train (to its `rung`, with halving); 'running':
 * a worker trains it; 'paused': it reached its rung and waits for the halving decision;
 * 'completed': trained to the end and evaluated; 'failed': stopped by an error (see `error`);
 * 'pruned': halving stopped it for good at its rung.
 */
export const TRIAL_STATES = [
  'pending',
  'running',
  'paused',
  'completed',
  'failed',
  'pruned',
] as const;
export type TrialState = (typeof TRIAL_STATES)[number];

/** A trial's config fields, as much as a point holds; unknown fields are kept. */
const pointSchema = v.pipe(plainObject, v.partial(v.looseObject(TrainConfigSchema.entries)));

const SweepTrialSchema = record({
  trial: nonNegativeInteger,
  configKey: nonEmptyString,
  point: pointSchema,
  seed: TrainConfigSchema.entries.seed,
  config: TrainConfigSchema,
  runId: v.pipe(
    v.string('a run id (letters, digits, - and _)'),
    v.check(isSafeRunId, 'a run id (letters, digits, - and _)'),
  ),
  state: oneOf(TRIAL_STATES),
  /** Why the trial failed. */
  error: v.exactOptional(anyString),
  /** Halving: the rung (index into `rungs`) the trial trains to, or reached when paused or pruned. */
  rung: v.exactOptional(nonNegativeInteger),
  /**
   * Halving: the best validation accuracy through each rung's epoch the trial reached (index =
   * rung), written by whoever pauses or completes it; the promotions are decided on these.
   */
  rungBestValAcc: v.exactOptional(arrayOf(fraction)),
});

/** The spec as stored in sweep.json: as `parseSweepSpec` completed it; unknown fields kept. */
const StoredSpecSchema = record({
  name: nonEmptyString,
  description: v.exactOptional(anyString),
  base: pointSchema,
  configs: v.exactOptional(arrayOf(pointSchema)),
  space: plainObject,
  seeds: v.pipe(
    arrayOf(TrainConfigSchema.entries.seed),
    v.minLength(1, 'a non-empty list of seeds'),
  ),
  trials: v.exactOptional(positiveInteger),
  seed: v.exactOptional(TrainConfigSchema.entries.seed),
  halving: v.exactOptional(record({ minEpochs: positiveInteger, factor: positiveInteger })),
  explain: boolean,
});

/** runs/sweeps/<sweepId>/sweep.json: the spec, its trials and where each stands. */
export const SweepJsonSchema = record({
  schemaVersion: v.literal(SWEEP_SCHEMA_VERSION, `${SWEEP_SCHEMA_VERSION} (this version's format)`),
  sweepId: nonEmptyString,
  createdAt: timestamp,
  updatedAt: timestamp,
  spec: StoredSpecSchema,
  /** Halving: the epochs of each rung, the final epoch count last (see `rungEpochs`). */
  rungs: v.exactOptional(arrayOf(positiveInteger)),
  trials: arrayOf(SweepTrialSchema),
});

/** One trial in sweep.json: its plan plus where it stands. */
export interface SweepTrial extends SweepTrialPlan {
  state: TrialState;
  error?: string;
  rung?: number;
  rungBestValAcc?: number[];
}

/** The content of sweep.json. */
export interface SweepJson {
  schemaVersion: typeof SWEEP_SCHEMA_VERSION;
  sweepId: string;
  createdAt: string;
  updatedAt: string;
  spec: SweepSpec;
  rungs?: number[];
  trials: SweepTrial[];
}

/**
 * Validates a parsed sweep.json; throws RunFileError naming `file` and the field. Unknown fields,
 * a newer build's, are kept, as run.json's are.
 */
export function validateSweepJson(value: unknown, file: string): SweepJson {
  return parseWithSchema(SweepJsonSchema, value, { file, path: '' }) as SweepJson;
}

/**
 * A new sweep's sweep.json, every trial pending: expanded from `spec` (as `parseSweepSpec` returns
 * it) at `now`, which also stamps the sweep id and the trials' run ids. With halving, every trial
 * first trains to rung 0.
 */
export function planSweep(spec: SweepSpec, options: { now: Date }): SweepJson {
  const trials = expandSweep(spec, options);
  const rungs =
    spec.halving === undefined
      ? undefined
      : rungEpochs(trials[0]?.config.epochs ?? 1, spec.halving.minEpochs, spec.halving.factor);
  const at = options.now.toISOString();
  return {
    schemaVersion: SWEEP_SCHEMA_VERSION,
    sweepId: sweepIdFor(spec.name, options.now),
    createdAt: at,
    updatedAt: at,
    spec,
    ...(rungs === undefined ? {} : { rungs }),
    trials: trials.map(
      (trial): SweepTrial => ({
        ...trial,
        state: 'pending',
        ...(rungs === undefined ? {} : { rung: 0, rungBestValAcc: [] }),
      }),
    ),
  };
}
