import { describe, expect, it } from 'vitest';
import { drawPoints } from './draw-points.js';
import { gridPoints } from './grid-points.js';

describe('drawPoints', () => {
  it('gives every whole number of an integer uniform range about the same share', () => {
    const draws = drawPoints(
      { epochs: { uniform: [1, 4] }, learningRate: { uniform: [0.1, 1] } },
      4000,
      1,
    );
    const counts = [1, 2, 3, 4].map((e) => draws.filter((p) => p.epochs === e).length);
    // 1000 expected each; 4 standard deviations (4 * sqrt(1000 * 0.75) = 110) either way.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(110);
  });

  it('spreads a loguniform range evenly over its decades', () => {
    const rates = drawPoints({ learningRate: { loguniform: [1e-4, 1e-2] } }, 2000, 3).map(
      (p) => p.learningRate ?? 0,
    );
    const lowDecade = rates.filter((rate) => rate < 1e-3).length;
    // Half below 1e-3 (the geometric middle), within 4 standard deviations (4 * sqrt(500) = 89).
    expect(Math.abs(lowDecade - 1000)).toBeLessThan(89);
  });

  it('rounds real draws to 4 significant digits and keeps them in the range', () => {
    for (const { momentum } of drawPoints({ momentum: { uniform: [0.5, 0.99] } }, 500, 5)) {
      expect(Number((momentum ?? 0).toPrecision(4))).toBe(momentum);
      expect(momentum).toBeGreaterThanOrEqual(0.5);
      expect(momentum).toBeLessThanOrEqual(0.99);
    }
  });

  it('draws different points, all of a small space when asked for all of them', () => {
    const points = drawPoints(
      { optimizer: { choice: ['adam', 'nadam', 'sgd'] }, batchSize: { uniform: [1, 2] } },
      6,
      9,
    );
    expect(new Set(points.map((p) => `${p.optimizer}/${p.batchSize}`)).size).toBe(6);
  });

  it('is reproducible: the same seed gives the same points', () => {
    const space = { learningRate: { loguniform: [1e-4, 1e-1] as [number, number] } };
    expect(drawPoints(space, 5, 11)).toEqual(drawPoints(space, 5, 11));
  });
});

describe('gridPoints', () => {
  it('changes the first field slowest, like nested loops', () => {
    expect(gridPoints({ optimizer: ['adam', 'sgd'], batchSize: [32, 64] })).toEqual([
      { optimizer: 'adam', batchSize: 32 },
      { optimizer: 'adam', batchSize: 64 },
      { optimizer: 'sgd', batchSize: 32 },
      { optimizer: 'sgd', batchSize: 64 },
    ]);
  });

  it('refuses a range, which only a random search draws from', () => {
    expect(() => gridPoints({ learningRate: { uniform: [0.1, 1] } })).toThrow(
      'gridPoints: space.learningRate is a range',
    );
  });
});
