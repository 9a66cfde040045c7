import { availableParallelism } from 'node:os';
import type { ModelName } from '@fashion-lab/run';
import { DEFAULT_MODEL } from '@fashion-lab/run';
import { MODELS } from '../models/registry.js';

/**
 * More replicas than this split a batch of 128 into shards under 32 images: each image then costs
 * more (small matrix products) and BatchNorm normalizes with noisier statistics, while the gradient
 * exchange per step stays the same size.
 */
export const MAX_DEFAULT_WORKERS = 4;

/**
 * The `--workers` a run of `model` gets unless it says otherwise: one per core, at most
 * MAX_DEFAULT_WORKERS and at most the model's own `maxWorkers` (dense: 1).
 */
export function defaultWorkerCount(
  model: ModelName = DEFAULT_MODEL,
  cores: number = availableParallelism(),
): number {
  const cap = Math.min(MAX_DEFAULT_WORKERS, MODELS[model].defaults.maxWorkers ?? Infinity);
  return Math.max(1, Math.min(cores, cap));
}
