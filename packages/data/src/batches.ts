import { augmentBatch, type AugmentOptions } from './augment-batch.js';
import type { Batch } from './batch.js';
import { IMAGE_PIXELS } from './class-names.js';
import type { ImageSet } from './dataset.js';
import { normalizeImages } from './normalize-images.js';
import type { Rng } from './rng.js';

/** How {@link batches} walks an ImageSet. */
export interface BatchOptions {
  batchSize: number;
  /** Image indices in visiting order (e.g. a fresh shuffledIndices per epoch); default 0..count-1. */
  order?: ArrayLike<number>;
  /** Augmentation to apply to every batch; off when absent or false (never augment evaluation). */
  augment?: AugmentOptions | false;
  /** Where augmentation draws from; required when `augment` is set. */
  rng?: Rng;
}

/**
 * Batches in the order of `order` (default 0..count-1); the last partial batch is included and
 * augmentation draws from `rng`. Each batch gets fresh arrays, so consumers may keep them.
 */
export function* batches(set: ImageSet, options: BatchOptions): Generator<Batch> {
  const { batchSize, order, augment, rng } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batches: batchSize must be a positive integer, got ${batchSize}`);
  }
  if (augment && !rng) {
    throw new TypeError('batches: augmentation needs an rng so it is reproducible');
  }
  const total = order ? order.length : set.count;
  for (let start = 0; start < total; start += batchSize) {
    const size = Math.min(batchSize, total - start);
    const images = new Float32Array(size * IMAGE_PIXELS);
    const labels = new Uint8Array(size);
    for (let item = 0; item < size; item++) {
      const index = order ? order[start + item]! : start + item;
      if (!Number.isInteger(index) || index < 0 || index >= set.count) {
        throw new RangeError(`batches: index ${index} is outside 0..${set.count - 1}`);
      }
      const source = index * IMAGE_PIXELS;
      normalizeImages(
        set.images.subarray(source, source + IMAGE_PIXELS),
        images.subarray(item * IMAGE_PIXELS, (item + 1) * IMAGE_PIXELS),
      );
      labels[item] = set.labels[index]!;
    }
    const batch: Batch = { images, labels, size };
    if (augment && rng) augmentBatch(batch, rng, augment);
    yield batch;
  }
}
