import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '@fashion-lab/run';
import { defaultConfig } from '@fashion-lab/run';
import { ConfigError, validateConfig } from './validate-config.js';

describe('validateConfig', () => {
  it('accepts every model default config', () => {
    for (const model of ['dense', 'cnn', 'cnn-regularized', 'cnn-strong'] as const) {
      expect(() => validateConfig(defaultConfig(model))).not.toThrow();
    }
  });

  it.each<[Partial<TrainConfig>, RegExp]>([
    [{ epochs: -1 }, /^--epochs must be a positive integer, got -1$/],
    [{ epochs: 1.5 }, /^--epochs must be a positive integer, got 1.5$/],
    [{ learningRate: 0 }, /^--lr must be .*, got 0$/],
    [{ batchSize: 0 }, /^--batch-size must be a positive integer, got 0$/],
    [{ validationSplit: 1 }, /^--validation-split must be .*, got 1$/],
    [{ model: 'resnet' as TrainConfig['model'] }, /^--model must be one of .*, got "resnet"$/],
    [
      { optimizer: 'adagrad' as TrainConfig['optimizer'] },
      /^--optimizer must be one of .*"adagrad"$/,
    ],
    [
      { earlyStopping: { patience: 0, restoreBestWeights: true } },
      /^--early-stopping patience must be/,
    ],
    [
      { tta: 'flip' },
      /^--tta flip needs a model trained on mirrored images \(--augment flip or full\)/,
    ],
    [
      { validationSplit: 0, earlyStopping: { patience: 2, restoreBestWeights: true } },
      /^--early-stopping needs validation images, and --validation-split 0 holds out none$/,
    ],
    [
      { validationSplit: 0, reduceLrOnPlateau: { factor: 0.5, patience: 2, minLr: 1e-5 } },
      /^--reduce-lr-on-plateau needs validation images/,
    ],
  ])('rejects %o with one sentence naming the flag', (overrides, message) => {
    const attempt = () => validateConfig(defaultConfig('dense', overrides));
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });
});

describe('defaultConfig', () => {
  it('predicts with flips exactly when training mirrors images, unless told', () => {
    expect(defaultConfig('cnn-strong').tta).toBe('flip');
    expect(defaultConfig('cnn-regularized').tta).toBe('flip');
    expect(defaultConfig('cnn').tta).toBe('off');
    expect(defaultConfig('cnn', { augment: 'full' }).tta).toBe('flip');
    expect(defaultConfig('cnn-strong', { augment: 'off' }).tta).toBe('off');
    expect(defaultConfig('cnn-strong', { tta: 'off' }).tta).toBe('off');
  });
});
