import { IMAGE_PIXELS } from './class-names.js';
import type { ImageSet } from './dataset.js';

/** Copies the images and labels at `indices` (in that order) into a new, compact ImageSet. */
export function subset(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const count = indices.length;
  const images = new Uint8Array(count * IMAGE_PIXELS);
  const labels = new Uint8Array(count);
  for (let k = 0; k < count; k++) {
    const index = indices[k]!;
    if (!Number.isInteger(index) || index < 0 || index >= set.count) {
      throw new RangeError(`subset: index ${index} is outside 0..${set.count - 1}`);
    }
    const start = index * IMAGE_PIXELS;
    images.set(set.images.subarray(start, start + IMAGE_PIXELS), k * IMAGE_PIXELS);
    labels[k] = set.labels[index]!;
  }
  return { images, labels, count };
}
