import { describe, expect, it } from 'vitest';
import { MODEL_TABLE } from './model-table.js';
import { OPTIMIZER_TABLE } from './optimizer-table.js';
import { RunFileError } from './run-file-error.js';
import { SEED_STUDY, parseStudyFile, studyConfigs } from './study.js';

describe('SEED_STUDY', () => {
  const configs = studyConfigs(SEED_STUDY);

  it('trains dense under every optimizer, then cnn and cnn-regularized with Adam', () => {
    expect(configs.map((c) => `${c.model}/${c.optimizer}`)).toEqual([
      'dense/sgd',
      'dense/rmsprop',
      'dense/adam',
      'dense/nadam',
      'cnn/adam',
      'cnn-regularized/adam',
    ]);
  });

  it("uses each optimizer's default rate, and a lower one for the regularized CNN", () => {
    expect(configs[0]!.learningRate).toBe(OPTIMIZER_TABLE.sgd.defaultLearningRate);
    expect(configs[5]!.learningRate).toBe(MODEL_TABLE['cnn-regularized'].defaults.learningRate);
    expect(configs[5]!.learningRate).toBeLessThan(configs[4]!.learningRate);
  });

  it('trains every model for its default epochs on all images', () => {
    for (const config of configs) {
      expect(config.epochs).toBe(MODEL_TABLE[config.model].defaults.epochs);
      expect(config.limit).toBeUndefined();
    }
  });

  it('has a quick variant: 6,000 images, 2 epochs, nothing else changed', () => {
    const quick = studyConfigs(SEED_STUDY, { quick: true });
    quick.forEach((config, i) => {
      expect(config).toEqual({ ...configs[i], limit: 6000, epochs: 2 });
    });
  });

  it('puts defaults under the runs own fields and overrides over them', () => {
    const study = {
      ...SEED_STUDY,
      runs: [{ model: 'dense' as const, workers: 3 }, { model: 'cnn' as const }],
    };
    const defaults = (model: string) => ({ workers: model === 'cnn' ? 2 : 4, seed: 5 });
    const [own, defaulted] = studyConfigs(study, { defaults });
    expect([own?.workers, own?.seed, defaulted?.workers]).toEqual([3, 5, 2]);
    const [overridden] = studyConfigs(study, { defaults, overrides: { workers: 1 } });
    expect(overridden?.workers).toBe(1);
  });

  it('applies overrides to every run', () => {
    expect(
      studyConfigs(SEED_STUDY, { overrides: { backend: 'cpu', seed: 7 } }).every(
        (c) => c.backend === 'cpu' && c.seed === 7,
      ),
    ).toBe(true);
  });
});

describe('parseStudyFile', () => {
  it('reads a bare list of partial configs, named after the file', () => {
    const study = parseStudyFile(
      '[{"model":"dense","learningRate":0.01},{"model":"cnn","augment":"flip"}]',
      'studies/lr-sweep.json',
    );
    expect(study.name).toBe('lr-sweep');
    expect(study.runs).toEqual([
      { model: 'dense', learningRate: 0.01 },
      { model: 'cnn', augment: 'flip' },
    ]);
    expect(studyConfigs(study)[1]).toMatchObject({
      model: 'cnn',
      augment: 'flip',
      optimizer: 'adam',
    });
  });

  it('reads the yes/no augmentation of files written before it had names', () => {
    const study = parseStudyFile(
      '[{"model":"cnn","augment":true},{"model":"cnn","augment":false}]',
      'old.json',
    );
    expect(study.runs).toEqual([
      { model: 'cnn', augment: 'full' },
      { model: 'cnn', augment: 'off' },
    ]);
  });

  it('reads the object form with name, description and quick settings', () => {
    const study = parseStudyFile(
      {
        name: 'mine',
        description: 'Two nets',
        runs: [{ model: 'dense' }],
        quick: { limit: 100, epochs: 1 },
      },
      'x.json',
    );
    expect(study).toEqual({
      name: 'mine',
      description: 'Two nets',
      runs: [{ model: 'dense' }],
      quick: { limit: 100, epochs: 1 },
    });
  });

  it.each([
    ['{', 'f.json: the file must be valid JSON'],
    [
      '[{"model":"dense","learningRate":0}]',
      'f.json: runs[0].learningRate must be a positive number, got 0',
    ],
    ['[{"optimizer":"adam"}]', 'f.json: runs[0].model must be a model name, got nothing'],
    ['[{"model":"dense","lr":1}]', 'f.json: runs[0].lr must be absent (unknown field'],
    ['[]', 'f.json: runs must be a non-empty list of runs'],
    [
      '{"name":"../x","runs":[{"model":"dense"}]}',
      'f.json: name must be letters, digits, - and _ only',
    ],
    [
      '{"runs":[{"model":"dense"}],"quick":{"limit":0,"epochs":1}}',
      'f.json: quick.limit must be a positive integer, got 0',
    ],
  ])('rejects %s', (text, message) => {
    expect(() => parseStudyFile(text, 'f.json')).toThrow(RunFileError);
    expect(() => parseStudyFile(text, 'f.json')).toThrow(message);
  });
});
