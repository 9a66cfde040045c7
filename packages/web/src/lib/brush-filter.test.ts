import { describe, expect, it } from 'vitest';
import { brushedTrials } from './brush-filter';
import type { AxisValue, SweepAxis } from './sweep-view';

// Axes drawn from y = 100 (lowest value, first category) up to y = 0.
const TOP = 0;
const BOTTOM = 100;
const axes: SweepAxis[] = [
  { key: 'learningRate', label: 'learningRate', kind: 'log', domain: [0.0001, 0.01] },
  { key: 'optimizer', label: 'optimizer', kind: 'point', domain: ['adam', 'nadam', 'sgd'] },
  { key: 'testAcc', label: 'test accuracy', kind: 'linear', domain: [0.8, 0.9] },
];
const trial = (id: string, values: Record<string, AxisValue>) => ({ id, values });
const trials = [
  trial('a', { learningRate: 0.0001, optimizer: 'adam', testAcc: 0.8 }),
  trial('b', { learningRate: 0.001, optimizer: 'nadam', testAcc: 0.85 }),
  trial('c', { learningRate: 0.01, optimizer: 'sgd', testAcc: 0.9 }),
  trial('d', { learningRate: 0.001, optimizer: 'sgd', testAcc: null }),
];
const ids = (brushes: Record<string, readonly [number, number]>) =>
  brushedTrials(trials, axes, brushes, TOP, BOTTOM).map((t) => t.id);

describe('brushedTrials: the trials whose lines pass through every brush', () => {
  it('keeps every trial without a brush', () => {
    expect(ids({})).toEqual(['a', 'b', 'c', 'd']);
  });

  it.each([
    // Test accuracy 0.845 is at y = 55, 0.9 at y = 0: from 0.845 up.
    ['the top of a linear axis', { testAcc: [0, 55] }, ['b', 'c']],
    ['a brush dragged upwards (ends reversed)', { testAcc: [55, 0] }, ['b', 'c']],
    // 0.001 is the middle of log(0.0001)..log(0.01), although not of the plain numbers.
    ['the middle of a log axis', { learningRate: [45, 55] }, ['b', 'd']],
    // Three points with padding 0.5: adam at 83.3, nadam at 50, sgd at 16.7.
    ['one category of a point axis', { optimizer: [10, 20] }, ['c', 'd']],
  ] as const)('%s', (_, brushes, expected) => {
    expect(ids(brushes)).toEqual(expected);
  });

  it('several brushes combine: a trial must lie in all of them', () => {
    expect(ids({ optimizer: [10, 20], learningRate: [45, 55] })).toEqual(['d']);
    expect(ids({ optimizer: [10, 20], testAcc: [0, 55] })).toEqual(['c']);
  });

  it('leaves out a trial with no value on a brushed axis (no test accuracy yet)', () => {
    expect(ids({ testAcc: [0, 100] })).toEqual(['a', 'b', 'c']);
  });
});
