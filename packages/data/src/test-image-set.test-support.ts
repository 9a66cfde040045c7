import { IMAGE_PIXELS } from './class-names.js';
import type { ImageSet } from './dataset.js';

/**
 * A synthetic ImageSet whose image i carries i in its first two pixels (i = 256 * p0 + p1) and
 * label i % 10, so tests can tell which image ended up where.
 */
export function numberedImageSet(count: number): ImageSet {
  const images = new Uint8Array(count * IMAGE_PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    images[i * IMAGE_PIXELS] = i >> 8;
    images[i * IMAGE_PIXELS + 1] = i & 0xff;
    labels[i] = i % 10;
  }
  return { images, labels, count };
}

/** The numbers {@link numberedImageSet} wrote into each image of `set`, in order. */
export function imageNumbers(set: ImageSet): number[] {
  return Array.from(
    { length: set.count },
    (_, k) => set.images[k * IMAGE_PIXELS]! * 256 + set.images[k * IMAGE_PIXELS + 1]!,
  );
}
