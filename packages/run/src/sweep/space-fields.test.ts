import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../config.js';
import { numericKind, SWEEP_FIELDS } from './space-fields.js';

describe('numericKind', () => {
  it.each([
    ['learningRate', 'real'],
    ['momentum', 'real'],
    ['validationSplit', 'real'],
    ['epochs', 'integer'],
    ['batchSize', 'integer'],
    ['limit', 'integer'],
    ['workers', 'integer'],
    ['model', undefined],
    ['augment', undefined],
    ['earlyStopping', undefined],
    ['lrSchedule', undefined],
  ] as const)('%s is %s', (key, kind) => {
    expect(numericKind(key)).toBe(kind);
  });
});

describe('SWEEP_FIELDS', () => {
  it('is every config field but the seed, in config order', () => {
    expect(SWEEP_FIELDS).toEqual(CONFIG_KEYS.filter((key) => key !== 'seed'));
  });
});
