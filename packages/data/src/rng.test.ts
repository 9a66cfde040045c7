import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';

function draw(rng: { nextUint32(): number }, count: number): number[] {
  return Array.from({ length: count }, () => rng.nextUint32());
}

describe('createRng', () => {
  it('gives the same stream for the same seed', () => {
    expect(draw(createRng(42), 100)).toEqual(draw(createRng(42), 100));
  });

  it.each([
    [1, 2],
    [0, 1],
    [7, 7 + 2 ** 32],
    [-1, 2 ** 32 - 1],
  ])('gives unrelated streams for seeds %d and %d', (seedA, seedB) => {
    const a = draw(createRng(seedA), 20);
    const b = draw(createRng(seedB), 20);
    expect(a.filter((value, i) => value === b[i])).toEqual([]);
  });

  it('resumes exactly from a saved state, also after a JSON round trip', () => {
    const rng = createRng(2024);
    draw(rng, 37);
    const saved = JSON.parse(JSON.stringify(rng.getState())) as number[];
    const expected = draw(rng, 50);
    const resumed = createRng(0);
    resumed.setState(saved);
    expect(draw(resumed, 50)).toEqual(expected);
  });

  it('hands out state as four unsigned 32-bit integers, as a copy', () => {
    const rng = createRng(5);
    const state = rng.getState();
    expect(state).toHaveLength(4);
    for (const word of state)
      expect(Number.isInteger(word) && word >= 0 && word < 2 ** 32).toBe(true);
    state[0] = 123;
    expect(rng.getState()[0]).not.toBe(123);
  });

  it.each([[[1, 2, 3]], [[1, 2, 3, -1]], [[1, 2, 3, 2 ** 32]], [[1, 2, 3, 0.5]]])(
    'rejects the malformed state %j',
    (state) => {
      expect(() => createRng(1).setState(state)).toThrow(RangeError);
    },
  );

  it('rejects seeds that are not safe integers', () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });

  it('next() stays in [0, 1) and averages one half', () => {
    const rng = createRng(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = rng.next();
      expect(value >= 0 && value < 1).toBe(true);
      sum += value;
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
  });

  it('nextInt(n) covers 0..n-1 evenly', () => {
    const rng = createRng(11);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) counts[rng.nextInt(7)]!++;
    // Expected 10,000 each; 5 sigma is about 460.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(460);
  });

  it('nextInt(1) is always 0 and nextInt(2^32) is a full uint32', () => {
    const rng = createRng(9);
    expect(Array.from({ length: 10 }, () => rng.nextInt(1))).toEqual(new Array(10).fill(0));
    const wide = rng.nextInt(2 ** 32);
    expect(Number.isInteger(wide) && wide >= 0 && wide < 2 ** 32).toBe(true);
  });

  it.each([0, -1, 2.5, 2 ** 32 + 1])('nextInt rejects the bound %d', (bound) => {
    expect(() => createRng(1).nextInt(bound)).toThrow(RangeError);
  });
});
