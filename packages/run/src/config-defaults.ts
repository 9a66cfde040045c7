import type { AugmentName, ModelName, TrainConfig, TtaName } from './config.js';
import { MODEL_TABLE } from './model-table.js';

/** The model a plain `train` uses: the seed's best network. */
export const DEFAULT_MODEL: ModelName = 'cnn-regularized';

/**
 * How a run predicts unless told: like it trained. A model trained on mirrored images predicts
 * better still from the mean of the image and its mirror (measured: cnn-strong +0.03 to +0.33
 * points, cnn-regularized +0.06 to +0.57); one that never saw a mirror predicts mirrors badly (the
 * dense net loses 9 points, the CNN 3).
 */
export function defaultTta(augment: AugmentName): TtaName {
  return augment === 'off' ? 'off' : 'flip';
}

/** A complete config for `model` from its registry defaults; `overrides` win field by field. */
export function defaultConfig(
  model: ModelName = DEFAULT_MODEL,
  overrides: Partial<TrainConfig> = {},
): TrainConfig {
  const defaults = MODEL_TABLE[model].defaults;
  const augment = overrides.augment ?? defaults.augment ?? 'off';
  return {
    model,
    optimizer: defaults.optimizer,
    learningRate: defaults.learningRate,
    ...(defaults.lrSchedule !== undefined ? { lrSchedule: defaults.lrSchedule } : {}),
    epochs: defaults.epochs,
    batchSize: defaults.batchSize,
    validationSplit: 0.1,
    seed: 42,
    augment,
    tta: defaultTta(augment),
    workers: 1,
    backend: 'auto',
    dataset: 'fashion-mnist',
    ...overrides,
  };
}
