import { describe, expect, it } from 'vitest';
import { batches } from './batches.js';
import { classCounts } from './class-counts.js';
import { normalizeImages } from './normalize-images.js';
import { createRng } from './rng.js';
import { numberedImageSet } from './test-image-set.test-support.js';

const set = numberedImageSet(10);

/** The image number stored in a normalized batch item (see numberedImageSet). */
function batchNumber(images: Float32Array, item: number): number {
  return Math.round(images[item * 784]! * 255) * 256 + Math.round(images[item * 784 + 1]! * 255);
}

describe('batches', () => {
  it('yields full batches and then the partial last one', () => {
    const sizes = [...batches(set, { batchSize: 4 })].map((batch) => [
      batch.size,
      batch.images.length,
      batch.labels.length,
    ]);
    expect(sizes).toEqual([
      [4, 4 * 784, 4],
      [4, 4 * 784, 4],
      [2, 2 * 784, 2],
    ]);
  });

  it('visits images in the given order, labels alongside', () => {
    const order = [9, 3, 0, 7, 7];
    const all = [...batches(set, { batchSize: 2, order })];
    const numbers = all.flatMap((batch) =>
      Array.from({ length: batch.size }, (_, item) => batchNumber(batch.images, item)),
    );
    expect(numbers).toEqual(order);
    expect(all.flatMap((batch) => Array.from(batch.labels))).toEqual([9, 3, 0, 7, 7]);
  });

  it('scales bytes to [0, 1] as byte / 255', () => {
    const bright = { images: new Uint8Array(784).fill(255), labels: new Uint8Array([1]), count: 1 };
    bright.images[0] = 0;
    bright.images[1] = 51;
    const [batch] = [...batches(bright, { batchSize: 8 })];
    expect(batch!.images[0]).toBe(0);
    expect(batch!.images[1]).toBeCloseTo(0.2, 7);
    expect(batch!.images[2]).toBe(1);
  });

  it('gives every batch its own arrays, so a consumer may keep them', () => {
    const [first, second] = [...batches(set, { batchSize: 5 })];
    expect(first!.images.buffer).not.toBe(second!.images.buffer);
    expect(batchNumber(first!.images, 0)).toBe(0);
  });

  it('augments only when asked, reproducibly from the rng', () => {
    const plain = [...batches(set, { batchSize: 10 })][0]!;
    const augmented = (seed: number) =>
      [
        ...batches(set, {
          batchSize: 10,
          augment: { flip: true, maxShift: 2, erase: false },
          rng: createRng(seed),
        }),
      ][0]!;
    expect(augmented(1).images).toEqual(augmented(1).images);
    expect(augmented(1).images).not.toEqual(plain.images);
    expect(augmented(1).labels).toEqual(plain.labels);
  });

  it('refuses augmentation without an rng and a bad batch size', () => {
    expect(() => [
      ...batches(set, { batchSize: 2, augment: { flip: true, maxShift: 0, erase: false } }),
    ]).toThrow(TypeError);
    expect(() => [...batches(set, { batchSize: 0 })]).toThrow(RangeError);
    expect(() => [...batches(set, { batchSize: 2, order: [10] })]).toThrow(
      'batches: index 10 is outside 0..9',
    );
  });

  it('yields nothing for an empty order', () => {
    expect([...batches(set, { batchSize: 3, order: [] })]).toEqual([]);
  });
});

describe('normalizeImages', () => {
  it('writes into a given array and returns it', () => {
    const out = new Float32Array(4);
    expect(normalizeImages(new Uint8Array([0, 255, 128]), out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, Math.fround(128 / 255), 0]);
  });

  it('rejects an output array that is too short', () => {
    expect(() => normalizeImages(new Uint8Array(3), new Float32Array(2))).toThrow(RangeError);
  });
});

describe('classCounts', () => {
  it('counts each class 0..9', () => {
    expect(classCounts(new Uint8Array([0, 9, 9, 3]))).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
  });

  it('rejects a label outside 0..9', () => {
    expect(() => classCounts(new Uint8Array([1, 10]))).toThrow(RangeError);
  });
});
