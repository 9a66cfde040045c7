import type { ImageSet } from './dataset.js';
import { createRng } from './rng.js';
import { shuffledIndices } from './shuffled-indices.js';
import { subset } from './subset.js';

/** How to carve a training set into the part trained on and the part validated on. */
export interface SplitOptions {
  /** Fraction of the (limited) images held out for validation, in [0, 1). */
  validationSplit: number;
  /** Seed of the shuffle that decides which images are used and which are held out. */
  seed: number;
  /** Cap on the images used in all (training plus validation), applied before the split. */
  limit?: number;
}

/**
 * First takes `limit` images (if given) in a seeded-shuffled order, then splits off the last
 * round(n * validationSplit) of them for validation. A larger limit with the same seed keeps every
 * image a smaller one chose, so runs with different limits stay comparable.
 */
export function splitTrainValidation(
  set: ImageSet,
  options: SplitOptions,
): { train: ImageSet; validation: ImageSet } {
  const { validationSplit, seed, limit } = options;
  if (!(validationSplit >= 0 && validationSplit < 1)) {
    throw new RangeError(`validationSplit must be in [0, 1), got ${validationSplit}`);
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  const order = shuffledIndices(set.count, createRng(seed));
  const used = Math.min(limit ?? set.count, set.count);
  const validationCount = Math.round(used * validationSplit);
  const trainCount = used - validationCount;
  return {
    train: subset(set, order.subarray(0, trainCount)),
    validation: subset(set, order.subarray(trainCount, used)),
  };
}
