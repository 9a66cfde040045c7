import { describe, expect, it } from 'vitest';
import { splitTrainValidation } from './split-train-validation.js';
import { subset } from './subset.js';
import { imageNumbers, numberedImageSet } from './test-image-set.test-support.js';

const set = numberedImageSet(1000);

describe('splitTrainValidation', () => {
  it.each([
    { validationSplit: 0.1, limit: undefined, train: 900, validation: 100 },
    { validationSplit: 0.2, limit: 50, train: 40, validation: 10 },
    { validationSplit: 0.1, limit: 5000, train: 900, validation: 100 },
    { validationSplit: 0, limit: 10, train: 10, validation: 0 },
    { validationSplit: 0.15, limit: 7, train: 6, validation: 1 },
  ])(
    'split $validationSplit with limit $limit gives $train + $validation',
    ({ validationSplit, limit, train, validation }) => {
      const split = splitTrainValidation(set, {
        validationSplit,
        seed: 1,
        ...(limit === undefined ? {} : { limit }),
      });
      expect(split.train.count).toBe(train);
      expect(split.validation.count).toBe(validation);
      expect(split.train.images).toHaveLength(train * 784);
      expect(split.validation.labels).toHaveLength(validation);
    },
  );

  it('keeps training and validation images disjoint and each image with its own label', () => {
    const { train, validation } = splitTrainValidation(set, { validationSplit: 0.3, seed: 5 });
    const trainNumbers = imageNumbers(train);
    const validationNumbers = imageNumbers(validation);
    expect(new Set([...trainNumbers, ...validationNumbers]).size).toBe(1000);
    trainNumbers.forEach((n, k) => expect(train.labels[k]).toBe(n % 10));
    validationNumbers.forEach((n, k) => expect(validation.labels[k]).toBe(n % 10));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { validationSplit: 0.1, seed: 3, limit: 200 };
    const a = splitTrainValidation(set, options);
    expect(imageNumbers(splitTrainValidation(set, options).validation)).toEqual(
      imageNumbers(a.validation),
    );
    expect(imageNumbers(splitTrainValidation(set, { ...options, seed: 4 }).validation)).not.toEqual(
      imageNumbers(a.validation),
    );
  });

  it('applies the limit before the split, as a random (not leading) sample', () => {
    const { train, validation } = splitTrainValidation(set, {
      validationSplit: 0.5,
      seed: 9,
      limit: 100,
    });
    const used = [...imageNumbers(train), ...imageNumbers(validation)];
    expect(used).toHaveLength(100);
    // A leading slice would be 0..99; a random sample of 1000 reaches far beyond.
    expect(Math.max(...used)).toBeGreaterThan(500);
  });

  it('keeps the images a smaller limit chose when the limit grows', () => {
    const used = (limit: number) => {
      const split = splitTrainValidation(set, { validationSplit: 0.1, seed: 2, limit });
      return [...imageNumbers(split.train), ...imageNumbers(split.validation)];
    };
    const small = new Set(used(100));
    const large = new Set(used(400));
    for (const n of small) expect(large.has(n)).toBe(true);
  });

  it.each([
    { validationSplit: 1, limit: undefined },
    { validationSplit: -0.1, limit: undefined },
    { validationSplit: Number.NaN, limit: undefined },
    { validationSplit: 0.1, limit: 0 },
    { validationSplit: 0.1, limit: 2.5 },
  ])('rejects split $validationSplit with limit $limit', ({ validationSplit, limit }) => {
    expect(() =>
      splitTrainValidation(set, {
        validationSplit,
        seed: 1,
        ...(limit === undefined ? {} : { limit }),
      }),
    ).toThrow(RangeError);
  });
});

describe('subset', () => {
  it('copies the chosen images in the given order', () => {
    const picked = subset(set, [5, 999, 0]);
    expect(imageNumbers(picked)).toEqual([5, 999, 0]);
    expect(Array.from(picked.labels)).toEqual([5, 9, 0]);
    expect(picked.images.buffer).not.toBe(set.images.buffer);
  });

  it('rejects an index outside the set', () => {
    expect(() => subset(set, [1000])).toThrow('subset: index 1000 is outside 0..999');
  });
});
