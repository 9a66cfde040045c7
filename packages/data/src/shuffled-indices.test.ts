import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { shuffledIndices } from './shuffled-indices.js';

describe('shuffledIndices', () => {
  it('is a permutation of 0..count-1', () => {
    const order = shuffledIndices(1000, createRng(1));
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, i) => i),
    );
  });

  it('is the same for the same seed and different for another', () => {
    const a = shuffledIndices(500, createRng(7));
    expect(shuffledIndices(500, createRng(7))).toEqual(a);
    expect(shuffledIndices(500, createRng(8))).not.toEqual(a);
  });

  it('actually moves items', () => {
    const order = shuffledIndices(1000, createRng(2));
    const fixedPoints = order.filter((value, index) => value === index).length;
    // A random permutation has about one fixed point on average.
    expect(fixedPoints).toBeLessThan(10);
  });

  it('puts every item in the first slot about equally often', () => {
    const counts = new Array<number>(4).fill(0);
    const rng = createRng(4);
    for (let i = 0; i < 8000; i++) counts[shuffledIndices(4, rng)[0]!]!++;
    for (const count of counts) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it.each([0, 1])('handles %d items', (count) => {
    expect(Array.from(shuffledIndices(count, createRng(1)))).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
  });

  it('rejects a negative count', () => {
    expect(() => shuffledIndices(-1, createRng(1))).toThrow(RangeError);
  });
});
