import type { ModelName, TrainConfig } from '../config.js';
import { MODELS } from '../models/registry.js';

/** The model a plain `train` uses: the seed's best network. */
export const DEFAULT_MODEL: ModelName = 'cnn-regularized';

/** A complete config for `model` from its registry defaults; `overrides` win field by field. */
export function defaultConfig(
  model: ModelName = DEFAULT_MODEL,
  overrides: Partial<TrainConfig> = {},
): TrainConfig {
  const defaults = MODELS[model].defaults;
  return {
    model,
    optimizer: defaults.optimizer,
    learningRate: defaults.learningRate,
    ...(defaults.lrSchedule !== undefined ? { lrSchedule: defaults.lrSchedule } : {}),
    epochs: defaults.epochs,
    batchSize: defaults.batchSize,
    validationSplit: 0.1,
    seed: 42,
    augment: defaults.augment ?? 'off',
    workers: 1,
    backend: 'auto',
    dataset: 'fashion-mnist',
    ...overrides,
  };
}
