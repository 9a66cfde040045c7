import { describe, expect, it } from 'vitest';
import { spreadLabels } from './direct-labels.js';

describe('spreadLabels', () => {
  it.each([
    { wanted: [10, 50, 90], expected: [10, 50, 90], why: 'keeps labels that are far enough apart' },
    { wanted: [50, 52], expected: [50, 60], why: 'pushes the lower of two close labels down' },
    { wanted: [52, 50], expected: [60, 50], why: 'returns positions in input order' },
    {
      wanted: [98, 99, 100],
      expected: [80, 90, 100],
      why: 'slides a stack back up from the bottom edge',
    },
    { wanted: [-5], expected: [0], why: 'clamps into the range' },
    { wanted: [], expected: [], why: 'handles no labels' },
  ])('$why', ({ wanted, expected }) => {
    expect(spreadLabels(wanted, 10, 0, 100)).toEqual(expected);
  });
});
