import { describe, expect, it } from 'vitest';
import { augmentBatch } from './augment-batch.js';
import type { Batch } from './batch.js';
import { createRng } from './rng.js';

const SIZE = 28;

/** A batch of asymmetric images: image i has a bright 4x3 block at a position depending on i. */
function blockBatch(size: number): Batch {
  const images = new Float32Array(size * 784);
  for (let item = 0; item < size; item++) {
    const top = 6 + (item % 9);
    const left = 4 + (item % 11);
    for (let y = top; y < top + 4; y++) {
      for (let x = left; x < left + 3; x++) images[item * 784 + y * SIZE + x] = (x + 1) / 30;
    }
  }
  return { images, labels: Uint8Array.from({ length: size }, (_, i) => i % 10), size };
}

function image(batch: Batch, item: number): Float32Array {
  return batch.images.slice(item * 784, (item + 1) * 784);
}

/** The image flipped and shifted by (dx, dy), zero filled: the reference transform. */
function transformed(source: Float32Array, flip: boolean, dx: number, dy: number): Float32Array {
  const out = new Float32Array(784);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const sy = y - dy;
      const shiftedX = x - dx;
      if (sy < 0 || sy >= SIZE || shiftedX < 0 || shiftedX >= SIZE) continue;
      const sx = flip ? SIZE - 1 - shiftedX : shiftedX;
      out[y * SIZE + x] = source[sy * SIZE + sx]!;
    }
  }
  return out;
}

function sameArray(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

describe('augmentBatch', () => {
  it('is reproducible from the rng state', () => {
    const a = blockBatch(32);
    const b = blockBatch(32);
    augmentBatch(a, createRng(77));
    augmentBatch(b, createRng(77));
    expect(a.images).toEqual(b.images);
    const c = blockBatch(32);
    augmentBatch(c, createRng(78));
    expect(c.images).not.toEqual(a.images);
  });

  it('changes images but keeps the labels and the [0, 1] range', () => {
    const batch = blockBatch(32);
    const before = batch.images.slice();
    const labels = batch.labels.slice();
    augmentBatch(batch, createRng(1));
    expect(batch.images).not.toEqual(before);
    expect(batch.labels).toEqual(labels);
    expect(batch.images.every((value) => value >= 0 && value <= 1)).toBe(true);
  });

  it('only ever flips and shifts by at most maxShift, zero filled, and uses every option', () => {
    const original = blockBatch(64);
    const batch = blockBatch(64);
    augmentBatch(batch, createRng(3), { flip: true, maxShift: 2, erase: false });
    const seen = new Set<string>();
    for (let item = 0; item < batch.size; item++) {
      const candidates: string[] = [];
      for (const flip of [false, true]) {
        for (let dx = -2; dx <= 2; dx++) {
          for (let dy = -2; dy <= 2; dy++) {
            if (sameArray(image(batch, item), transformed(image(original, item), flip, dx, dy))) {
              candidates.push(`${flip}:${dx}:${dy}`);
            }
          }
        }
      }
      expect(candidates).toHaveLength(1);
      seen.add(candidates[0]!);
    }
    // 64 draws from 50 combinations: flips and shifts in every direction must all appear.
    const parts = [...seen].map((key) => key.split(':'));
    expect(new Set(parts.map(([flip]) => flip))).toEqual(new Set(['false', 'true']));
    expect(new Set(parts.map(([, dx]) => dx))).toEqual(new Set(['-2', '-1', '0', '1', '2']));
    expect(new Set(parts.map(([, , dy]) => dy))).toEqual(new Set(['-2', '-1', '0', '1', '2']));
  });

  it('erases one rectangle of 3..10 x 3..10 pixels in about half the images', () => {
    const batch: Batch = {
      images: new Float32Array(200 * 784).fill(1),
      labels: new Uint8Array(200),
      size: 200,
    };
    augmentBatch(batch, createRng(5), { flip: false, maxShift: 0, erase: true });
    let erasedImages = 0;
    for (let item = 0; item < batch.size; item++) {
      const zeros: [number, number][] = [];
      let untouched = 0;
      image(batch, item).forEach((value, i) => {
        if (value === 0) zeros.push([Math.floor(i / SIZE), i % SIZE]);
        else if (value === 1) untouched++;
      });
      expect(untouched + zeros.length).toBe(784);
      if (zeros.length === 0) continue;
      erasedImages++;
      const ys = zeros.map(([y]) => y);
      const xs = zeros.map(([, x]) => x);
      const height = Math.max(...ys) - Math.min(...ys) + 1;
      const width = Math.max(...xs) - Math.min(...xs) + 1;
      expect(zeros).toHaveLength(height * width);
      expect(height >= 3 && height <= 10 && width >= 3 && width <= 10).toBe(true);
    }
    expect(erasedImages).toBeGreaterThan(70);
    expect(erasedImages).toBeLessThan(130);
  });

  it('does nothing with every option off', () => {
    const batch = blockBatch(8);
    const before = batch.images.slice();
    augmentBatch(batch, createRng(1), { flip: false, maxShift: 0, erase: false });
    expect(batch.images).toEqual(before);
  });

  it('rejects a shift that is not a whole number of pixels inside the image', () => {
    expect(() =>
      augmentBatch(blockBatch(1), createRng(1), { flip: false, maxShift: 1.5, erase: false }),
    ).toThrow(RangeError);
  });
});
