import { describe, expect, it } from 'vitest';
import { rungEpochs } from './rung-epochs.js';

describe('rungEpochs', () => {
  it.each([
    [9, 1, 3, [1, 3, 9]],
    [12, 1, 3, [1, 3, 9, 12]],
    [2, 1, 3, [1, 2]],
    [16, 2, 2, [2, 4, 8, 16]],
    [22, 1, 2, [1, 2, 4, 8, 16, 22]],
    [1, 1, 3, [1]],
  ])('final %i, min %i, factor %i: %j', (finalEpochs, minEpochs, factor, rungs) => {
    expect(rungEpochs(finalEpochs, minEpochs, factor)).toEqual(rungs);
  });

  it.each([
    [0, 1, 3, 'rungEpochs: finalEpochs must be an integer >= 1, got 0'],
    [9, 1.5, 3, 'rungEpochs: minEpochs must be an integer >= 1, got 1.5'],
    [9, 1, 1, 'rungEpochs: factor must be an integer >= 2, got 1'],
  ])('refuses final %d, min %d, factor %d', (finalEpochs, minEpochs, factor, message) => {
    expect(() => rungEpochs(finalEpochs, minEpochs, factor)).toThrow(message);
  });
});
