import { availableParallelism } from 'node:os';

/**
 * More replicas than this split a batch of 128 into shards under 32 images: each image then costs
 * more (small matrix products) and BatchNorm normalizes with noisier statistics, while the gradient
 * exchange per step stays the same size.
 */
export const MAX_DEFAULT_WORKERS = 4;

/** The `--workers` a run gets unless it says otherwise: one per core, at most MAX_DEFAULT_WORKERS. */
export function defaultWorkerCount(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(cores, MAX_DEFAULT_WORKERS));
}
