import { parseSweepSpec, planSweep } from '@fashion-lab/run';
import { describe, expect, it } from 'vitest';
import { sweepAxes, trialAxisValues } from './sweep-axes';

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));
const planned = (spec: object) => planSweep(parseSweepSpec(spec, 'sweep.json'), { now });
const noOutcomes = (count: number) =>
  Array.from({ length: count }, () => ({ testAcc: null, bestValAcc: null }));

describe('sweepAxes: one axis per field the space varies, then seed and the outcomes', () => {
  it('a grid: number lists on linear axes over their values, names as points in listed order', () => {
    const sweep = planned({
      name: 'grid',
      base: { model: 'dense', epochs: 2 },
      space: { learningRate: [0.003, 0.001], optimizer: ['nadam', 'adam'] },
      seeds: [1, 2],
    });
    const axes = sweepAxes(sweep, [
      { testAcc: 0.85, bestValAcc: 0.86 },
      { testAcc: 0.83, bestValAcc: null },
      ...noOutcomes(6),
    ]);
    expect(axes).toEqual([
      { key: 'learningRate', label: 'learningRate', kind: 'linear', domain: [0.001, 0.003] },
      { key: 'optimizer', label: 'optimizer', kind: 'point', domain: ['nadam', 'adam'] },
      { key: 'seed', label: 'seed', kind: 'point', domain: ['1', '2'] },
      { key: 'testAcc', label: 'test accuracy', kind: 'linear', domain: [0.83, 0.85] },
      // One value only: widened by half a point each way, so it sits mid-axis.
      { key: 'bestValAcc', label: 'best val accuracy', kind: 'linear', domain: [0.855, 0.865] },
    ]);
  });

  it('a random search: loguniform on a log axis over its range, uniform linear, choice as points', () => {
    const sweep = planned({
      name: 'random',
      base: { model: 'dense', epochs: 2 },
      space: {
        learningRate: { loguniform: [0.0001, 0.01] },
        validationSplit: { uniform: [0.05, 0.2] },
        optimizer: { choice: ['adam', 'sgd'] },
      },
      trials: 4,
      seed: 7,
      seeds: [42],
    });
    expect(
      sweepAxes(sweep, noOutcomes(4)).map(({ key, kind, domain }) => [key, kind, domain]),
    ).toEqual([
      ['learningRate', 'log', [0.0001, 0.01]],
      ['validationSplit', 'linear', [0.05, 0.2]],
      ['optimizer', 'point', ['adam', 'sgd']],
      ['seed', 'point', ['42']],
      ['testAcc', 'linear', [0, 1]],
      ['bestValAcc', 'linear', [0, 1]],
    ]);
  });

  it('leaves out a field the space lists one value of, and adds the fields explicit configs vary', () => {
    const sweep = planned({
      name: 'configs',
      base: { epochs: 2 },
      configs: [{ model: 'dense' }, { model: 'cnn', augment: 'flip' }],
      space: { optimizer: ['adam'], learningRate: [0.001, 0.01] },
      seeds: [1],
    });
    expect(sweepAxes(sweep, noOutcomes(4)).map((axis) => axis.key)).toEqual([
      'learningRate',
      'model',
      'augment',
      'seed',
      'testAcc',
      'bestValAcc',
    ]);
  });
});

describe('trialAxisValues: where a trial crosses each axis', () => {
  it('numbers on numeric axes, labels on point axes, null where it has no value yet', () => {
    const sweep = planned({
      name: 'grid',
      base: { model: 'dense', epochs: 2 },
      space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
      seeds: [1, 2],
    });
    const trial = sweep.trials.find(
      (t) => t.point.learningRate === 0.003 && t.point.optimizer === 'nadam' && t.seed === 2,
    )!;
    const axes = sweepAxes(sweep, noOutcomes(8));
    expect(trialAxisValues(axes, trial, { testAcc: 0.84, bestValAcc: null })).toEqual({
      learningRate: 0.003,
      optimizer: 'nadam',
      seed: '2',
      testAcc: 0.84,
      bestValAcc: null,
    });
  });
});
