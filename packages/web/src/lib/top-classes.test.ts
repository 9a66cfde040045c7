import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASS_NAMES } from '@fashion-lab/data';
import { topClasses, whereItSaw } from './top-classes';

describe('topClasses', () => {
  it('gives the most likely class and the runner-up, most likely first', () => {
    const probabilities = [0.12, 0.01, 0.02, 0.01, 0.01, 0, 0.81, 0, 0.02, 0];
    expect(topClasses(probabilities)).toEqual([
      { klass: 6, probability: 0.81 },
      { klass: 0, probability: 0.12 },
    ]);
  });

  it('breaks a tie towards the lower class index, as argmax does', () => {
    expect(topClasses([0.1, 0.4, 0.1, 0.4]).map((c) => c.klass)).toEqual([1, 3]);
  });

  it('gives as many as asked, and no more than there are classes', () => {
    expect(topClasses([0.5, 0.3, 0.2], 3).map((c) => c.klass)).toEqual([0, 1, 2]);
    expect(topClasses([1], 2)).toEqual([{ klass: 0, probability: 1 }]);
  });
});

describe('whereItSaw', () => {
  it.for<[string, number, string]>([
    ['Shirt', 0.81, 'where it saw a Shirt (81%)'],
    ['T-shirt/top', 0.12, 'where it saw a T-shirt/top (12%)'],
    ['Ankle boot', 0.004, 'where it saw an Ankle boot (0%)'],
  ])('names %s at %d as "%s"', ([name, probability, caption]) => {
    expect(whereItSaw(name, probability)).toBe(caption);
  });

  it('fits every Fashion-MNIST class name', () => {
    expect(FASHION_MNIST_CLASS_NAMES.map((name) => whereItSaw(name, 0.5))).toContain(
      'where it saw a Bag (50%)',
    );
  });
});
