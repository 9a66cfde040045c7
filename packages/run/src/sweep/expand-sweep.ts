import type { ModelName, TrainConfig } from '../config.js';
import { DEFAULT_MODEL, defaultConfig } from '../config-defaults.js';
import { configKey } from './config-key.js';
import { drawPoints } from './draw-points.js';
import { gridPoints } from './grid-points.js';
import { trialRunId } from './sweep-ids.js';
import type { SweepSpec } from './sweep-spec.js';
import { isRandomSearch } from './sweep-space.js';

/** One trial of a sweep: one config trained with one seed, as one ordinary run. */
export interface SweepTrialPlan {
  /** 0-based position in the sweep's trials. */
  trial: number;
  /** Names the config without its seed (`configKey(point)`); a config's seeds share it. */
  configKey: string;
  /** The fields this config sets beyond `base`: its `configs` entry and the space's values. */
  point: Partial<TrainConfig>;
  seed: number;
  /** The complete config the trial trains: model defaults, then base, point and seed. */
  config: TrainConfig;
  /** The trial's run directory name, fixed here (see `trialRunId`). */
  runId: string;
}

/**
 * The sweep's configs in order: each `configs` entry (or one empty config) crossed with the space's
 * grid, or with its `trials` random draws (the same draws for every entry).
 */
export function sweepPoints(spec: SweepSpec): Partial<TrainConfig>[] {
  const spacePoints = isRandomSearch(spec.space)
    ? drawPoints(spec.space, spec.trials ?? 1, spec.seed ?? 0)
    : gridPoints(spec.space);
  return (spec.configs ?? [{}]).flatMap((entry) =>
    spacePoints.map((point) => ({ ...entry, ...point })),
  );
}

/**
 * Expands a parsed spec into its trials: every config of `sweepPoints` once per seed (a config's
 * seeds next to each other), each with its complete config and run id stamped with `now` (the
 * sweep's creation time). Configs are checked field by field by `parseSweepSpec`; rules across
 * fields (core's `validateConfig`) are the trainer's to check before the sweep starts.
 */
export function expandSweep(spec: SweepSpec, options: { now: Date }): SweepTrialPlan[] {
  const points = sweepPoints(spec);
  const count = points.length * spec.seeds.length;
  return points.flatMap((point, configIndex) =>
    spec.seeds.map((seed, seedIndex): SweepTrialPlan => {
      const trial = configIndex * spec.seeds.length + seedIndex;
      const model: ModelName = point.model ?? spec.base.model ?? DEFAULT_MODEL;
      const config = defaultConfig(model, { ...spec.base, ...point, seed });
      return {
        trial,
        configKey: configKey(point),
        point,
        seed,
        config,
        runId: trialRunId(config, spec.name, trial, count, options.now),
      };
    }),
  );
}
