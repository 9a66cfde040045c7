import { describe, expect, it } from 'vitest';
import { RunFileError } from '../run-file-error.js';
import { parseSweepSpec } from './sweep-spec.js';

const LR_CHECK = {
  name: 'lr-check',
  base: { model: 'dense', epochs: 2, limit: 2000 },
  space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
  seeds: [1, 2],
};

/** LR_CHECK with `changes` laid over it (a field set to undefined is left out). */
const spec = (changes: Record<string, unknown>) => JSON.stringify({ ...LR_CHECK, ...changes });

describe('parseSweepSpec', () => {
  it('reads the documented example and completes it', () => {
    expect(parseSweepSpec(JSON.stringify(LR_CHECK), 'sweep.json')).toEqual({
      name: 'lr-check',
      base: { model: 'dense', epochs: 2, limit: 2000 },
      space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
      seeds: [1, 2],
      explain: false,
    });
  });

  it("repeats every config once per seed: base.seed, else a run's default 42", () => {
    expect(parseSweepSpec(spec({ seeds: undefined }), 'f.json').seeds).toEqual([42]);
    const seeded = parseSweepSpec(spec({ seeds: undefined, base: { seed: 7 } }), 'f.json');
    expect(seeded.seeds).toEqual([7]);
    // Moved out of base, so the completed spec reads back the same.
    expect(seeded.base).toEqual({});
    expect(parseSweepSpec(seeded, 'f.json')).toEqual(seeded);
  });

  it('is named after its file when it has no name', () => {
    expect(parseSweepSpec(spec({ name: undefined }), 'specs/my_sweep.json').name).toBe('my_sweep');
  });

  it('reads a random search, its draws seeded by the spec (default 42)', () => {
    const random = parseSweepSpec(
      spec({
        space: {
          learningRate: { loguniform: [1e-4, 1e-2] },
          batchSize: { uniform: [32, 256] },
          optimizer: { choice: ['adam', 'nadam'] },
        },
        trials: 8,
      }),
      'f.json',
    );
    expect(random).toMatchObject({ trials: 8, seed: 42 });
    expect(random.space.optimizer).toEqual({ choice: ['adam', 'nadam'] });
  });

  it('reads halving, explain, a description and explicit configs', () => {
    const parsed = parseSweepSpec(
      spec({
        base: { model: 'dense', epochs: 9 },
        configs: [{ optimizer: 'sgd', momentum: 0.9 }, { optimizer: 'adam' }],
        space: { learningRate: [0.001, 0.01] },
        halving: { minEpochs: 1, factor: 3 },
        explain: true,
        description: 'Which optimizer?',
      }),
      'f.json',
    );
    expect(parsed).toMatchObject({
      halving: { minEpochs: 1, factor: 3 },
      explain: true,
      description: 'Which optimizer?',
      configs: [{ optimizer: 'sgd', momentum: 0.9 }, { optimizer: 'adam' }],
    });
  });

  it('reads the yes/no augment of older files as its name, in base and space alike', () => {
    const parsed = parseSweepSpec(
      spec({ base: { augment: true }, space: { augment: [false, 'flip'] } }),
      'f.json',
    );
    expect(parsed.base.augment).toBe('full');
    expect(parsed.space.augment).toEqual(['off', 'flip']);
  });

  it.each([
    ['the file must be valid JSON', '{'],
    [
      'space.learningRate[1] must be a positive number, got -1',
      spec({ space: { learningRate: [0.001, -1] } }),
    ],
    [
      'space.learnigRate must be absent (unknown field; known fields: model, optimizer,',
      spec({ space: { learnigRate: [0.001] } }),
    ],
    [
      'space.seed must be absent (every trial\'s seed comes from "seeds"), got an array of 2',
      spec({ space: { seed: [1, 2] } }),
    ],
    [
      'space.optimizer must be a non-empty list of values, got an array of 0',
      spec({ space: { optimizer: [] } }),
    ],
    [
      "space.optimizer[1] must be one of 'sgd', 'rmsprop', 'adam', 'nadam', got \"adagrad\"",
      spec({ space: { optimizer: ['adam', 'adagrad'] } }),
    ],
    [
      'space.learningRate[1] must be a value not listed before, got 0.001',
      spec({ space: { learningRate: [0.001, 0.001] } }),
    ],
    [
      'space.augment[1] must be a value not listed before, got "full"',
      spec({ space: { augment: [true, 'full'] } }),
    ],
    [
      'space.epochs must be a list of values (grid search) or one of {"uniform": [lo, hi]}',
      spec({ space: { epochs: 3 } }),
    ],
    [
      'space.epochs.uniform[1] must be a positive integer, got 2.5',
      spec({ space: { epochs: { uniform: [1, 2.5] } }, trials: 2 }),
    ],
    [
      'space.learningRate.uniform[1] must be a number above lo (0.1), got 0.01',
      spec({ space: { learningRate: { uniform: [0.1, 0.01] } }, trials: 2 }),
    ],
    [
      'space.learningRate.uniform must be [lo, hi], got an array of 1',
      spec({ space: { learningRate: { uniform: [0.1] } }, trials: 2 }),
    ],
    [
      'space.momentum.loguniform[0] must be a number above 0 (a loguniform range needs lo > 0), got 0',
      spec({ space: { momentum: { loguniform: [0, 0.9] } }, trials: 2 }),
    ],
    [
      'space.learningRate.normal must be absent (unknown distribution; known: uniform, loguniform, choice)',
      spec({ space: { learningRate: { normal: [0, 1] } }, trials: 2 }),
    ],
    [
      'space.learningRate must be one distribution: uniform, loguniform or choice, got "uniform and choice"',
      spec({ space: { learningRate: { uniform: [0.1, 1], choice: [0.1] } }, trials: 2 }),
    ],
    [
      'space.optimizer must be a list of values or {"choice": [...]} (optimizer is not a number, so it has no uniform range)',
      spec({ space: { optimizer: { uniform: [0, 1] } }, trials: 2 }),
    ],
    [
      'space.optimizer must be {"choice": [...]}, as in the rest of this random search',
      spec({
        space: { learningRate: { loguniform: [1e-4, 1e-2] }, optimizer: ['adam'] },
        trials: 2,
      }),
    ],
    [
      'trials must be a positive integer (how many points to draw from the distributions in space), got nothing',
      spec({ space: { learningRate: { loguniform: [1e-4, 1e-2] } } }),
    ],
    [
      'trials must be absent (space holds no distribution to draw from: it is a grid), got 4',
      spec({ trials: 4 }),
    ],
    [
      'seed must be absent (space holds no distribution to draw from: it is a grid), got 4',
      spec({ seed: 4 }),
    ],
    [
      'trials must be at most 2 (the distinct points of space), got 3',
      spec({ space: { optimizer: { choice: ['adam', 'nadam'] } }, trials: 3 }),
    ],
    [
      'trials must be at most 6 (the distinct points of space), got 7',
      spec({
        space: { epochs: { uniform: [1, 3] }, optimizer: { choice: ['adam', 'nadam'] } },
        trials: 7,
      }),
    ],
    [
      'base.learnigRate must be absent (unknown field; known fields: model,',
      spec({ base: { model: 'dense', learnigRate: 1 } }),
    ],
    ['base.epochs must be a positive integer, got 0', spec({ base: { epochs: 0 } })],
    [
      'base.seed must be absent when "seeds" is given (seeds sets every trial\'s seed), got 3',
      spec({ base: { seed: 3 } }),
    ],
    ['seeds must be a non-empty list of seeds, got an array of 0', spec({ seeds: [] })],
    ['seeds[1] must be an integer in [0, 4294967295], got -2', spec({ seeds: [1, -2] })],
    ['seeds[2] must be a seed not listed before, got 1', spec({ seeds: [1, 2, 1] })],
    [
      'name must be at most 64 letters, digits, - and _, starting with a letter or digit, got "lr check"',
      spec({ name: 'lr check' }),
    ],
    ['name must be at most 64 letters, digits, - and _', spec({ name: 'x'.repeat(65) })],
    [
      'name must be at most 64 letters, digits, - and _, starting with a letter or digit, got "my sweep"',
      spec({ name: undefined }),
      'my sweep.json',
    ],
    [
      'trails must be absent (unknown field; known fields: name, description, base, configs, space, trials, seed, seeds, halving, explain), got "trails"',
      spec({ seeds: [1], trails: 3 }),
    ],
    ['configs must be a non-empty list of configs, got an array of 0', spec({ configs: [] })],
    [
      'configs[0].seed must be absent (every trial\'s seed comes from "seeds"), got 1',
      spec({ configs: [{ seed: 1 }] }),
    ],
    [
      'configs[0].optimizer must be absent (space.optimizer varies it), got "sgd"',
      spec({ configs: [{ optimizer: 'sgd' }] }),
    ],
    [
      'configs[1] must be a config not listed before, got an object',
      spec({ configs: [{ momentum: 0.9 }, { momentum: 0.9 }] }),
    ],
    ['configs[0].lr must be absent (unknown field', spec({ configs: [{ lr: 0.1 }] })],
    [
      'halving.factor must be an integer >= 2, got 1',
      spec({ halving: { minEpochs: 1, factor: 1 } }),
    ],
    ['halving.factor must be an integer >= 2, got nothing', spec({ halving: { minEpochs: 1 } })],
    [
      'halving.minEpochs must be less than the final epoch count (2), got 2',
      spec({ halving: { minEpochs: 2, factor: 3 } }),
    ],
    [
      'space.epochs must be absent with halving (halving decides how far each config trains)',
      spec({ halving: { minEpochs: 1, factor: 3 }, space: { epochs: [2, 4] } }),
    ],
    [
      "base.epochs must be set with halving, since these configs' own epoch counts differ (12, 16), got nothing",
      spec({
        halving: { minEpochs: 1, factor: 3 },
        base: {},
        space: { model: ['dense', 'cnn-strong'] },
      }),
    ],
    ['explain must be true or false, got "yes"', spec({ explain: 'yes' })],
    [
      'space must be at most 100000 trials in all (configs x seeds), got 2000000',
      spec({
        space: Object.fromEntries(
          ['learningRate', 'batchSize', 'momentum', 'validationSplit', 'workers', 'limit'].map(
            (key, i) => [
              key,
              Array.from({ length: 10 }, (_, j) =>
                key === 'momentum' || key === 'validationSplit' ? j / 10 : j + 1 + i,
              ),
            ],
          ),
        ),
      }),
    ],
  ])('says "%s"', (message, text, file = 'sweep.json') => {
    expect(() => parseSweepSpec(text, file)).toThrow(RunFileError);
    expect(() => parseSweepSpec(text, file)).toThrow(`${file}: ${message}`);
  });
});
