import { parseSweepSpec, planSweep } from '@fashion-lab/run';
import { describe, expect, it } from 'vitest';
import { outcomeDomain, sweepAxes } from './sweep-axes.js';

/** The axes of a sweep planned from `spec` (base: dense, 2 epochs), as "key:kind domain". */
function axesOf(spec: Record<string, unknown>): string[] {
  const sweep = planSweep(
    parseSweepSpec(
      { name: 's', base: { model: 'dense', epochs: 2 }, seeds: [1, 2], ...spec },
      'sweep.json',
    ),
    { now: new Date(Date.UTC(2026, 10, 25)) },
  );
  return sweepAxes(sweep, [{ testAcc: 0.884, bestValAcc: 0.9 }]).map(
    (axis) => `${axis.key}:${axis.kind} ${axis.domain.join('..')}`,
  );
}

const OUTCOMES = ['seed:point 1..2', 'testAcc:linear 0.88..0.9', 'bestValAcc:linear 0.88..0.9'];

describe('sweepAxes', () => {
  it.each([
    {
      what: 'a loguniform range is a log axis over the range, uniform a linear one',
      spec: {
        space: {
          learningRate: { loguniform: [0.0001, 0.01] },
          validationSplit: { uniform: [0.1, 0.2] },
        },
        trials: 3,
      },
      axes: ['learningRate:log 0.0001..0.01', 'validationSplit:linear 0.1..0.2'],
    },
    {
      what: 'names are points in listed order',
      spec: { space: { optimizer: ['sgd', 'adam'], model: ['cnn', 'dense'] } },
      axes: ['optimizer:point sgd..adam', 'model:point cnn..dense'],
    },
    {
      what: 'a choice is points in listed order',
      spec: { space: { optimizer: { choice: ['nadam', 'sgd', 'adam'] } }, trials: 2, seed: 3 },
      axes: ['optimizer:point nadam..sgd..adam'],
    },
    {
      what: 'a numeric grid is linear, and log once it spans a factor of ten',
      spec: { space: { learningRate: [0.003, 0.001], batchSize: [32, 64, 128] } },
      axes: ['learningRate:linear 0.001..0.003', 'batchSize:linear 32..128'],
    },
    {
      what: 'a rate grid a factor of ten apart is log',
      spec: { space: { learningRate: [0.0001, 0.001, 0.01] } },
      axes: ['learningRate:log 0.0001..0.01'],
    },
    {
      what: 'a field with one value varies nothing and has no axis',
      spec: { space: { learningRate: [0.001], optimizer: ['adam', 'nadam'] } },
      axes: ['optimizer:point adam..nadam'],
    },
    {
      what: 'fields the explicit configs set get an axis after the space (else the base value)',
      spec: {
        configs: [{ model: 'dense' }, { model: 'cnn', batchSize: 32 }],
        space: { optimizer: ['adam', 'nadam'] },
      },
      axes: ['optimizer:point adam..nadam', 'model:point dense..cnn', 'batchSize:linear 32..128'],
    },
  ])('$what', ({ spec, axes }) => {
    expect(axesOf(spec)).toEqual([...axes, ...OUTCOMES]);
  });
});

describe('outcomeDomain', () => {
  it.each([
    { outcomes: [], domain: [0, 1] },
    { outcomes: [{ testAcc: 0.884, bestValAcc: 0.9 }], domain: [0.88, 0.9] },
    { outcomes: [{ testAcc: 0.9 }, { bestValAcc: 0.9 }], domain: [0.89, 0.91] },
    {
      outcomes: [{ testAcc: 0.8012 }, { testAcc: 0.9251, bestValAcc: Number.NaN }],
      domain: [0.8, 0.93],
    },
  ])('spans whole percents around the accuracies there are: $domain', ({ outcomes, domain }) => {
    expect(outcomeDomain(outcomes)).toEqual(domain);
  });
});
