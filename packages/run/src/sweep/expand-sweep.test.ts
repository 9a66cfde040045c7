import { describe, expect, it } from 'vitest';
import { validateTrainConfig } from '../config.js';
import { defaultConfig } from '../config-defaults.js';
import { isSafeRunId } from '../ids.js';
import { MODEL_TABLE } from '../model-table.js';
import { OPTIMIZER_TABLE } from '../optimizer-table.js';
import { SEED_STUDY } from '../study.js';
import { expandSweep } from './expand-sweep.js';
import { parseSweepSpec } from './sweep-spec.js';

const now = new Date(Date.UTC(2026, 10, 25, 21, 4, 12));
const parse = (spec: object) => parseSweepSpec(spec, 'sweep.json');
const LR_CHECK = parse({
  name: 'lr-check',
  base: { model: 'dense', epochs: 2, limit: 2000 },
  space: { learningRate: [0.001, 0.003], optimizer: ['adam', 'nadam'] },
  seeds: [1, 2],
});

describe('expandSweep: grid search', () => {
  const trials = expandSweep(LR_CHECK, { now });

  it('is the cartesian product in the order the spec lists fields and values, x seeds', () => {
    expect(trials.map((t) => [t.trial, t.configKey, t.seed])).toEqual([
      [0, 'learningRate=0.001 optimizer=adam', 1],
      [1, 'learningRate=0.001 optimizer=adam', 2],
      [2, 'learningRate=0.001 optimizer=nadam', 1],
      [3, 'learningRate=0.001 optimizer=nadam', 2],
      [4, 'learningRate=0.003 optimizer=adam', 1],
      [5, 'learningRate=0.003 optimizer=adam', 2],
      [6, 'learningRate=0.003 optimizer=nadam', 1],
      [7, 'learningRate=0.003 optimizer=nadam', 2],
    ]);
    expect(trials[2]?.point).toEqual({ learningRate: 0.001, optimizer: 'nadam' });
  });

  it.each([
    [{ batchSize: [32, 64, 128] }, [1], 3],
    [{ batchSize: [32, 64, 128], optimizer: ['adam', 'sgd'] }, [1, 2, 3], 18],
    [{}, [1, 2], 2],
    [{}, undefined, 1],
  ])('grid %j x seeds %j makes %i trials', (space, seeds, count) => {
    const spec = parse({ name: 'n', space, ...(seeds === undefined ? {} : { seeds }) });
    expect(expandSweep(spec, { now })).toHaveLength(count);
  });

  it('gives each trial a complete config: model defaults, then base, the point and the seed', () => {
    const trial = trials[3];
    expect(trial?.config).toEqual(
      defaultConfig('dense', {
        epochs: 2,
        limit: 2000,
        learningRate: 0.001,
        optimizer: 'nadam',
        seed: 2,
      }),
    );
    for (const { config } of trials)
      expect(validateTrainConfig(config, { file: 'x', path: '' })).toEqual(config);
  });

  it('gives every trial its own sortable run id, stamped with the sweep creation time', () => {
    expect(trials.map((t) => t.runId)).toEqual([
      '20261125-210412-dense-adam-lr-check-t000',
      '20261125-210412-dense-adam-lr-check-t001',
      '20261125-210412-dense-nadam-lr-check-t002',
      '20261125-210412-dense-nadam-lr-check-t003',
      '20261125-210412-dense-adam-lr-check-t004',
      '20261125-210412-dense-adam-lr-check-t005',
      '20261125-210412-dense-nadam-lr-check-t006',
      '20261125-210412-dense-nadam-lr-check-t007',
    ]);
    const byTrial = [...trials].sort((a, b) => (a.runId.slice(-4) < b.runId.slice(-4) ? -1 : 1));
    expect(byTrial).toEqual(trials);
  });

  it('widens the trial number past 999 trials and stays a safe run id at the longest name', () => {
    const spec = parse({
      name: 'x'.repeat(64),
      base: { model: 'cnn-regularized', optimizer: 'rmsprop' },
      space: { batchSize: Array.from({ length: 1001 }, (_, i) => i + 1) },
    });
    const ids = expandSweep(spec, { now }).map((t) => t.runId);
    expect(ids[0]).toMatch(/-t0000$/);
    expect(ids.at(-1)).toMatch(/-t1000$/);
    expect(ids.every(isSafeRunId)).toBe(true);
    expect(new Set(ids).size).toBe(1001);
  });

  it('takes the defaults of the model a trial trains, when the space sweeps the model', () => {
    const spec = parse({ name: 'models', space: { model: ['dense', 'cnn'] } });
    expect(expandSweep(spec, { now }).map((t) => [t.config.model, t.config.epochs])).toEqual([
      ['dense', MODEL_TABLE.dense.defaults.epochs],
      ['cnn', MODEL_TABLE.cnn.defaults.epochs],
    ]);
  });

  it('crosses explicit configs with the space: the seed study over 3 seeds', () => {
    const spec = parse({
      name: 'seed-study',
      configs: SEED_STUDY.runs,
      seeds: [42, 43, 44],
    });
    const expanded = expandSweep(spec, { now });
    expect(expanded).toHaveLength(18);
    expect(new Set(expanded.map((t) => t.configKey)).size).toBe(6);
    expect(expanded[0]).toMatchObject({
      configKey: `learningRate=${OPTIMIZER_TABLE.sgd.defaultLearningRate} model=dense optimizer=sgd`,
      seed: 42,
    });
    expect(expanded.at(-1)?.configKey).toBe('model=cnn-regularized optimizer=adam');
  });
});

describe('expandSweep: random search', () => {
  const RANDOM = {
    name: 'random',
    base: { model: 'dense' },
    space: {
      learningRate: { loguniform: [1e-4, 1e-2] },
      batchSize: { uniform: [32, 256] },
      optimizer: { choice: ['adam', 'nadam', 'rmsprop'] },
    },
    trials: 20,
    seeds: [1, 2],
    seed: 7,
  };

  it('draws `trials` points, each once per seed', () => {
    const trials = expandSweep(parse(RANDOM), { now });
    expect(trials).toHaveLength(40);
    expect(new Set(trials.map((t) => t.configKey)).size).toBe(20);
  });

  it('draws the same points for the same spec seed, other points for another', () => {
    const points = (seed: number) =>
      expandSweep(parse({ ...RANDOM, seed }), { now }).map((t) => t.point);
    expect(points(7)).toEqual(points(7));
    expect(points(8)).not.toEqual(points(7));
  });

  it('keeps every draw inside its range, integer fields whole', () => {
    for (const { config } of expandSweep(parse({ ...RANDOM, trials: 200, seeds: [1] }), { now })) {
      expect(config.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(config.learningRate).toBeLessThanOrEqual(1e-2);
      expect(Number.isInteger(config.batchSize)).toBe(true);
      expect(config.batchSize).toBeGreaterThanOrEqual(32);
      expect(config.batchSize).toBeLessThanOrEqual(256);
      expect(['adam', 'nadam', 'rmsprop']).toContain(config.optimizer);
    }
  });
});
