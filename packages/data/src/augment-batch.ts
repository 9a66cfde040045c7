import { IMAGE_PIXELS, IMAGE_SIZE } from './class-names.js';
import type { Batch } from './batch.js';
import type { Rng } from './rng.js';

/** Which random changes training images get; each is drawn per image from the run's Rng. */
export interface AugmentOptions {
  /** Mirror left-right with probability 1/2 (clothing is near-symmetric; sneakers point either way). */
  flip: boolean;
  /** Shift by a uniform whole number of pixels in -maxShift..maxShift per axis, filling with 0. */
  maxShift: number;
  /** With probability 1/2, blank a random rectangle of 3..10 x 3..10 pixels (random erasing). */
  erase: boolean;
}

/** The augmentation training uses unless told otherwise. */
export const DEFAULT_AUGMENT: Readonly<AugmentOptions> = Object.freeze({
  flip: true,
  maxShift: 2,
  erase: true,
});

const ERASE_MIN_SIDE = 3;
const ERASE_MAX_SIDE = 10;

// One image's worth of scratch space, reused across calls: it never leaves this module.
const scratch = new Float32Array(IMAGE_PIXELS);

/**
 * Augments a batch in place (flip, shift, erase per {@link AugmentOptions}); labels are untouched.
 * The same batch, options and Rng state always give the same result.
 */
export function augmentBatch(
  batch: Batch,
  rng: Rng,
  options: AugmentOptions = DEFAULT_AUGMENT,
): void {
  const { flip, maxShift, erase } = options;
  if (!Number.isInteger(maxShift) || maxShift < 0 || maxShift >= IMAGE_SIZE) {
    throw new RangeError(
      `augmentBatch: maxShift must be an integer in 0..${IMAGE_SIZE - 1}, got ${maxShift}`,
    );
  }
  const images = batch.images;
  for (let item = 0; item < batch.size; item++) {
    const offset = item * IMAGE_PIXELS;
    const mirrored = flip && rng.next() < 0.5;
    const dx = maxShift > 0 ? rng.nextInt(2 * maxShift + 1) - maxShift : 0;
    const dy = maxShift > 0 ? rng.nextInt(2 * maxShift + 1) - maxShift : 0;
    if (mirrored || dx !== 0 || dy !== 0) {
      scratch.set(images.subarray(offset, offset + IMAGE_PIXELS));
      // out[y][x] = in[y - dy][x' ] with x' = x - dx, mirrored as 27 - x' when flipping.
      for (let y = 0; y < IMAGE_SIZE; y++) {
        const row = offset + y * IMAGE_SIZE;
        const sourceY = y - dy;
        if (sourceY < 0 || sourceY >= IMAGE_SIZE) {
          images.fill(0, row, row + IMAGE_SIZE);
          continue;
        }
        const sourceRow = sourceY * IMAGE_SIZE;
        for (let x = 0; x < IMAGE_SIZE; x++) {
          const sourceX = x - dx;
          images[row + x] =
            sourceX < 0 || sourceX >= IMAGE_SIZE
              ? 0
              : scratch[sourceRow + (mirrored ? IMAGE_SIZE - 1 - sourceX : sourceX)]!;
        }
      }
    }
    if (erase && rng.next() < 0.5) {
      const sides = ERASE_MAX_SIDE - ERASE_MIN_SIDE + 1;
      const height = ERASE_MIN_SIDE + rng.nextInt(sides);
      const width = ERASE_MIN_SIDE + rng.nextInt(sides);
      const top = rng.nextInt(IMAGE_SIZE - height + 1);
      const left = rng.nextInt(IMAGE_SIZE - width + 1);
      for (let y = top; y < top + height; y++) {
        const row = offset + y * IMAGE_SIZE + left;
        images.fill(0, row, row + width);
      }
    }
  }
}
